// Benchmark results as an aligned table (kept apart from bench-kit: it needs no app, so plain Node runs it).

/** Prints rows of [what, value, ratio or note] as an aligned table, with the Node version and time. */
export function printTable(header: [string, string, string], rows: [string, string, string][]): void {
  const width = Math.max(header[0].length, ...rows.map((row) => row[0].length))
  const valueWidth = Math.max(header[1].length, ...rows.map((row) => row[1].length))
  console.log(`\n${header[0].padEnd(width)} | ${header[1].padStart(valueWidth)} | ${header[2]}`)
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(valueWidth)}-|-${'-'.repeat(header[2].length)}`)
  for (const [what, value, note] of rows) console.log(`${what.padEnd(width)} | ${value.padStart(valueWidth)} | ${note}`)
  console.log(`\n(Node ${process.version}, ${new Date().toISOString()})`)
}
