import { readFileSync } from 'node:fs'
import { photoFlows } from '../flows/photo-flows.ts'
import { nodeHarness } from './node-harness.ts'

// A 1200×900 JPEG whose EXIF says "rotate 90° clockwise" and carries a GPS position (made with exiftool).
const fixture = new Uint8Array(readFileSync(new URL('../fixtures/gps-photo.jpg', import.meta.url)))

photoFlows(nodeHarness(), () => fixture)
