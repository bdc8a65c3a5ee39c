import type { Messages } from '../i18n/index.ts'
import { type Category, categoryLabel } from './categories.ts'
import { toCsv } from './csv.ts'
import { toLocalIso } from './local-time.ts'
import type { ReportRow } from './reports.ts'

/** One row per report, headers and labels in the reader's language. */
export function reportsCsv(rows: ReportRow[], t: Messages, categories: Category[]): string {
  return toCsv([
    t.reports.csvHeaders,
    ...rows.map((row) => [
      row.id,
      row.village_code,
      row.village_name,
      categoryLabel(categories, row.category),
      t.alertLevels[row.alert_level],
      row.title,
      row.description,
      toLocalIso(row.occurred_at, row.timezone),
      t.statuses[row.status],
      row.reporter_name,
      t.pillars[row.reporter_pillar],
      row.restricted ? '1' : '0',
      row.latitude,
      row.longitude,
      toLocalIso(row.created_at, row.timezone),
    ]),
  ])
}
