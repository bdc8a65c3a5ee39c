import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { User } from '../../src/db/schema.ts'
import type { Deps } from '../../src/deps.ts'
import type { SignedInEnv } from '../../src/http/env.ts'
import { perUserBudget } from '../../src/http/per-user-budget.ts'
import { announceRetry, problemFor } from '../../src/http/problem.ts'
import { messagesFor } from '../../src/i18n/index.ts'

/** An app whose `/heavy` blocks the thread for `blockMs`, as a heavy synchronous query does, and `/slow` waits 100 ms. */
function blockingApp(blockMs: number) {
  const budget = perUserBudget({ concurrent: 2, perMinute: 60, concurrentTotal: 4, timeShare: 0.5, windowMs: 1000 })
  return new Hono<SignedInEnv>()
    .use(async (c, next) => {
      c.set('user', { id: c.req.header('X-User') ?? 'a' } as User)
      c.set('deps', { clock: () => new Date(), db: 'main', readerDb: 'reader', turnTakingDb: 'turn-taking' } as unknown as Deps)
      c.set('t', messagesFor('en'))
      await next()
    })
    .get('/heavy', budget, (c) => {
      const until = performance.now() + blockMs
      while (performance.now() < until);
      return c.text('done')
    })
    .get('/slow', budget, async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return c.text(String(c.var.deps.db))
    })
    .get('/slow-here', budget.onThisThread, async (c) => {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return c.text(String(c.var.deps.db))
    })
    .onError((error, c) => {
      announceRetry(c, error)
      return problemFor(c, error) ?? c.text('error', 500)
    })
}

describe('the budget of expensive work', () => {
  it('keeps half of the time free for everyone else, whoever asks', async () => {
    const app = blockingApp(200)
    const statuses: number[] = []
    for (const user of ['a', 'b', 'c', 'd', 'e']) statuses.push((await app.request('/heavy', { headers: { 'X-User': user } })).status)
    // 3 × 200 ms use up half a second of the last second: the fourth and fifth user wait.
    expect(statuses).toEqual([200, 200, 200, 429, 429])
    const refused = await app.request('/heavy', { headers: { 'X-User': 'f' } })
    expect(refused.headers.get('Retry-After')).toBe('1')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect((await app.request('/heavy', { headers: { 'X-User': 'g' } })).status).toBe(200)
  })

  it('lets four expensive requests run at once in all, and two per user', async () => {
    const app = blockingApp(0)
    const at = (users: string[]) =>
      Promise.all(users.map(async (user) => (await app.request('/slow', { headers: { 'X-User': user } })).status))
    expect(await at(['a', 'b', 'c', 'd', 'e'])).toEqual([200, 200, 200, 200, 429])
    expect(await at(['a', 'a', 'a'])).toEqual([200, 200, 429])
  })

  it('is one budget whether the reads go to the reader threads or take turns on this thread', async () => {
    const app = blockingApp(0)
    const ask = async (path: string, user: string) => {
      const response = await app.request(path, { headers: { 'X-User': user } })
      return `${response.status} ${response.status === 200 ? await response.text() : ''}`.trim()
    }
    expect(await Promise.all([ask('/slow', 'a'), ask('/slow-here', 'a'), ask('/slow-here', 'a')])).toEqual([
      '200 reader',
      '200 turn-taking',
      '429',
    ])
  })
})
