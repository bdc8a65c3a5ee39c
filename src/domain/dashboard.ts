import { sql } from 'kysely'
import type { AlertLevel, ReportStatus, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { ALERT_LEVELS, alertRank, STATUSES } from './alert-levels.ts'
import { DomainError } from './errors.ts'
import { offsetHours, type Quarter, quarterLabel, quarterOf, quarterStart, shiftQuarter } from './local-time.ts'
import { childRegions, findRegion, timezoneOfCode } from './regions.ts'
import { canChangeStatus, reportRegionColumn } from './report-visibility.ts'
import { attentionOf } from './reports.ts'
import { scopeContains, scopeRange } from './scope.ts'

const DAY = 86_400_000

export interface AttentionItem {
  id: string
  title: string
  village_code: string
  alert_level: AlertLevel
  occurred_at: string
  ack_due_at: string
  overdue: boolean
}

/** Why a village is a hotspot: an awas report, or a rise against its own baseline. */
export type HotspotReason =
  | { kind: 'awas'; awas_30d: number }
  | { kind: 'rising'; above_normal_30d: number; average_30d_previous_90d: number }

export interface Hotspot {
  village_code: string
  village_name: string
  reasons: HotspotReason[]
}

export interface Dashboard {
  region: { code: string; name: string; level: string }
  by_alert_level: Record<AlertLevel, number>
  by_status: Record<ReportStatus, number>
  by_category: Record<string, number>
  by_region: { code: string; name: string; total: number; above_normal: number }[]
  needs_attention: AttentionItem[]
  overdue: AttentionItem[]
  hotspots: Hotspot[]
  silent_villages: { code: string; name: string }[]
  quarterly: ({ quarter: string } & Record<AlertLevel, number>)[]
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

/** The reviewers' dashboard of a district or regency, as of `deps.clock()`. */
export async function dashboardFor(deps: Pick<Deps, 'db' | 'clock'>, viewer: User, regionCode: string): Promise<Dashboard> {
  if (!canChangeStatus(viewer)) throw new DomainError('forbidden', 'forbidden')
  if (!scopeContains(viewer.scope_code, regionCode)) throw new DomainError('forbidden', 'outsideScope', 'region')
  const region = await findRegion(deps.db, regionCode)
  const column = reportRegionColumn(regionCode)
  if (!region || (region.level !== 'regency' && region.level !== 'district') || !column)
    throw new DomainError('invalid', 'regionUnknown', 'region')

  const now = deps.clock()
  const zone = timezoneOfCode(regionCode)
  const inRegion = deps.db.selectFrom('reports').where(column, '=', regionCode)
  const childColumn = region.level === 'regency' ? 'district_code' : 'village_code'

  const [levels, statuses, categories, children, childCounts, attention, hotspots] = await Promise.all([
    inRegion.select(['alert_level as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('alert_level').execute(),
    inRegion.select(['status as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute(),
    inRegion.select(['category as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('category').execute(),
    childRegions(deps.db, regionCode),
    inRegion
      .select([
        `${childColumn} as code`,
        (eb) => eb.fn.countAll<number>().as('total'),
        sql<number>`SUM(alert_rank >= 1)`.as('above_normal'),
      ])
      .groupBy(childColumn)
      .execute(),
    inRegion
      .select(['id', 'title', 'village_code', 'alert_level', 'occurred_at', 'ack_due_at'])
      .where('status', '=', 'new')
      .where('alert_rank', '>=', alertRank('siaga'))
      .orderBy('ack_due_at')
      .execute(),
    hotspotsIn(deps, column, regionCode, now),
  ])

  const tally = <K extends string>(keys: readonly K[], rows: { key: string; n: number }[]) =>
    Object.fromEntries(keys.map((k) => [k, Number(rows.find((row) => row.key === k)?.n ?? 0)])) as Record<K, number>

  const attentionItems: AttentionItem[] = attention.map((row) => ({
    ...row,
    ack_due_at: row.ack_due_at!,
    overdue: attentionOf({ status: 'new', ack_due_at: row.ack_due_at }, now) === 'overdue',
  }))

  return {
    region: { code: region.code, name: region.name, level: region.level },
    by_alert_level: tally(ALERT_LEVELS, levels),
    by_status: tally(STATUSES, statuses),
    by_category: Object.fromEntries(categories.map((row) => [row.key, Number(row.n)])),
    by_region: children.map((child) => {
      const row = childCounts.find((c) => c.code === child.code)
      return { code: child.code, name: child.name, total: Number(row?.total ?? 0), above_normal: Number(row?.above_normal ?? 0) }
    }),
    needs_attention: attentionItems,
    overdue: attentionItems.filter((item) => item.overdue),
    hotspots,
    silent_villages: await silentVillages(deps, regionCode, quarterStart(quarterOf(now, zone), zone)),
    quarterly: await quarterlyCounts(deps, column, regionCode, quarterOf(now, zone), zone),
  }
}

/** The hotspots of a region as of `now`, each with the reasons it is one. */
export async function hotspotsIn(
  deps: Pick<Deps, 'db'>,
  column: NonNullable<ReturnType<typeof reportRegionColumn>>,
  regionCode: string,
  now: Date,
): Promise<Hotspot[]> {
  const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString()
  // One pass over the last 120 days: the last 30, and the 90 before them.
  const activity = await deps.db
    .selectFrom('reports')
    .select([
      'village_code',
      sql<number>`SUM(alert_rank = 3 AND occurred_at >= ${monthAgo})`.as('awas_30'),
      sql<number>`SUM(alert_rank >= 1 AND occurred_at >= ${monthAgo})`.as('above_30'),
      sql<number>`SUM(alert_rank >= 1 AND occurred_at < ${monthAgo})`.as('above_prev_90'),
    ])
    .where(column, '=', regionCode)
    .where('occurred_at', '>=', new Date(now.getTime() - 120 * DAY).toISOString())
    .where('occurred_at', '<=', now.toISOString())
    .groupBy('village_code')
    .execute()
  const rows = activity
    .map((row) => ({ code: row.village_code, reasons: hotspotReasons(Number(row.awas_30), Number(row.above_30), Number(row.above_prev_90)) }))
    .filter((row) => row.reasons.length > 0)
  if (rows.length === 0) return []
  const names = await deps.db.selectFrom('regions').select(['code', 'name']).where('code', 'in', rows.map((row) => row.code)).execute()
  return rows.map((row) => ({ village_code: row.code, village_name: names.find((n) => n.code === row.code)?.name ?? row.code, reasons: row.reasons }))
}

/** Villages of a region with no report at all since `since` (the current quarter's start). */
function silentVillages(deps: Pick<Deps, 'db'>, regionCode: string, since: Date) {
  const range = scopeRange(regionCode)
  return deps.db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('code', '>=', range.from)
    .where('code', '<', range.to)
    .where('level', '=', 'village')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('reports')
            .select('reports.id')
            .whereRef('reports.village_code', '=', 'regions.code')
            .where('reports.occurred_at', '>=', since.toISOString()),
        ),
      ),
    )
    .orderBy('code')
    .execute()
}

/** Reports per quarter and alert level for the 8 quarters up to `current`, in local time. */
async function quarterlyCounts(
  deps: Pick<Deps, 'db'>,
  column: NonNullable<ReturnType<typeof reportRegionColumn>>,
  regionCode: string,
  current: Quarter,
  zone: ReturnType<typeof timezoneOfCode>,
) {
  const quarters = Array.from({ length: 8 }, (_, i) => shiftQuarter(current, i - 7))
  const shift = `+${offsetHours(zone)} hours`
  const rows = await deps.db
    .selectFrom('reports')
    .select([
      sql<string>`strftime('%Y', occurred_at, ${shift}) || '-Q' || ((CAST(strftime('%m', occurred_at, ${shift}) AS INTEGER) + 2) / 3)`.as('quarter'),
      'alert_level',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(column, '=', regionCode)
    .where('occurred_at', '>=', quarterStart(quarters[0]!, zone).toISOString())
    .groupBy(['quarter', 'alert_level'])
    .execute()
  return quarters.map((q) => {
    const label = quarterLabel(q)
    const levels = Object.fromEntries(
      ALERT_LEVELS.map((level) => [level, Number(rows.find((row) => row.quarter === label && row.alert_level === level)?.n ?? 0)]),
    ) as Record<AlertLevel, number>
    return { quarter: label, ...levels }
  })
}
