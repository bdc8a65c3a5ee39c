// `npm run bench:regions`: how long importing regions takes on this machine, into a real
// SQLite file (WAL) as `npm run cli -- regions:import` does. Printed as a table; not a test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importRegions } from '../src/domain/region-import.ts'
import { allRegions, idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'

const dir = mkdtempSync(join(tmpdir(), 'tigapilar-bench-'))
const rows: string[][] = []

async function time<T>(run: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now()
  const result = await run()
  return [result, (performance.now() - started) / 1000]
}

for (const [label, read] of [
  ['regency 35.10', () => idnAreaSource.regency('35.10')],
  ['all of Indonesia', () => allRegions()],
] as const) {
  const deps = nodeDeps({ dbFile: join(dir, `${label.replaceAll(/\W/g, '_')}.sqlite`), proxyHops: 0, publicUrl: 'http://localhost' })
  const [regionRows, readSeconds] = await time(read)
  const [first, firstSeconds] = await time(() => importRegions(deps, regionRows, null, label))
  const [again, againSeconds] = await time(() => importRegions(deps, regionRows, null, label))
  rows.push([
    label,
    String(regionRows.length),
    readSeconds.toFixed(2),
    `${firstSeconds.toFixed(2)} (${first.changed})`,
    `${againSeconds.toFixed(2)} (${again.changed})`,
  ])
  await deps.handle.close()
}
rmSync(dir, { recursive: true, force: true })

const header = ['import', 'rows', 'read CSV s', 'first import s (changed)', 'repeat s (changed)']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows])
  console.log(`| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`)
