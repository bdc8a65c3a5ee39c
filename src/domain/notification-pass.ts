import type { Deps } from '../deps.ts'
import { type ScheduleResult, scheduleDue } from './notification-scheduler.ts'
import { drainOutbox, type SenderDeps, type SendResult } from './notification-sender.ts'

/**
 * One full pass: record what time has made due, then send everything due. The Node server runs
 * it on a timer, `cli notifications:run` from cron, Workers from a Cron Trigger every minute; any
 * number at once is safe.
 */
export async function notificationPass(deps: SenderDeps & Pick<Deps, 'readerDb'>): Promise<ScheduleResult & SendResult> {
  const scheduled = await scheduleDue(deps)
  return { ...scheduled, ...(await drainOutbox(deps)) }
}
