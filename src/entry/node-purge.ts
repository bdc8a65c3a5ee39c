import type { WriteDeps } from '../deps.ts'
import { purgeExpired } from '../domain/purge.ts'
import type { Logger } from '../http/request-log.ts'

const DAY_MS = 24 * 3600_000

/** Runs the retention purge now and then daily inside the server; returns the timer to clear on shutdown. */
export function dailyPurge(deps: WriteDeps & { log: Logger }): NodeJS.Timeout {
  const run = () =>
    purgeExpired(deps).then(
      (counts) => deps.log({ level: 'info', msg: 'purge', ...counts }),
      (error: Error) => deps.log({ level: 'error', msg: 'purge failed', error: error.stack ?? error.message }),
    )
  void run()
  // unref: the timer alone does not keep the process alive.
  return setInterval(run, DAY_MS).unref()
}
