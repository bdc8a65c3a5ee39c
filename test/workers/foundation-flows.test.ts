import { env } from 'cloudflare:workers'
import { foundationFlows } from '../flows/foundation-flows.ts'
import { prepared, seedBanyuwangi } from '../flows/harness.ts'
import { entryHarness, migratedDeps } from './harness.ts'

// The Worker's own entry (its default export) inside workerd, over local D1 with the same migrations.
foundationFlows(
  prepared(async () => {
    const deps = await migratedDeps()
    const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
    return { h: entryHarness(deps), f }
  }),
)
