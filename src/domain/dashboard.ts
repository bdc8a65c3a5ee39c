import { sql } from 'kysely'
import type { AlertLevel, Region, ReportStatus } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { ALERT_LEVELS, alertRank, STATUSES } from './alert-levels.ts'
import { DomainError } from './errors.ts'
import { type Hotspot, hotspotsIn } from './hotspots.ts'
import { offsetHours, type Quarter, quarterLabel, quarterOf, quarterStart, shiftQuarter } from './local-time.ts'
import { type Actor, assertCan, type ReportRegionColumn, reportRegionColumn } from './permissions.ts'
import { childRegions, findRegion, timezoneOfCode } from './regions.ts'
import { attentionOf } from './reports.ts'
import { scopeRange } from './scope.ts'

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

/** The reviewers' dashboard of a district or regency, as of `deps.clock()`. */
export async function dashboardFor(deps: Pick<Deps, 'db' | 'clock'>, viewer: Actor, regionCode: string): Promise<Dashboard> {
  assertCan(viewer, 'report.review', regionCode, new DomainError('forbidden', 'outsideScope', 'region'))
  const region = await findRegion(deps.db, regionCode)
  const column = reportRegionColumn(regionCode)
  if (!region || (region.level !== 'regency' && region.level !== 'district') || !column)
    throw new DomainError('invalid', 'regionUnknown', 'region')

  const now = deps.clock()
  const zone = timezoneOfCode(regionCode)
  const inRegion = deps.db.selectFrom('reports').where(column, '=', regionCode)
  const childColumn = region.level === 'regency' ? 'district_code' : 'village_code'

  const [levels, statuses, categories, children, childCounts, attention, hotspots] = await Promise.all([
    inRegion
      .select(['alert_level as key', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('alert_level')
      .execute(),
    inRegion
      .select(['status as key', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
    inRegion
      .select(['category as key', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('category')
      .execute(),
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
      .innerJoin('regions', 'regions.code', 'reports.village_code')
      .select(['id', 'title', 'village_code', 'regions.name as village_name', 'alert_level', 'occurred_at', 'ack_due_at'])
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

/** Villages of a region with no report at all since `since` (the current quarter's start). */
export function silentVillages(deps: Pick<Deps, 'db'>, regionCode: string, since: Date) {
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
  column: ReportRegionColumn,
  regionCode: string,
  current: Quarter,
  zone: ReturnType<typeof timezoneOfCode>,
) {
  const quarters = Array.from({ length: 8 }, (_, i) => shiftQuarter(current, i - 7))
  const shift = `+${offsetHours(zone)} hours`
  const rows = await deps.db
    .selectFrom('reports')
    .select([
      sql<string>`strftime('%Y', occurred_at, ${shift}) || '-Q' || ((CAST(strftime('%m', occurred_at, ${shift}) AS INTEGER) + 2) / 3)`.as(
        'quarter',
      ),
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
