// Dashboards and planning at regency scale: BENCH_REPORTS reports (200,000 by default: the busiest regency's
// five years) loaded in bulk into Banyuwangi, the kept counts rebuilt (`reports:recount`, the
// documented bulk path), then the regency and district dashboards over HTTP against the server's
// cheapest answer (/healthz) in the same run, and one all-time GROUP BY over the regency's reports
// (what each of the old dashboard's four count queries did) for comparison.
// `npm run bench:dashboard`
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { agendaOf } from '../src/domain/agenda.ts'
import { BUILTIN_CATEGORIES } from '../src/domain/categories.ts'
import { dashboardFor } from '../src/domain/dashboard.ts'
import { planYear } from '../src/domain/rakor-plan.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { recountReports } from '../src/domain/report-counts.ts'
import { createUser } from '../src/domain/users.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { pacedLatencies } from './bench-client.ts'
import { percentile, printTable, servedApp } from './bench-kit.ts'
import { seedAllPillars } from './seed-banyuwangi-pillars.ts'

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200_000)
const LEVELS = ['normal', 'waspada', 'siaga', 'awas'] as const
const STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved'] as const
const dir = mkdtempSync(join(tmpdir(), 'tigapilar-bench-'))
const deps = nodeDeps({ dbFile: join(dir, 'bench.sqlite'), proxyHops: 0, publicUrl: 'http://localhost' })
await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
await createUser(
  deps,
  { username: 'bench.admin', name: 'Bench', role: 'admin', pillar: 'government', scope_code: '35.10', position: null },
  { actor: null, password: 'bench-password-123', temporary: false },
)
// The three pillars of every district and village: planned Rakor invite the regency's and districts' pillars.
await seedAllPillars(deps, '35.10')
const admin = (await deps.db.selectFrom('users').select('id').where('username', '=', 'bench.admin').executeTakeFirstOrThrow()).id
const villages = (await deps.db.selectFrom('regions').select('code').where('level', '=', 'village').execute()).map((r) => r.code)
const insert = deps.handle.sqlite.prepare(`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code,
  category, alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at,
  acknowledged_at, last_event_id, created_at, updated_at)
  VALUES (?, NULL, ?, ?, ?, '35.10', ?, ?, ?, ?, 'Uraian.', ?, NULL, NULL, 0, ?, 1, NULL, NULL, NULL, ?, ?)`)
const span = 5 * 365 * 86_400_000
const now = Date.now()
deps.handle.sqlite.transaction(() => {
  for (let i = 0; i < REPORTS; i++) {
    const village = villages[(i * 7919) % villages.length]!
    const level = i % 50 === 0 ? 3 : i % 9 === 0 ? 2 : i % 4 === 0 ? 1 : 0
    const at = new Date(now - span + (span * i) / REPORTS).toISOString()
    const status = i > REPORTS - 500 ? STATUSES[i % 3]! : 'resolved'
    insert.run(
      crypto.randomUUID(),
      admin,
      village,
      village.slice(0, 8),
      BUILTIN_CATEGORIES[i % BUILTIN_CATEGORIES.length]!,
      LEVELS[level]!,
      level,
      `Laporan ${i}`,
      at,
      status,
      at,
      at,
    )
  }
})()
const recountStarted = performance.now()
await recountReports(deps)
const recountMs = performance.now() - recountStarted
const countRows = deps.handle.sqlite.prepare('SELECT COUNT(*) AS n FROM report_counts').get() as { n: number }
deps.handle.sqlite.pragma('optimize')

const { base, token, close } = await servedApp(deps, 'bench.admin', 'bench-password-123')
const auth = { headers: { Authorization: `Bearer ${token}` } }

/** p50 and p95 of `rounds` paced requests, after one to warm up. */
async function timed(path: string, headers: { headers: Record<string, string> }, rounds = 50): Promise<{ p50: number; p95: number }> {
  await (await fetch(base + path, headers)).text()
  const samples = await pacedLatencies(base + path, headers, rounds)
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) }
}
const baseline = await timed('/healthz', auth)
const regency = await timed('/api/v1/dashboard?region=35.10', auth)
const district = await timed('/api/v1/dashboard?region=35.10.01', auth)
// The same dashboard computed in process on the main connection: the queries alone, without HTTP and the reader threads.
const viewer = await deps.db.selectFrom('users').selectAll().where('username', '=', 'bench.admin').executeTakeFirstOrThrow()
const inProcess: number[] = []
for (let i = 0; i < 30; i++) {
  const started = performance.now()
  await dashboardFor(deps, viewer, '35.10')
  inProcess.push(performance.now() - started)
}
inProcess.sort((a, b) => a - b)
// Planning a year of regency Rakor drafts four agendas from the open reports and hotspots.
const planTimes: number[] = []
let largestAgenda = 0
for (const year of [2027, 2028, 2029, 2030, 2031]) {
  const started = performance.now()
  const meetings = await planYear(deps, viewer, '35.10', year)
  planTimes.push(performance.now() - started)
  for (const meeting of meetings) largestAgenda = Math.max(largestAgenda, (await agendaOf(deps, meeting.id)).length)
}
planTimes.sort((a, b) => a - b)
const groupBy = deps.handle.sqlite.prepare("SELECT alert_level, COUNT(*) FROM reports WHERE regency_code = '35.10' GROUP BY alert_level")
const oldStarted = performance.now()
for (let i = 0; i < 5; i++) groupBy.all()
const oldQuery = (performance.now() - oldStarted) / 5

const ms = (value: number) => `${value.toFixed(1)} ms`
printTable(
  [`Banyuwangi, ${REPORTS.toLocaleString('en')} reports over 5 years`, 'p50 / p95', 'ratio to /healthz (p95)'],
  [
    ['GET /healthz (baseline)', `${ms(baseline.p50)} / ${ms(baseline.p95)}`, '1.0×'],
    [
      'regency dashboard (GET /api/v1/dashboard?region=35.10)',
      `${ms(regency.p50)} / ${ms(regency.p95)}`,
      `${(regency.p95 / baseline.p95).toFixed(1)}×`,
    ],
    ['regency dashboard computed in process (no HTTP, main connection)', `${ms(inProcess[15]!)} / ${ms(inProcess[28]!)}`, ''],
    ['district dashboard (region=35.10.01)', `${ms(district.p50)} / ${ms(district.p95)}`, `${(district.p95 / baseline.p95).toFixed(1)}×`],
    [
      'plan a year of regency Rakor (4 meetings, invitations, agendas): median / worst',
      `${ms(planTimes[2]!)} / ${ms(planTimes[4]!)}`,
      `largest agenda: ${largestAgenda} items`,
    ],
    ['one all-time GROUP BY over the regency’s reports (raw SQL)', ms(oldQuery), 'each of the old dashboard’s 4 counts'],
    ['kept count rows (report_counts), whole history', countRows.n.toLocaleString('en'), `rebuilt in ${ms(recountMs)}`],
  ],
)
await close()
await deps.handle.close()
rmSync(dir, { recursive: true, force: true })
