import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/universal'
import type { Messages } from '../i18n/index.ts'
import { type Category, categoryLabel } from './categories.ts'
import { localClock } from './local-time.ts'
import type { ReportRow } from './reports.ts'

// Excel dates carry no zone: a report's times are written as the wall-clock time of its region.
const DATE_TIME = 'dd/mm/yyyy hh:mm'

/**
 * The reports as an Excel workbook: real dates, the Kecamatan and Desa by name, categories and
 * levels as words, "Ya"/"Tidak" for restricted, headers in the reader's language. An Indonesian
 * Excel opens a comma CSV as one column; this opens as a table anywhere.
 */
export async function reportsXlsx(
  rows: ReportRow[],
  t: Messages,
  categories: Category[],
  districtNames: Map<string, string>,
  /** Said in a last row when the workbook does not hold every matching report. */
  limitNote?: string,
): Promise<ArrayBuffer> {
  const header: Cell[] = t.reports.xlsxHeaders.map((value) => ({ value, fontWeight: 'bold' }))
  const date = (utcIso: string, row: ReportRow): Cell => ({ value: localClock(utcIso, row.timezone), type: Date, format: DATE_TIME })
  const data: SheetData = [
    header,
    ...rows.map((row): Cell[] => [
      date(row.occurred_at, row),
      districtNames.get(row.district_code) ?? row.district_code,
      row.village_name,
      categoryLabel(categories, row.category),
      t.alertLevels[row.alert_level],
      t.statuses[row.status],
      row.title,
      row.description,
      row.restricted ? t.common.yes : t.common.no,
      row.reporter_name,
      t.pillars[row.reporter_pillar],
      row.latitude,
      row.longitude,
      date(row.created_at, row),
    ]),
    ...(limitNote ? [[{ value: limitNote, fontWeight: 'bold' as const }]] : []),
  ]
  const blob = await writeXlsxFile(data, { sheet: t.reports.title, stickyRowsCount: 1 }).toBlob()
  return blob.arrayBuffer()
}
