import { env } from 'cloudflare:workers'
import { photoFlows } from '../flows/photo-flows.ts'
import { workersClockedHarness } from './harness.ts'

// test/fixtures/gps-photo.jpg, handed in by vitest.config.ts (workerd has no file system).
const fixture = Uint8Array.from(atob(env.TEST_PHOTO), (char) => char.charCodeAt(0))

photoFlows(workersClockedHarness(), () => fixture)
