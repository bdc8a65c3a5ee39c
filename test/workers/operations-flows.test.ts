import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import worker from '../../src/entry/worker.ts'
import { prepared, seedBanyuwangi } from '../flows/harness.ts'
import { operationsFlows } from '../flows/operations-flows.ts'
import { entryHarness, migratedDeps } from './harness.ts'

const ready = prepared(async () => {
  const deps = await migratedDeps()
  const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
  return { h: entryHarness(deps), f }
})
operationsFlows(ready)

it('runs the retention purge from the Cron Trigger', async () => {
  const { h, f } = ready()
  const past = new Date(Date.now() - 3600_000).toISOString()
  await h.deps.db
    .insertInto('sessions')
    .values({ id_hash: 'cron-expired', user_id: f.reporter.id, created_at: past, expires_at: past })
    .execute()
  await worker.scheduled(createScheduledController({ cron: '0 18 * * *' }), env)
  const left = await h.deps.db.selectFrom('sessions').select('id_hash').where('id_hash', '=', 'cron-expired').execute()
  expect(left).toEqual([])
})
