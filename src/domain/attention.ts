import { type SqlBool, sql } from 'kysely'
import { alertRank } from './alert-levels.ts'
import { regencyOfCode } from './regions.ts'
import type { OverseenColumn } from './report-indexes.ts'

/**
 * A regency's or district's new siaga and awas reports, which await acknowledgement: the rows the
 * partial index reports_attention holds, a few dozen of a regency's hundreds of thousands. Its
 * condition is said in literals, as the index says it: SQLite matches literals to a partial index,
 * bound values it cannot. A district's are found among its regency's; the `+` keeps SQLite from
 * reading every report of the district instead.
 */
export function awaitingAcknowledgementIn(column: OverseenColumn, code: string) {
  const district = column === 'reports.district_code' ? sql` AND +reports.district_code = ${code}` : sql``
  return sql<SqlBool>`reports.regency_code = ${regencyOfCode(code)}${district}
    AND reports.status = ${sql.lit('new')} AND reports.alert_rank >= ${sql.lit(alertRank('siaga'))}`
}

/**
 * Siaga and awas reports not yet resolved, as the partial indexes reports_*_open_alerts say it (in
 * literals, for the same reason): what a drafted agenda lists, read through those indexes
 * (`reportsThrough`).
 */
export const openAlerts = sql<SqlBool>`reports.alert_rank >= ${sql.lit(alertRank('siaga'))} AND reports.status != ${sql.lit('resolved')}`
