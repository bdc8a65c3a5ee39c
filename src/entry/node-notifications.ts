import type { Deps } from '../deps.ts'
import { notificationPass } from '../domain/notification-pass.ts'
import type { SenderDeps } from '../domain/notification-sender.ts'

const EVERY_MS = 30_000

/**
 * Runs notification passes inside the server every 30 seconds, one at a time; returns the timer to
 * clear on shutdown. `cli notifications:run` from cron may run beside it: rows are claimed.
 */
export function notificationTimer(deps: SenderDeps & Pick<Deps, 'readerDb' | 'log'>): NodeJS.Timeout {
  let running = false
  const run = async () => {
    if (running) return
    running = true
    try {
      const done = await notificationPass(deps)
      if (Object.values(done).some((n) => n > 0)) deps.log({ level: 'info', msg: 'notifications', ...done })
    } catch (error) {
      deps.log({
        level: 'error',
        msg: 'notifications failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      })
    } finally {
      running = false
    }
  }
  // unref: the timer alone does not keep the process alive.
  return setInterval(run, EVERY_MS).unref()
}
