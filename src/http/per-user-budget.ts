import { createMiddleware } from 'hono/factory'
import { Throttled } from '../domain/errors.ts'
import type { SignedInEnv } from './env.ts'

/**
 * Shares expensive work (dashboards, exports, compliance, planning) fairly: each user may run
 * `concurrent` such requests at once and `perMinute` in any minute; beyond that the answer is
 * 429 with `Retry-After`, so one user cannot starve the rest. Counted in memory, per process
 * (per isolate on Workers); all routes given the same budget share it.
 */
export function perUserBudget(options: { concurrent: number; perMinute: number }) {
  const running = new Map<string, number>()
  const recent = new Map<string, number[]>()
  return createMiddleware<SignedInEnv>(async (c, next) => {
    const id = c.var.user.id
    const now = c.var.deps.clock().getTime()
    const times = (recent.get(id) ?? []).filter((time) => time > now - 60_000)
    if ((running.get(id) ?? 0) >= options.concurrent) throw new Throttled(1, 'busy')
    if (times.length >= options.perMinute) throw new Throttled(Math.max(1, Math.ceil((times[0]! + 60_000 - now) / 1000)), 'busy')
    recent.set(id, [...times, now])
    running.set(id, (running.get(id) ?? 0) + 1)
    try {
      await next()
    } finally {
      const left = (running.get(id) ?? 1) - 1
      if (left > 0) running.set(id, left)
      else running.delete(id)
    }
  })
}

/** The one budget every expensive route draws on. */
export const expensive = perUserBudget({ concurrent: 2, perMinute: 60 })
