/**
 * CSV (RFC 4180) for spreadsheets: a UTF-8 byte order mark so Excel reads Indonesian text
 * right, CRLF line ends, and cells that start like a formula (= + - @) prefixed with an
 * apostrophe so a spreadsheet shows them instead of running them (OWASP CSV injection).
 */
export function toCsv(rows: CsvRow[]): string {
  return CSV_START + csvLines(rows)
}

export type CsvRow = (string | number | null)[]

/** What a CSV file starts with: the byte order mark. */
export const CSV_START = '\uFEFF'

/** Rows as CSV lines, each ending in CRLF: a file is `CSV_START` and its lines, written as they come. */
export function csvLines(rows: CsvRow[]): string {
  const cell = (value: string | number | null) => {
    let text = value === null ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return rows.map((row) => `${row.map(cell).join(',')}\r\n`).join('')
}
