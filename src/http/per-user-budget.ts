import { createMiddleware } from 'hono/factory'
import { Throttled } from '../domain/errors.ts'
import type { SignedInEnv } from './env.ts'

export interface BudgetOptions {
  /** Expensive requests one user may have running at once. */
  concurrent: number
  /** Expensive requests one user may start in any minute. */
  perMinute: number
  /** Expensive requests all users together may have running at once (a burst arrives before any has finished). */
  concurrentTotal: number
  /**
   * The share of wall time all expensive requests together may take, over `windowMs`: however many
   * users ask for dashboards at once, the reader threads (and on Workers, D1) keep time for the rest.
   */
  timeShare: number
  windowMs: number
}

/**
 * Shares expensive work (dashboards, exports, compliance, planning) fairly: per user (at once and
 * per minute) and in total (a share of wall time); beyond that the answer is 429 with
 * `Retry-After`. Counted in memory, per process (per isolate on Workers); all routes given the
 * same budget share it, and `.onThisThread` is the same budget with reads left on the serving
 * thread, each in a turn of its own.
 */
export function perUserBudget(options: BudgetOptions) {
  const running = new Map<string, number>()
  const recent = new Map<string, number[]>()
  let spans: { end: number; ms: number }[] = []
  let runningTotal = 0
  const budget = (readers: boolean) =>
    createMiddleware<SignedInEnv>(async (c, next) => {
      const id = c.var.user.id
      const now = c.var.deps.clock().getTime()
      const times = (recent.get(id) ?? []).filter((time) => time > now - 60_000)
      if ((running.get(id) ?? 0) >= options.concurrent || runningTotal >= options.concurrentTotal) throw new Throttled(1, 'busy')
      if (times.length >= options.perMinute) throw new Throttled(Math.max(1, Math.ceil((times[0]! + 60_000 - now) / 1000)), 'busy')
      const started = performance.now()
      spans = spans.filter((span) => span.end > started - options.windowMs)
      const used = spans.reduce((sum, span) => sum + span.ms, 0)
      if (used >= options.timeShare * options.windowMs) throw new Throttled(Math.ceil(options.windowMs / 1000), 'busy')
      recent.set(id, [...times, now])
      running.set(id, (running.get(id) ?? 0) + 1)
      runningTotal++
      // The heavy reads of this request run on reader threads, or take turns with other requests.
      const { deps } = c.var
      const heavyDb = readers ? deps.readerDb : deps.turnTakingDb
      if (heavyDb) c.set('deps', { ...deps, db: heavyDb })
      let userSlotHeld = true
      const releaseUserSlot = () => {
        if (!userSlotHeld) return
        userSlotHeld = false
        const left = (running.get(id) ?? 1) - 1
        if (left > 0) running.set(id, left)
        else running.delete(id)
      }
      try {
        await next()
      } finally {
        const end = performance.now()
        spans.push({ end, ms: end - started })
        runningTotal--
        // A download (an export) runs on after the answer has begun: the user's slot stays taken
        // until it ends or the client goes away, so no one runs more exports at once than allowed.
        // The shared slots are free already: a slow reader must not hold everyone's dashboards.
        // The header first: asking for the body makes node-server build a full Response, which only a download needs.
        const body = c.res.headers.get('Content-Disposition')?.startsWith('attachment') ? c.res.body : null
        if (body) c.res = new Response(untilStreamEnds(body, releaseUserSlot), c.res)
        else releaseUserSlot()
      }
    })
  return Object.assign(budget(true), { onThisThread: budget(false) })
}

/**
 * The one budget every expensive route draws on: half of every ten seconds at most. Exports,
 * compliance and planning read on the reader threads; dashboards, which read kept counts (eleven
 * queries, 6 ms together at national scale), use `expensive.onThisThread`: a hop to a reader per
 * query cost them more (7.7 ms median, 22 ms p95) than the queries themselves.
 */
export const expensive = perUserBudget({ concurrent: 2, perMinute: 60, concurrentTotal: 4, timeShare: 0.5, windowMs: 10_000 })

/**
 * `body` passed on as it is read; `ended` is called once, when it has been read to its end, failed,
 * or was cancelled by the client going away (which cancels `body` too, so the work behind it stops).
 */
function untilStreamEnds(body: ReadableStream<Uint8Array>, ended: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read()
        if (done) {
          ended()
          controller.close()
        } else controller.enqueue(value)
      } catch (error) {
        ended()
        controller.error(error)
      }
    },
    async cancel(reason) {
      ended()
      await reader.cancel(reason)
    },
  })
}
