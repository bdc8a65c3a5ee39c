/**
 * CSV (RFC 4180) for spreadsheets: a UTF-8 byte order mark so Excel reads Indonesian text
 * right, CRLF line ends, and cells that start like a formula (= + - @) prefixed with an
 * apostrophe so a spreadsheet shows them instead of running them (OWASP CSV injection).
 */
export function toCsv(rows: (string | number | null)[][]): string {
  const cell = (value: string | number | null) => {
    let text = value === null ? '' : String(value)
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  }
  return `\uFEFF${rows.map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`
}
