import { sql } from 'kysely'
import type { AlertLevel, Region, ReportStatus } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { ALERT_LEVELS, STATUSES } from './alert-levels.ts'
import { awaitingAcknowledgementIn } from './attention.ts'
import { DomainError } from './errors.ts'
import { type Hotspot, hotspotsIn } from './hotspots.ts'
import { type Quarter, quarterLabel, quarterOf, shiftQuarter } from './local-time.ts'
import { type Actor, assertCan, reportRegionColumn } from './permissions.ts'
import { childRegions, findRegion, timezoneOfCode } from './regions.ts'
import { quarterMonths } from './report-counts.ts'
import { attentionOf } from './reports.ts'
import { scopeRange } from './scope.ts'
import { sharedWhileRunning } from './shared-while-running.ts'

export interface AttentionItem {
  id: string
  title: string
  village_code: string
  village_name: string
  alert_level: AlertLevel
  occurred_at: string
  ack_due_at: string
  overdue: boolean
}

export interface Dashboard {
  region: Pick<Region, 'code' | 'name' | 'level'>
  /** The quarter the counts by level, category and region cover (local time): `2026-Q4`. */
  period: string
  by_alert_level: Record<AlertLevel, number>
  /** Every report of the region by its current status (open ones are what is left to do). */
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
 * The reviewers' dashboard of a district or regency, as of `deps.clock()`. Counts come from the
 * kept per-village, per-month counts (report-counts.ts), so a regency's dashboard reads at most
 * villages × months rows whatever its history: this quarter by level, category and region, the
 * 8-quarter chart, and every report by current status.
 */
export async function dashboardFor(deps: Pick<Deps, 'db' | 'clock'>, viewer: Actor, regionCode: string): Promise<Dashboard> {
  assertCan(viewer, 'report.review', regionCode, () => new DomainError('forbidden', 'outsideScope', 'region'))
  // Everyone who may review a region sees the same dashboard: reviewers asking at once share one.
  return dashboardsRunning(deps.db, regionCode, () => regionDashboard(deps, regionCode))
}

const dashboardsRunning = sharedWhileRunning<Dashboard>()

async function regionDashboard(deps: Pick<Deps, 'db' | 'clock'>, regionCode: string): Promise<Dashboard> {
  const region = await findRegion(deps.db, regionCode)
  const column = reportRegionColumn(regionCode)
  // A regency's or a district's: a village has no dashboard.
  if (!region || !column || column === 'reports.village_code') throw new DomainError('invalid', 'regionUnknown', 'region')

  const now = deps.clock()
  const zone = timezoneOfCode(regionCode)
  const current = quarterOf(now, zone)
  const months = quarterMonths(current)
  const thisQuarter = deps.db.selectFrom('report_counts').where('month', 'in', months)
  const total = sql<number>`SUM(n)`

  const [levels, statuses, categories, children, childCounts, attention, hotspots, silent, quarterly] = await Promise.all([
    thisQuarter
      .where('region_code', '=', regionCode)
      .select(['alert_level as key', total.as('n')])
      .groupBy('alert_level')
      .execute(),
    deps.db.selectFrom('report_status_counts').select(['status as key', 'n']).where('region_code', '=', regionCode).execute(),
    thisQuarter
      .where('region_code', '=', regionCode)
      .select(['category as key', total.as('n')])
      .groupBy('category')
      .execute(),
    childRegions(deps.db, regionCode),
    thisQuarter
      .where('region_code', 'in', deps.db.selectFrom('regions').select('code').where('parent_code', '=', regionCode))
      .select([
        'region_code as code',
        total.as('total'),
        sql<number>`SUM(CASE WHEN alert_level = 'normal' THEN 0 ELSE n END)`.as('above_normal'),
      ])
      .groupBy('region_code')
      .execute(),
    deps.db
      .selectFrom('reports')
      .innerJoin('regions', 'regions.code', 'reports.village_code')
      .select(['id', 'title', 'village_code', 'regions.name as village_name', 'alert_level', 'occurred_at', 'ack_due_at'])
      .where(awaitingAcknowledgementIn(column, regionCode))
      .orderBy('ack_due_at')
      .execute(),
    hotspotsIn(deps, column, regionCode, now),
    silentVillages(deps, regionCode, months[0]!),
    quarterlyCounts(deps, regionCode, current),
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
    period: quarterLabel(current),
    by_alert_level: tally(ALERT_LEVELS, levels),
    by_status: tally(STATUSES, statuses),
    by_category: Object.fromEntries(categories.filter((row) => Number(row.n) > 0).map((row) => [row.key, Number(row.n)])),
    by_region: children.map((region) => {
      const row = childCounts.find((c) => c.code === region.code)
      return { code: region.code, name: region.name, total: Number(row?.total ?? 0), above_normal: Number(row?.above_normal ?? 0) }
    }),
    needs_attention: attentionItems,
    overdue: attentionItems.filter((item) => item.overdue),
    hotspots,
    silent_villages: silent,
    quarterly,
  }
}

/**
 * Villages of a region with no report since `since`: from the kept counts when it is a month
 * (`2026-10`, a quarter's first), from the reports themselves for any instant (the daily
 * summary's last 30 days, a range the reports' village index serves).
 */
export function silentVillages(deps: Pick<Deps, 'db'>, regionCode: string, since: string | Date) {
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
          typeof since === 'string'
            ? selectFrom('report_counts')
                .select('report_counts.region_code')
                .whereRef('report_counts.region_code', '=', 'regions.code')
                .where('report_counts.month', '>=', since)
            : selectFrom('reports')
                .select('reports.village_code')
                .whereRef('reports.village_code', '=', 'regions.code')
                .where('reports.occurred_at', '>=', since.toISOString()),
        ),
      ),
    )
    .orderBy('code')
    .execute()
}

/** Reports per quarter and alert level for the 8 quarters up to `current`, in local time. */
async function quarterlyCounts(deps: Pick<Deps, 'db'>, regionCode: string, current: Quarter) {
  const quarters = Array.from({ length: 8 }, (_, i) => shiftQuarter(current, i - 7))
  const rows = await deps.db
    .selectFrom('report_counts')
    .select(['month', 'alert_level', sql<number>`SUM(n)`.as('n')])
    .where('region_code', '=', regionCode)
    .where('month', '>=', quarterMonths(quarters[0]!)[0]!)
    .groupBy(['month', 'alert_level'])
    .execute()
  return quarters.map((q) => {
    const months = quarterMonths(q)
    const count = (level: AlertLevel) =>
      rows.filter((row) => row.alert_level === level && months.includes(row.month)).reduce((sum, row) => sum + Number(row.n), 0)
    return {
      quarter: quarterLabel(q),
      ...(Object.fromEntries(ALERT_LEVELS.map((level) => [level, count(level)])) as Record<AlertLevel, number>),
    }
  })
}
