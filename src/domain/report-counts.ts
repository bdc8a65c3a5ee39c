import { type CompiledQuery, type Kysely, sql } from 'kysely'
import { compiledOnce } from '../db/compiled-once.ts'
import type { AlertLevel, Database, Report, ReportStatus, TimeZone } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { localClock, type Quarter } from './local-time.ts'

// The counts dashboards read (report_counts, report_status_counts; see db/migrations/0013): each
// report counts in its village, its district and its regency, so a dashboard reads its own
// region's rows and its children's, never its reports. Kept in step with the reports by the
// statements below, which every write that files a report or changes its status puts in its own
// atomic unit.

/** The local month of an instant: `2026-11`. */
export function localMonth(instant: string, zone: TimeZone): string {
  return localClock(instant, zone).toISOString().slice(0, 7)
}

/** The three months of a quarter: `['2026-10', '2026-11', '2026-12']`. */
export function quarterMonths({ year, quarter }: Quarter): string[] {
  return [1, 2, 3].map((m) => `${year}-${String((quarter - 1) * 3 + m).padStart(2, '0')}`)
}

type CountedReport = Pick<Report, 'village_code' | 'district_code' | 'regency_code' | 'occurred_at' | 'alert_level' | 'category' | 'status'>

/** Counts a newly filed report in its village, district and regency: its month, level and category, and its status. */
export function countFiled(db: Kysely<Database>, report: CountedReport, zone: TimeZone): CompiledQuery[] {
  const month = localMonth(report.occurred_at, zone)
  return [
    levelCountInsert(db, { ...regionsOf(report), month, level: report.alert_level, category: report.category }),
    addStatus(db, report, report.status),
  ]
}

interface Regions {
  village: string
  district: string
  regency: string
}

const regionsOf = (report: Pick<Report, 'village_code' | 'district_code' | 'regency_code'>): Regions => ({
  village: report.village_code,
  district: report.district_code,
  regency: report.regency_code,
})

/** The three regions a report counts in, as a list. */
const regionCodes = (regions: Regions) => [regions.village, regions.district, regions.regency]

// Every filing runs these two: compiled once.
const levelCountInsert = compiledOnce((db, v: Regions & { month: string; level: AlertLevel; category: string }) =>
  db
    .insertInto('report_counts')
    .values(
      regionCodes(v).map((region_code) => ({
        region_code,
        month: v.month,
        alert_level: v.level,
        category: v.category,
        n: 1,
      })),
    )
    .onConflict((oc) => oc.columns(['region_code', 'month', 'alert_level', 'category']).doUpdateSet({ n: sql`n + 1` })),
)

const statusCountInsert = compiledOnce((db, v: Regions & { status: ReportStatus }) =>
  db
    .insertInto('report_status_counts')
    .values(regionCodes(v).map((region_code) => ({ region_code, status: v.status, n: 1 })))
    .onConflict((oc) => oc.columns(['region_code', 'status']).doUpdateSet({ n: sql`n + 1` })),
)

function addStatus(db: Kysely<Database>, report: Pick<Report, 'village_code' | 'district_code' | 'regency_code'>, status: ReportStatus) {
  return statusCountInsert(db, { ...regionsOf(report), status })
}

/** Moves a report from one status count to another, in its village, district and regency. */
export function countStatusChange(
  db: Kysely<Database>,
  report: Pick<Report, 'village_code' | 'district_code' | 'regency_code'>,
  from: ReportStatus,
  to: ReportStatus,
): CompiledQuery[] {
  return [
    db
      .updateTable('report_status_counts')
      .set({ n: sql`n - 1` })
      .where('region_code', 'in', regionCodes(regionsOf(report)))
      .where('status', '=', from)
      .compile(),
    addStatus(db, report, to),
  ]
}

/**
 * Rebuilds the counts from the reports, in one atomic unit: after reports were loaded in bulk
 * straight into the table (`npm run cli -- reports:recount`). The same SQL as the migration that
 * made the tables.
 */
export async function recountReports(deps: Pick<WriteDeps, 'db' | 'atomic'>): Promise<void> {
  await deps.atomic([
    deps.db.deleteFrom('report_counts').compile(),
    deps.db.deleteFrom('report_status_counts').compile(),
    sql`INSERT INTO report_counts (region_code, month, alert_level, category, n)
        WITH dated AS (
          SELECT reports.village_code, reports.district_code, reports.regency_code, reports.alert_level, reports.category,
                 strftime('%Y-%m', reports.occurred_at,
                   CASE regions.timezone WHEN 'Asia/Makassar' THEN '+8 hours' WHEN 'Asia/Jayapura' THEN '+9 hours' ELSE '+7 hours' END) AS month
          FROM reports JOIN regions ON regions.code = reports.village_code
        )
        SELECT village_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4
        UNION ALL SELECT district_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4
        UNION ALL SELECT regency_code, month, alert_level, category, COUNT(*) FROM dated GROUP BY 1, 2, 3, 4`.compile(deps.db),
    sql`INSERT INTO report_status_counts (region_code, status, n)
        SELECT village_code, status, COUNT(*) FROM reports GROUP BY 1, 2
        UNION ALL SELECT district_code, status, COUNT(*) FROM reports GROUP BY 1, 2
        UNION ALL SELECT regency_code, status, COUNT(*) FROM reports GROUP BY 1, 2`.compile(deps.db),
  ])
}
