import { sql } from 'kysely'
import { jsonList } from '../db/chunks.ts'
import type { Deps } from '../deps.ts'
import { type OverseenColumn, reportsThrough } from './report-indexes.ts'

const DAY = 86_400_000

/** Why a village is a hotspot: an awas report, or a rise against its own baseline. */
export type HotspotReason =
  | { kind: 'awas'; awas_30d: number }
  | { kind: 'rising'; above_normal_30d: number; average_30d_previous_90d: number }

export interface Hotspot {
  village_code: string
  village_name: string
  reasons: HotspotReason[]
}

/**
 * Hotspot rule of the early-warning issue: an `awas` report in the last 30 days, or at least 3
 * reports above `normal` in the last 30 days and at least twice the village's average 30-day
 * count over the 90 days before that.
 */
export function hotspotReasons(awas30: number, above30: number, abovePrevious90: number): HotspotReason[] {
  const reasons: HotspotReason[] = []
  if (awas30 > 0) reasons.push({ kind: 'awas', awas_30d: awas30 })
  const average = abovePrevious90 / 3
  if (above30 >= 3 && above30 >= 2 * average)
    reasons.push({ kind: 'rising', above_normal_30d: above30, average_30d_previous_90d: Math.round(average * 100) / 100 })
  return reasons
}

/**
 * `alert_rank >= 1` as the partial indexes of reports above normal say it: a literal, which SQLite
 * matches to them once (a bound 1 only by compiling the statement again on every run). The hotspot
 * query names its index (`reportsThrough`), which SQLite can use only when the query implies the
 * index's condition.
 */
const ABOVE_NORMAL_AS_INDEXED = sql.lit(1)

/** The hotspots of a region as of `now`, each with the reasons it is one. */
export async function hotspotsIn(deps: Pick<Deps, 'db'>, column: OverseenColumn, regionCode: string, now: Date): Promise<Hotspot[]> {
  const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString()
  // One pass over the last 120 days: the last 30, and the 90 before them.
  const activity = await deps.db
    .selectFrom(reportsThrough('above_normal', column))
    .select([
      'village_code',
      sql<number>`SUM(alert_rank = 3 AND occurred_at >= ${monthAgo})`.as('awas_30'),
      sql<number>`SUM(alert_rank >= 1 AND occurred_at >= ${monthAgo})`.as('above_30'),
      sql<number>`SUM(alert_rank >= 1 AND occurred_at < ${monthAgo})`.as('above_prev_90'),
    ])
    .where(column, '=', regionCode)
    // Only reports above normal count (awas is one of them): the partial indexes hold just those.
    .where('alert_rank', '>=', ABOVE_NORMAL_AS_INDEXED)
    .where('occurred_at', '>=', new Date(now.getTime() - 120 * DAY).toISOString())
    .where('occurred_at', '<=', now.toISOString())
    .groupBy('village_code')
    .execute()
  const rows = activity
    .map((row) => ({
      code: row.village_code,
      reasons: hotspotReasons(Number(row.awas_30), Number(row.above_30), Number(row.above_prev_90)),
    }))
    .filter((row) => row.reasons.length > 0)
  if (rows.length === 0) return []
  const names = await deps.db
    .selectFrom('regions')
    .select(['code', 'name'])
    // However many hotspots a regency has (D1 binds at most 100 parameters).
    .where('code', 'in', jsonList(rows.map((row) => row.code)))
    .execute()
  return rows.map((row) => ({
    village_code: row.code,
    village_name: names.find((n) => n.code === row.code)?.name ?? row.code,
    reasons: row.reasons,
  }))
}
