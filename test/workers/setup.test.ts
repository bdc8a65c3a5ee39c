import { env } from 'cloudflare:workers'
import { importRegions } from '../../src/domain/region-import.ts'
import { prepared } from '../flows/harness.ts'
import { setupFlows } from '../flows/setup-flows.ts'
import { entryHarness, migratedDeps } from './harness.ts'

// As a Workers deployment does: regions loaded beforehand (README: regions:sql + wrangler d1
// execute), setup opened by the SETUP_TOKEN secret.
setupFlows(
  prepared(async () => {
    const deps = await migratedDeps()
    await importRegions(deps, env.TEST_REGIONS, null, '35.10')
    return { h: entryHarness(deps), token: env.SETUP_TOKEN! }
  }),
)
