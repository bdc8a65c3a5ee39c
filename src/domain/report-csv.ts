import type { Messages } from '../i18n/index.ts'
import { type Category, categoryLabel } from './categories.ts'
import { CSV_START, type CsvRow, csvLines } from './csv.ts'
import { toLocalIso } from './local-time.ts'
import type { ReportRow } from './reports.ts'

/** One report as a CSV row, labels in the reader's language. */
function reportCells(row: ReportRow, t: Messages, categories: Category[]): CsvRow {
  return [
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
  ]
}

/**
 * Every report of `pages` as a CSV download written as it is read: the header and the first page
 * at once, then a page each time the client is ready for more, so memory stays flat however many
 * rows match. The first page is read before the response starts, so a refused filter is still a
 * clean refusal rather than a broken download.
 */
export async function reportsCsvStream(
  pages: AsyncIterator<ReportRow[]>,
  t: Messages,
  categories: Category[],
): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder()
  const lines = (rows: ReportRow[]) => encoder.encode(csvLines(rows.map((row) => reportCells(row, t, categories))))
  const first = await pages.next()
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_START + csvLines([t.reports.csvHeaders])))
      if (first.done) controller.close()
      else controller.enqueue(lines(first.value))
    },
    async pull(controller) {
      const next = await pages.next()
      if (next.done) controller.close()
      else controller.enqueue(lines(next.value))
    },
    async cancel() {
      await pages.return?.()
    },
  })
}
