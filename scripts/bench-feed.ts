// `npm run bench:feed`: a regency's calendar feed with 520 public Rakor (BENCH_MEETINGS): rendered
// the first time, served again while nothing changed, answered 304, and rendered after one meeting
// changed; `/healthz` is the baseline measured in the same run. Printed as a table; not a test.
import { createApp } from '../src/app.tsx'
import { importRegions } from '../src/domain/region-import.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { printTable } from './bench-kit.ts'

const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 520)
const deps = nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.example.go.id' })
await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
const districts = (await deps.db.selectFrom('regions').select('code').where('level', '=', 'district').execute()).map((r) => r.code)
const insert = deps.handle.sqlite.prepare(`INSERT INTO meetings (id, scope_code, kind, title, starts_at, ends_at, venue, online_url,
  description, visibility, status, sequence, cancel_reason, plan_year, plan_quarter, created_by, created_at, updated_at)
  VALUES (?, ?, 'extraordinary', ?, ?, ?, 'Pendopo Kecamatan', NULL, 'Rakor Sinergitas Tiga Pilar', 'public', 'scheduled', 0, NULL, NULL, NULL, NULL, ?, ?)`)
const now = Date.now()
const ids: string[] = []
deps.handle.sqlite.transaction(() => {
  for (let i = 0; i < MEETINGS; i++) {
    const id = crypto.randomUUID()
    ids.push(id)
    const starts = new Date(now - 300 * 86_400_000 + i * 86_400_000).toISOString()
    const ends = new Date(Date.parse(starts) + 3 * 3600_000).toISOString()
    insert.run(
      id,
      i % 5 === 0 ? '35.10' : districts[i % districts.length]!,
      `Rakor ${i}`,
      starts,
      ends,
      new Date(now).toISOString(),
      new Date(now).toISOString(),
    )
  }
})()
const app = createApp(deps)

async function median(run: () => Promise<unknown>, times = 21): Promise<number> {
  const samples: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await run()
    samples.push(performance.now() - started)
  }
  return samples.sort((a, b) => a - b)[Math.floor(times / 2)]!
}
async function get(headers: Record<string, string> = {}) {
  const response = await app.request('/calendar/35.10.ics', { headers })
  return { status: response.status, etag: response.headers.get('ETag')!, size: (await response.text()).length }
}

const baseline = await median(async () => (await app.request('/healthz')).text())
const firstStarted = performance.now()
const first = await get()
const firstRender = performance.now() - firstStarted
const again = await median(() => get())
const notModified = await median(async () => {
  if ((await get({ 'If-None-Match': first.etag })).status !== 304) throw new Error('expected 304')
})
deps.handle.sqlite
  .prepare("UPDATE meetings SET venue = 'Aula', sequence = 1, updated_at = ? WHERE id = ?")
  .run(new Date().toISOString(), ids[ids.length - 1])
const changedStarted = performance.now()
const changed = await get({ 'If-None-Match': first.etag })
const changedRender = performance.now() - changedStarted
if (changed.status !== 200 || changed.etag === first.etag) throw new Error('a changed meeting must change the feed')

const rows: [string, string, string][] = [
  ['GET /healthz (baseline)', `${baseline.toFixed(2)} ms`, '1.0×'],
  [
    `regency feed, ${MEETINGS} events: first request (rendered, ${(first.size / 1024).toFixed(0)} KB)`,
    `${firstRender.toFixed(1)} ms`,
    `${(firstRender / baseline).toFixed(0)}×`,
  ],
  ['  again, nothing changed (rendered feed kept)', `${again.toFixed(2)} ms`, `${(again / baseline).toFixed(1)}×`],
  ['  If-None-Match, nothing changed: 304 without rendering', `${notModified.toFixed(2)} ms`, `${(notModified / baseline).toFixed(1)}×`],
  ['  after one meeting changed: rendered again, new ETag', `${changedRender.toFixed(1)} ms`, `${(changedRender / baseline).toFixed(0)}×`],
]
printTable(['what', 'median', 'ratio'], rows)
await deps.handle.close()
