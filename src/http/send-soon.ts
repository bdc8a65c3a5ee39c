import { drainOutbox } from '../domain/notification-sender.ts'
import type { AnyContext } from './env.ts'
import { logError } from './request-log.ts'

/**
 * Sends what is due now, after this response, without delaying it: an `awas` report's alerts
 * should not wait for the next scheduled pass. On Workers the runtime keeps the isolate for it
 * (`waitUntil`); on Node the promise simply runs on. Failures stay in the outbox for the next pass.
 */
export function sendSoon(c: AnyContext): void {
  const task = drainOutbox(c.var.deps).then(
    () => undefined,
    (error: unknown) => logError(c, error),
  )
  try {
    c.executionCtx.waitUntil(task)
  } catch {
    // No execution context outside Workers: the task already runs.
  }
}
