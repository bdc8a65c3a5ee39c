import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { User } from '../../src/db/schema.ts'
import type { Deps } from '../../src/deps.ts'
import type { SignedInEnv } from '../../src/http/env.ts'
import { perUserBudget } from '../../src/http/per-user-budget.ts'
import { announceRetry, problemFor } from '../../src/http/problem.ts'
import { messagesFor } from '../../src/i18n/index.ts'

/** Downloads handed out by a `blockingApp`, and which of them were cancelled (the work behind them stopped). */
const downloads = { started: 0, cancelled: new Set<number>() }

/** An endless download, as an export of many rows is to a client that reads slowly: a chunk per read. */
function endlessDownload(): ReadableStream<Uint8Array> {
  const number = ++downloads.started
  return new ReadableStream({
    pull: (controller) => controller.enqueue(new TextEncoder().encode(`row of download ${number}\n`.repeat(100))),
    cancel: () => void downloads.cancelled.add(number),
  })
}

/**
 * An app whose `/heavy` blocks the thread for `blockMs`, as a heavy synchronous query does, `/slow`
 * waits 100 ms, and `/download` streams without end.
 */
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
    .get('/download', budget, (c) => c.body(endlessDownload(), 200, { 'Content-Disposition': 'attachment; filename="x.csv"' }))
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

  it('keeps a user’s slot while a download streams, until it ends or the client goes away, which stops it', async () => {
    const app = blockingApp(0)
    const download = (user: string) => app.request('/download', { headers: { 'X-User': user } })
    const [first, second] = [await download('a'), await download('a')]
    expect([first.status, second.status]).toEqual([200, 200])
    expect((await download('a')).status).toBe(429)
    // Others are not held up by a's downloads.
    const other = await download('b')
    expect(other.status).toBe(200)
    await other.body!.cancel()
    const reader = first.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('row of download')
    const cancelledBefore = downloads.cancelled.size
    await reader.cancel()
    expect(downloads.cancelled.size).toBe(cancelledBefore + 1)
    const third = await download('a')
    expect(third.status).toBe(200)
    await Promise.all([second.body!.cancel(), third.body!.cancel()])
  })

  it('stops a download on Node when the client disconnects', async () => {
    const server = serve({ fetch: blockingApp(0).fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const { port } = server.address() as AddressInfo
    const aborted = new AbortController()
    const response = await fetch(`http://127.0.0.1:${port}/download`, { headers: { 'X-User': 'n' }, signal: aborted.signal })
    const number = downloads.started
    await response.body!.getReader().read()
    expect(downloads.cancelled.has(number)).toBe(false)
    aborted.abort()
    for (let waited = 0; !downloads.cancelled.has(number) && waited < 5000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(downloads.cancelled.has(number)).toBe(true)
    await new Promise((resolve) => server.close(resolve))
  })
})
