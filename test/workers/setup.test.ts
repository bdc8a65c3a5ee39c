import { applyD1Migrations } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { beforeAll } from 'vitest'
import { openD1 } from '../../src/db/d1.ts'
import type { Deps } from '../../src/deps.ts'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { importRegions } from '../../src/domain/region-import.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import type { Harness } from '../flows/harness.ts'
import { setupFlows } from '../flows/setup-flows.ts'

// As a Workers deployment does: regions loaded beforehand (README: regions:sql + wrangler d1
// execute), setup opened by the SETUP_TOKEN secret.
let state: { h: Harness; token: string } | undefined

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
  const deps: Deps = {
    ...openD1(env.DB),
    clock: () => new Date(),
    passwords: createPasswordHasher(nodeScrypt),
    clientAddress: () => 'test',
  }
  await importRegions(deps, env.TEST_REGIONS, null, '35.10')
  const h: Harness = {
    deps,
    fetch: (path, init) => exports.default.fetch(`https://tigapilar.test${path}`, { redirect: 'manual', ...init }),
  }
  state = { h, token: env.SETUP_TOKEN! }
})

setupFlows(() => state!)
