// `npm run bench:export`: a regency with 200,000 reports (BENCH_REPORTS), through the real HTTP
// server: the CSV export (time to the first byte, the whole download, rows received, how far the
// process's memory rose meanwhile) and the search box (a rare word, and words in every report); the
// first page of the report list is the baseline measured in the same run. Printed as a table; not a test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importRegions } from '../src/domain/region-import.ts'
import { createUser } from '../src/domain/users.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { measuredDownload, printTable, servedApp } from './bench-kit.ts'

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200_000)
const dir = mkdtempSync(join(tmpdir(), 'tigapilar-bench-'))
const deps = nodeDeps({ dbFile: join(dir, 'bench.sqlite'), proxyHops: 0, publicUrl: 'http://localhost' })
await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
const admin = await createUser(
  deps,
  { username: 'bench.admin', name: 'Bench', role: 'admin', pillar: 'government', scope_code: '35.10', position: null },
  { actor: null, password: 'bench-password-123', temporary: false },
)
const villages = (await deps.db.selectFrom('regions').select('code').where('level', '=', 'village').execute()).map((r) => r.code)
const insert = deps.handle.sqlite.prepare(`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code,
  category, alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at,
  acknowledged_at, last_event_id, created_at, updated_at)
  VALUES (?, NULL, ?, ?, ?, '35.10', 'crime', 'waspada', 1, ?, ?, ?, NULL, NULL, 0, 'resolved', 1, NULL, NULL, NULL, ?, ?)`)
const span = 5 * 365 * 86_400_000
deps.handle.sqlite.transaction(() => {
  for (let i = 0; i < REPORTS; i++) {
    const village = villages[i % villages.length]!
    const at = new Date(Date.now() - span + (span * i) / REPORTS).toISOString()
    insert.run(
      crypto.randomUUID(),
      admin.id,
      village,
      village.slice(0, 8),
      `Laporan ${i}`,
      'Pencurian ternak di kandang warga pada malam hari.',
      at,
      at,
      at,
    )
  }
})()
// One report with a rare word, the rest sharing common ones.
insert.run(
  crypto.randomUUID(),
  admin.id,
  villages[3]!,
  villages[3]!.slice(0, 8),
  'Batu zamrud dicuri',
  'Perhiasan hilang.',
  new Date().toISOString(),
  new Date().toISOString(),
  new Date().toISOString(),
)
const { base, token, close } = await servedApp(deps, 'bench.admin', 'bench-password-123')
const auth = { headers: { Authorization: `Bearer ${token}` } }

async function firstPage(): Promise<number> {
  const started = performance.now()
  await (await fetch(`${base}/api/v1/reports?limit=50`, auth)).text()
  return performance.now() - started
}
const baseline = [await firstPage(), await firstPage(), await firstPage()].sort((a, b) => a - b)[1]!

// Once before measuring: the reader threads exports run on open their connection on first use.
await (await fetch(`${base}/api/v1/reports.csv?region=${villages[0]}`, auth)).text()
const { firstByte, total, bytes, lines, rssRise } = await measuredDownload(`${base}/api/v1/reports.csv`, auth)

async function searchTimes(q: string): Promise<{ p50: number; p95: number; found: number }> {
  const samples: number[] = []
  let found = 0
  for (let i = 0; i < 40; i++) {
    const started = performance.now()
    const page = (await (await fetch(`${base}/api/v1/reports?q=${encodeURIComponent(q)}`, auth)).json()) as { items: unknown[] }
    samples.push(performance.now() - started)
    found = page.items.length
  }
  samples.sort((a, b) => a - b)
  return { p50: samples[20]!, p95: samples[37]!, found }
}
const rare = await searchTimes('zamrud')
const common = await searchTimes('pencurian ternak')

const rows: [string, string, string][] = [
  ['first page of the report list (baseline)', `${baseline.toFixed(1)} ms`, '1.0×'],
  [
    `CSV export of ${(REPORTS + 1).toLocaleString('en')} reports: first byte`,
    `${firstByte.toFixed(1)} ms`,
    `${(firstByte / baseline).toFixed(1)}×`,
  ],
  ['  whole download', `${(total / 1000).toFixed(2)} s`, `${(bytes / 1024 / 1024).toFixed(1)} MB`],
  ['  rows received (header excluded)', (lines - 1).toLocaleString('en'), lines - 1 === REPORTS + 1 ? 'all' : 'MISSING ROWS'],
  ['  process memory rise during the download', `${(rssRise / 1024 / 1024).toFixed(1)} MB`, ''],
  [
    `search a rare word (${rare.found} match) at regency scope: p50 / p95`,
    `${rare.p50.toFixed(1)} / ${rare.p95.toFixed(1)} ms`,
    `${(rare.p95 / baseline).toFixed(1)}× (p95)`,
  ],
  [
    `search words in every report (first page of ${common.found}): p50 / p95`,
    `${common.p50.toFixed(1)} / ${common.p95.toFixed(1)} ms`,
    `${(common.p95 / baseline).toFixed(1)}× (p95)`,
  ],
]
printTable(['what', 'value', 'ratio / note'], rows)
await close()
await deps.handle.close()
rmSync(dir, { recursive: true, force: true })
