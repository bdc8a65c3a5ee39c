import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll } from 'vitest'
import { createApp } from '../../src/app.tsx'
import { openD1 } from '../../src/db/d1.ts'
import type { Deps } from '../../src/deps.ts'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import { type Fixtures, seedBanyuwangi } from '../flows/harness.ts'
import type { ClockedHarness } from '../flows/report-flows.ts'

/**
 * The app inside workerd over this file's local D1, built with a clock the flows can set (the
 * hotspot, deadline and overdue rules need a fixed "now"). The Worker's own entry is covered
 * by foundation-flows.
 */
export function workersClockedHarness(): () => { h: ClockedHarness; f: Fixtures } {
  let state: { h: ClockedHarness; f: Fixtures } | undefined
  beforeAll(async () => {
    await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
    let now: Date | undefined
    const deps: Deps = {
      ...openD1(env.DB),
      clock: () => now ?? new Date(),
      passwords: createPasswordHasher(nodeScrypt),
      clientAddress: () => 'test',
    }
    const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
    const app = createApp(deps)
    const h: ClockedHarness = {
      deps,
      fetch: async (path, init) => app.fetch(new Request(`https://tigapilar.test${path}`, { redirect: 'manual', ...init }), env),
      setNow: (instant) => (now = instant),
    }
    state = { h, f }
  })
  return () => {
    if (!state) throw new Error('harness not ready')
    return state
  }
}
