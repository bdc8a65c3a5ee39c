import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect, inject, it } from 'vitest'
import { createWebhook } from '../../src/domain/webhooks.ts'
import worker from '../../src/entry/worker.ts'
import { apiLogin, bearer, json, prepared, seedBanyuwangi } from '../flows/harness.ts'
import type { Received } from '../stand-ins/outside-world.ts'
import { entryHarness, migratedDeps } from './harness.ts'

// Through the Worker's own entry: an awas filing sends at once inside `waitUntil`, and the
// every-minute Cron Trigger runs a notification pass.
const world = inject('outsideWorld')
const ready = prepared(async () => {
  const deps = await migratedDeps()
  const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
  const hook = `entry-${crypto.randomUUID().slice(0, 8)}`
  const { secret } = await createWebhook(deps, f.regencyAdmin, '35.10', { url: `${world}/hooks/${hook}`, events: ['report.filed'] })
  await fetch(`${world}/_webhook-secrets`, { method: 'POST', body: JSON.stringify({ name: hook, secret }) })
  return { h: entryHarness(deps), hook }
})

/** What reached this file's webhook about reports of `level`, waiting up to `waitMs` for the first. */
async function deliveredTo(hook: string, level: string, waitMs: number): Promise<Received[]> {
  const until = Date.now() + waitMs
  for (;;) {
    const arrived = ((await (await fetch(`${world}/_received`)).json()) as Received[]).filter(
      (entry) => entry.to === hook && (entry.body as { data: { alert_level: string } }).data.alert_level === level,
    )
    if (arrived.length > 0 || Date.now() > until) return arrived
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const report = (level: string) => ({
  village_code: '35.10.01.2001',
  category: 'crime',
  alert_level: level,
  title: `Pencurian ternak ${level}`,
  description: 'Dua ekor sapi hilang dari kandang.',
  occurred_at: new Date(Date.now() - 3600_000).toISOString(),
})

it('sends an awas report’s alerts within the request’s waitUntil', async () => {
  const { h, hook } = ready()
  const filed = await h.fetch('/api/v1/reports', bearer(await apiLogin(h, 'babinsa.sarongan'), json(report('awas'))))
  expect(filed.status).toBe(201)
  const arrived = await deliveredTo(hook, 'awas', 5000)
  expect(arrived).toHaveLength(1)
  expect(arrived[0]).toMatchObject({ verified: true, body: { type: 'report.filed', data: { alert_level: 'awas' } } })
})

it('sends the rest from the every-minute Cron Trigger', async () => {
  const { h, hook } = ready()
  const filed = await h.fetch('/api/v1/reports', bearer(await apiLogin(h, 'babinsa.sarongan'), json(report('waspada'))))
  expect(filed.status).toBe(201)
  expect(await deliveredTo(hook, 'waspada', 300)).toEqual([])
  await worker.scheduled(createScheduledController({ cron: '* * * * *' }), env)
  const arrived = await deliveredTo(hook, 'waspada', 1000)
  expect(arrived).toHaveLength(1)
  expect(arrived[0]).toMatchObject({ verified: true, body: { type: 'report.filed', data: { alert_level: 'waspada' } } })
})
