import { applyD1Migrations } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { beforeAll } from 'vitest'
import { openD1 } from '../../src/db/d1.ts'
import type { Deps } from '../../src/deps.ts'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import { foundationFlows } from '../flows/foundation-flows.ts'
import { type Fixtures, type Harness, seedBanyuwangi } from '../flows/harness.ts'

// The Worker's own entry (its default export) inside workerd, over local D1 with the same migrations.
let state: { h: Harness; f: Fixtures } | undefined

beforeAll(async () => {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
  const deps: Deps = {
    ...openD1(env.DB),
    clock: () => new Date(),
    passwords: createPasswordHasher(nodeScrypt),
    clientAddress: () => 'test',
  }
  const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
  const h: Harness = {
    deps,
    fetch: (path, init) => exports.default.fetch(`https://tigapilar.test${path}`, { redirect: 'manual', ...init }),
  }
  state = { h, f }
})

foundationFlows(() => {
  if (!state) throw new Error('harness not ready')
  return state
})
