// `npm run bench:national -- [--reports N] [--db FILE] [--d1-reports M] [--build-only]`: Tiga Pilar at the size of Indonesia. Builds (or
// reuses, when FILE already holds N reports) a database with every region of Indonesia, three pillar
// accounts per village, district and regency, and N reports over five years (500,000 by default; the
// busiest regency, Banyuwangi, holds 4% of them, the others fewer the further down a skewed ranking),
// each with its timeline (3.4 events on average). Then it serves the app on loopback and
// prints one table: each figure of issue 14, its baseline measured in the same run (a Hono hello-world
// on the same server stack for throughput, the same SQL run straight on better-sqlite3 for dashboards
// and lists), the ratio, the database's bytes per report, and the longest the event loop was held.
// A second table runs the same reads against the Workers build on D1 (`wrangler dev --local`) and
// against Node over one database of M reports (20,000 by default; 0 skips it), and says whether
// both answered alike.
//
// The bulk path: reports and events are inserted straight into SQLite in the shapes the app writes
// (a report's own rows are its filing's and changes' audit record; the search index is filled by
// the reports' insert trigger), then `recountReports` rebuilds the kept counts, as
// `npm run cli -- reports:recount` does after any bulk load.
import { execFile, execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { type AddressInfo, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs, promisify } from 'node:util'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { Kysely } from 'kysely'
import type { Database, ReportStatus, User } from '../src/db/schema.ts'
import { InlineLimitSqliteDialect } from '../src/db/sqlite-compiler.ts'
import { agendaOf } from '../src/domain/agenda.ts'
import { archiveAudit } from '../src/domain/audit-archive.ts'
import { issueCalendarToken } from '../src/domain/calendar-tokens.ts'
import { BUILTIN_CATEGORIES } from '../src/domain/categories.ts'
import { dashboardFor } from '../src/domain/dashboard.ts'
import { newId } from '../src/domain/ids.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { recountReports } from '../src/domain/report-counts.ts'
import { archiveTimelines } from '../src/domain/report-events.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { createUser } from '../src/domain/users.ts'
import { allRegions } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { ask, budgetedAnswer } from './bench-client.ts'
import { measuredDownload, percentile, printTable, probedLatencies, servedApp } from './bench-kit.ts'
import { seededRandom } from './demo-history.ts'
import { seedAllPillars } from './seed-banyuwangi-pillars.ts'

const { values: options } = parseArgs({
  options: {
    reports: { type: 'string', default: '500000' },
    db: { type: 'string' },
    'd1-reports': { type: 'string', default: '20000' },
    'build-only': { type: 'boolean' },
  },
})
const REPORTS = Number(options.reports)
// D1 runs the same queries on a smaller database: wrangler dev holds it in one local SQLite file as well.
const D1_REPORTS = Number(options['d1-reports'])
const dbFile = options.db ?? join(tmpdir(), `tigapilar-national-${REPORTS}.sqlite`)
const BUSIEST = '35.10'
const PASSWORD = 'bench-password-123'
const YEARS = 5
// A word found in ten reports of the busiest regency and ten elsewhere: the rare-word search.
const RARE = 'penyelundupan'
const WORDS = (
  'warga desa dusun jalan sawah pasar pemuda kelompok ketegangan sengketa batas tanah pencurian ternak sapi kambing ' +
  'banjir longsor kebakaran rumah hutan lahan kerumunan malam hari pagi siang sore patroli bersama laporan kejadian ' +
  'korban kerugian tersangka saksi polisi babinsa bhabinkamtibmas kepala lurah camat musyawarah mediasi damai ' +
  'perkelahian pertandingan sepak bola hajatan pernikahan pengajian tahlilan bantuan sosial beras minyak harga ' +
  'demonstrasi buruh nelayan petani pelabuhan perahu jembatan sungai air bersih listrik padam gardu'
).split(' ')

const started = performance.now()
const reused = existsSync(dbFile)
await buildIfMissing(dbFile, REPORTS)
const buildSeconds = (performance.now() - started) / 1000
// Building 5 M reports takes an hour: build while the machine is busy, measure later when it is quiet.
if (options['build-only']) process.exit(0)
// The measurements file reports and plan meetings: they run on a copy, so the built database stays as built.
const runFile = `${dbFile}.run`
copyDatabase(dbFile, runFile)
const deps = nodeDeps({ dbFile: runFile, proxyHops: 0, publicUrl: 'http://localhost' })
const sqlite = deps.handle.sqlite
if (sqlite.prepare('SELECT count(*) FROM reports').pluck().get() !== REPORTS)
  throw new Error(`${dbFile} does not hold ${REPORTS} reports: name another --db`)

/** Builds `file` with `reports` reports unless it exists. */
async function buildIfMissing(file: string, reports: number) {
  if (existsSync(file)) return
  const builder = nodeDeps({ dbFile: file, proxyHops: 0, publicUrl: 'http://localhost' })
  await build(builder, file, reports)
  await builder.handle.close()
}

/** Regions, accounts, reports, timelines and audit rows, then the kept counts. */
async function build(deps: ReturnType<typeof nodeDeps>, file: string, reports: number) {
  const { sqlite } = deps.handle
  console.log(`Building ${file} with ${reports.toLocaleString('en')} reports …`)
  // Installed before the first report: the regions' and accounts' audit entries are the oldest.
  const installed = { ...deps, clock: () => new Date(Date.now() - (YEARS * 365 + 1) * 86_400_000) }
  await importRegions(installed, await allRegions(), null, 'Indonesia')
  // Three pillar accounts for every regency, district and village, province by province.
  const provinces = sqlite.prepare("SELECT code FROM regions WHERE level = 'province'").pluck().all() as string[]
  for (const province of provinces) await seedAllPillars(deps, province)
  const pillarIds = new Map(
    (
      sqlite.prepare("SELECT scope_code, pillar, id FROM users WHERE role = 'reporter'").all() as Pick<
        User,
        'scope_code' | 'pillar' | 'id'
      >[]
    ).map((user) => [`${user.scope_code}/${user.pillar}`, user.id]),
  )
  const accounts: [string, User['role'], string][] = [
    ['bench.admin', 'admin', BUSIEST],
    ['bench.district', 'reviewer', `${BUSIEST}.01`],
    ['bench.village', 'reporter', `${BUSIEST}.01.2001`],
    ...[1, 2, 3, 4].map((i): [string, User['role'], string] => [`bench.reviewer${i}`, 'reviewer', BUSIEST]),
  ]
  for (const [username, role, scope] of accounts)
    await createUser(
      installed,
      { username, name: username, role, pillar: 'government', scope_code: scope, position: null },
      { actor: null, password: PASSWORD, temporary: false },
    )

  // The busiest regency 4% of the reports; the others by a skewed ranking.
  const villagesOf = new Map<string, string[]>()
  for (const code of sqlite.prepare("SELECT code FROM regions WHERE level = 'village' ORDER BY code").pluck().all() as string[])
    villagesOf.set(code.slice(0, 5), [...(villagesOf.get(code.slice(0, 5)) ?? []), code])
  const others = [...villagesOf.keys()].filter((code) => code !== BUSIEST)
  const weights = others.map((_, rank) => (rank + 20) ** -0.8)
  const total = weights.reduce((a, b) => a + b, 0)
  const shares: [string, number][] = [
    [BUSIEST, Math.round(reports * 0.04)],
    ...others.map((code, i): [string, number] => [code, Math.round((reports * 0.96 * weights[i]!) / total)]),
  ]
  shares[1]![1] += reports - shares.reduce((sum, [, n]) => sum + n, 0)

  const addReport = sqlite.prepare(`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code, category,
    alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at, acknowledged_at,
    last_event_id, created_at, updated_at, seq)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const addEvent = sqlite.prepare(`INSERT INTO report_events (id, report_id, type, status, note, author_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`)
  const random = seededRandom(42)
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ')
  const end = Date.now()
  const span = YEARS * 365 * 86_400_000
  const levels = ['normal', 'waspada', 'siaga', 'awas'] as const
  const statuses = ['acknowledged', 'in_progress', 'resolved'] as const
  // Reports come in time order, each from a regency drawn so that every regency gets its share.
  const regencyOf = new Int16Array(reports)
  let filled = 0
  shares.forEach(([, n], r) => {
    regencyOf.fill(r, filled, filled + n)
    filled += n
  })
  for (let k = reports - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1))
    ;[regencyOf[k], regencyOf[j]] = [regencyOf[j]!, regencyOf[k]!]
  }
  const filedIn = new Map<string, number>()
  let rareHere = 0
  let rareElsewhere = 0
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const regency = shares[regencyOf[k]!]![0]
      const villages = villagesOf.get(regency)!
      const i = filedIn.get(regency) ?? 0
      filedIn.set(regency, i + 1)
      const village = villages[Math.floor(random() * villages.length)]!
      const reporter = pillarIds.get(`${village}/${PILLARS[i % 3]}`)!
      const reviewer = pillarIds.get(`${village}/government`)!
      const roll = random()
      const rank = roll < 0.02 ? 3 : roll < 0.11 ? 2 : roll < 0.31 ? 1 : 0
      // Whole milliseconds: ids carry them in hex.
      const occurred = Math.floor(end - span + (span * (k + random())) / reports)
      const at = (ms: number) => new Date(ms).toISOString()
      const recent = occurred > end - 30 * 86_400_000
      // Older reports went the whole way; recent ones are somewhere along it.
      const steps = recent ? Math.floor(random() * 4) : 3
      // Ten in the busiest regency (every 1,999th), then one in each next regency up to ten more.
      const withRare = i % 1999 === 7 && (regency === BUSIEST ? rareHere < 10 : rareElsewhere < 10)
      const title = `${words(4)}${withRare ? ` ${RARE}` : ''}`
      if (withRare && regency === BUSIEST) rareHere++
      else if (withRare) rareElsewhere++
      // Its timeline: the status changes so far, and a comment among them for 40% of reports.
      const changes: (ReportStatus | null)[] = statuses.slice(0, steps)
      if (random() < 0.4) changes.splice(Math.floor(random() * (changes.length + 1)), 0, null)
      const events = changes.map((status, e) => ({
        id: newId(occurred + (e + 1) * 3600_000),
        at: at(occurred + (e + 1) * 3600_000),
        status,
      }))
      const report = {
        id: newId(occurred + 600_000),
        client_id: crypto.randomUUID(),
        reporter_id: reporter,
        village_code: village,
        district_code: village.slice(0, 8),
        regency_code: regency,
        category: BUILTIN_CATEGORIES[Math.floor(random() * BUILTIN_CATEGORIES.length)]!,
        alert_level: levels[rank]!,
        alert_rank: rank,
        title,
        description: words(22),
        occurred_at: at(occurred),
        latitude: null,
        longitude: null,
        restricted: random() < 0.05 ? 1 : 0,
        status: steps === 0 ? 'new' : statuses[steps - 1]!,
        version: 1 + steps,
        ack_due_at: rank >= 2 ? at(occurred + (rank === 3 ? 2 : 24) * 3600_000) : null,
        acknowledged_at: steps > 0 ? at(occurred + 3600_000) : null,
        // As a status change leaves it: the event that made the current version.
        last_event_id: events.findLast((event) => event.status !== null)?.id ?? null,
        created_at: at(occurred + 600_000),
        updated_at: at(occurred + 600_000 + steps * 3600_000),
        // Numbered in the INSERT, as a filing does (migration 0016), into an empty table.
        seq: k + 1,
      } as const
      addReport.run(...Object.values(report))
      for (const event of events)
        addEvent.run(
          event.id,
          report.id,
          event.status ? 'status' : 'comment',
          event.status,
          words(event.status ? 6 : 12),
          reviewer,
          event.at,
        )
    }
  })
  for (let from = 0; from < reports; from += 20_000) {
    insertBatch(from, Math.min(reports, from + 20_000))
    if ((from + 20_000) % 100_000 === 0) console.log(`  ${(from + 20_000).toLocaleString('en')} reports`)
  }
  await recountReports(deps)
  sqlite.pragma('optimize = 0x10002')
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
}

// ---------------------------------------------------------------------------------------------
// Measurements

const busiestReports = sqlite.prepare('SELECT count(*) FROM reports WHERE regency_code = ?').pluck().get(BUSIEST) as number
const medianRegency = (() => {
  const counts = sqlite.prepare('SELECT count(*) FROM reports GROUP BY regency_code ORDER BY 1').pluck().all() as number[]
  return counts[Math.floor(counts.length / 2)]!
})()
const fileBytes = statSync(dbFile).size
/** Bytes per table with its indexes, and what reports take: their tables and the audit log's share about them. */
function sizes() {
  const tables = sqlite
    .prepare(`SELECT CASE WHEN name LIKE 'report_search%' THEN 'report_search (FTS5)' ELSE coalesce(tbl_name, name) END AS owner,
        sum(pgsize) AS bytes
      FROM dbstat LEFT JOIN sqlite_master USING (name) GROUP BY owner ORDER BY bytes DESC`)
    .all() as { owner: string; bytes: number }[]
  const auditShare = sqlite
    .prepare("SELECT (SELECT count(*) FROM audit_log WHERE entity_type = 'report') * 1.0 / max(1, (SELECT count(*) FROM audit_log))")
    .pluck()
    .get() as number
  const bytesOf = (owner: RegExp) => tables.filter((table) => owner.test(table.owner)).reduce((sum, { bytes }) => sum + bytes, 0)
  const reports =
    bytesOf(
      /^(reports|report_events|report_event_archive|report_event_segments|report_event_segment_reports|report_search \(FTS5\)|report_counts|report_status_counts|report_photos)$/,
    ) +
    auditShare * bytesOf(/^audit_log$/) +
    bytesOf(/^audit_archive$/)
  // wrk's filings count too: they are in the tables by the time the archive is measured.
  const count = sqlite.prepare('SELECT count(*) FROM reports').pluck().get() as number
  return { tables, reports, count }
}
const built = sizes()

// One monitor before wrk's runs and one after: a monitor disabled and enabled again counts the pause as delay.
const loops = [monitorEventLoopDelay({ resolution: 5 }), monitorEventLoopDelay({ resolution: 5 })]
const { base, token, close } = await servedApp(deps, 'bench.admin', PASSWORD)
/** A bearer token of `username` from the app at `at`. */
async function loginAt(at: string, username: string): Promise<string> {
  const response = await ask(`${at}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  return ((await response.json()) as { token: string }).token
}
const login = (username: string) => loginAt(base, username)
function bearer(t: string) {
  return { headers: { Authorization: `Bearer ${t}` } }
}
const admin = bearer(token)
const district = bearer(await login('bench.district'))
const village = bearer(await login('bench.village'))
const villageToken = village.headers.Authorization.slice(7)
const reviewers = await Promise.all([1, 2, 3, 4].map(async (i) => bearer(await login(`bench.reviewer${i}`))))

const hello = new Hono().get('/', (c) => c.text('Hello, World!'))
const helloServer = serve({ fetch: hello.fetch, port: 0, hostname: '127.0.0.1' })
await new Promise((resolve) => helloServer.once('listening', resolve))
const helloBase = `http://127.0.0.1:${(helloServer.address() as { port: number }).port}`

/**
 * Latencies of `rounds` paced requests to `path`, asked by another process. Two hundred: of forty,
 * the p95 is the second-slowest answer, and one pause of the machine moved it by half.
 */
const timed = (path: string, auth: { headers: Record<string, string> }, rounds = 200) => probedLatencies(base + path, auth, rounds)

/** The statements an in-process call runs, then those statements alone on better-sqlite3: the SQL floor. */
async function sqlFloor(run: (db: Kysely<Database>) => Promise<unknown>, rounds = 20): Promise<number[]> {
  const queries: { sql: string; parameters: readonly unknown[] }[] = []
  const logging = new Kysely<Database>({
    dialect: new InlineLimitSqliteDialect({ database: sqlite }),
    log: (event) => void queries.push(event.query),
  })
  await run(logging)
  const statements = queries.map((q) => ({ statement: sqlite.prepare(q.sql), parameters: q.parameters as unknown[] }))
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const begun = performance.now()
    for (const { statement, parameters } of statements) if (statement.reader) statement.all(...parameters)
    samples.push(performance.now() - begun)
    // The benchmark's own work is not the app's: a round at a time, so the event-loop figure stays the app's.
    await new Promise((resolve) => setImmediate(resolve))
  }
  return samples
}

/** wrk's requests per second against `url` (its Lua script and headers as given); the server keeps serving meanwhile. */
async function wrk(url: string, extra: string[] = [], seconds = 10): Promise<number> {
  const { stdout } = await promisify(execFile)('wrk', ['-t2', '-c50', `-d${seconds}s`, ...extra, url]).catch((error: Error) => {
    throw new Error(`wrk is needed (apt-get install -y wrk): ${error.message}`)
  })
  const rate = stdout.match(/Requests\/sec:\s+([\d.]+)/)
  const failed = stdout.match(/Non-2xx or 3xx responses: (\d+)/)
  if (!rate) throw new Error(stdout)
  if (failed) console.log(`  (${url}: ${failed[1]} answers were not 2xx)`)
  return Number(rate[1])
}

const viewerOf = (username: string) => deps.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
const adminUser: User = await viewerOf('bench.admin')
const districtUser: User = await viewerOf('bench.district')

loops[0]!.enable()
const rows: [string, string, string][] = []
const ms = (value: number) => `${value.toFixed(1)} ms`
const p5095 = (samples: number[]) => `${ms(percentile(samples, 0.5))} / ${ms(percentile(samples, 0.95))}`
const against = (samples: number[], floor: number[]) =>
  `floor ${p5095(floor)}, p95 ${(percentile(samples, 0.95) / percentile(floor, 0.95)).toFixed(1)}×`

// Dashboards: the first one after the operating system's page cache was dropped (as after a
// restart of the machine; needs root), then warm. The server has read no report yet.
rows.push(['regency dashboard, busiest, first with a cold page cache (goal ≤ 200 ms)', await coldDashboard(), ''])
async function coldDashboard(): Promise<string> {
  try {
    execFileSync('sync')
    writeFileSync('/proc/sys/vm/drop_caches', '3')
  } catch {
    return 'not measured (dropping the page cache needs root)'
  }
  const begun = performance.now()
  await (await ask(`${base}/api/v1/dashboard?region=${BUSIEST}`, admin)).arrayBuffer()
  return ms(performance.now() - begun)
}
const regencyDashboard = await timed(`/api/v1/dashboard?region=${BUSIEST}`, admin)
rows.push([
  'regency dashboard, busiest (goal p95 ≤ 20 ms)',
  p5095(regencyDashboard),
  against(regencyDashboard, await sqlFloor((db) => dashboardFor({ ...deps, db }, adminUser, BUSIEST))),
])
const districtDashboard = await timed(`/api/v1/dashboard?region=${BUSIEST}.01`, district)
rows.push([
  'district dashboard (goal p95 ≤ 10 ms)',
  p5095(districtDashboard),
  against(districtDashboard, await sqlFloor((db) => dashboardFor({ ...deps, db }, districtUser, `${BUSIEST}.01`))),
])

// Lists: the first page, 50 pages deep, filtered.
const firstPage = await timed(`/api/v1/reports?region=${BUSIEST}`, admin)
rows.push(['report list, first page (regency)', p5095(firstPage), ''])
let cursor = ''
let deepest = 1
for (; deepest < 50; deepest++) {
  const body = (await (await ask(`${base}/api/v1/reports?region=${BUSIEST}${cursor}`, admin)).json()) as { next_cursor: string | null }
  if (!body.next_cursor) break
  cursor = `&cursor=${body.next_cursor}`
}
rows.push([`report list, page ${deepest}`, p5095(await timed(`/api/v1/reports?region=${BUSIEST}${cursor}`, admin)), ''])
rows.push([
  'report list, filtered (siaga+, new, a category)',
  p5095(await timed(`/api/v1/reports?region=${BUSIEST}&min_alert_level=siaga&status=new&category=crime`, admin)),
  '',
])

// Search.
for (const [label, auth, region] of [
  ['regency', admin, BUSIEST],
  ['district', district, `${BUSIEST}.01`],
  ['village', village, `${BUSIEST}.01.2001`],
] as const)
  rows.push([
    `search a rare word, ${label} scope (goal p95 ≤ 10 ms)`,
    p5095(await timed(`/api/v1/reports?q=${RARE}&region=${region}`, auth)),
    '',
  ])
rows.push(['search a common word (“warga”), regency scope', p5095(await timed(`/api/v1/reports?q=warga&region=${BUSIEST}`, admin)), ''])

// Throughput against hello-world on the same stack, interleaved.
// The event loop is measured outside wrk's runs: saturated, every turn serves many requests at once.
loops[0]!.disable()
const helloRate = await wrk(helloBase)
const meRate = await wrk(`${base}/api/v1/me`, ['-H', `Authorization: Bearer ${token}`])
const body = JSON.stringify({
  village_code: `${BUSIEST}.01.2001`,
  category: 'crime',
  alert_level: 'normal',
  title: 'Uji beban',
  description: 'Laporan uji beban dari wrk.',
  occurred_at: new Date().toISOString(),
})
const script = join(tmpdir(), 'tigapilar-file.lua')
writeFileSync(
  script,
  `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.headers["Authorization"] = "Bearer ${villageToken}"\nwrk.body = '${body}'\n`,
)
const fileRate = await wrk(`${base}/api/v1/reports`, ['-s', script])
const helloAgain = await wrk(helloBase)
// The rows the export must hold (wrk has just filed some): counted before the event loop is watched
// again, as this count is the benchmark's own work and reads the whole regency.
const expected = sqlite.prepare('SELECT count(*) FROM reports WHERE regency_code = ?').pluck().get(BUSIEST) as number
loops[1]!.enable()
const helloMean = (helloRate + helloAgain) / 2
const perSecond = (rate: number) => `${Math.round(rate).toLocaleString('en')} req/s`
rows.push(['hello-world on the same stack (baseline; before and after)', `${perSecond(helloRate)}, ${perSecond(helloAgain)}`, '1.0×'])
rows.push(['GET /api/v1/me, bearer, wrk -c50 (goal ≥ 0.3×)', perSecond(meRate), `${(meRate / helloMean).toFixed(3)}×`])
rows.push(['POST /api/v1/reports, wrk -c50 (goal ≥ 0.1×)', perSecond(fileRate), `${(fileRate / helloMean).toFixed(3)}×`])

// /me while four regency dashboards (four reviewers) and an export run, asked by another process.
const load = spawn(
  process.execPath,
  [
    join(import.meta.dirname, 'bench-load.ts'),
    base,
    JSON.stringify([
      ...reviewers.map((auth) => ({ token: auth.headers.Authorization.slice(7), path: `/api/v1/dashboard?region=${BUSIEST}` })),
      { token: district.headers.Authorization.slice(7), path: `/api/v1/reports.csv?region=${BUSIEST}` },
    ]),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
)
await new Promise<void>((resolve, reject) => {
  load.stdout.once('data', () => resolve())
  load.once('exit', (code) => reject(new Error(`the load process ended (${code})`)))
})
const meBusy = await probedLatencies(`${base}/api/v1/me`, admin, 200, 'back-to-back')
load.kill('SIGTERM')
await new Promise((resolve) => load.once('exit', resolve))
const meIdle = await probedLatencies(`${base}/api/v1/me`, admin, 200, 'back-to-back')
rows.push([
  'GET /api/v1/me while 4 dashboards and an export run (goal p95 ≤ 10 ms)',
  `${p5095(meBusy)}, max ${ms(Math.max(...meBusy))}`,
  `idle ${p5095(meIdle)}`,
])

// Planning a year at the busiest regency, as an organiser asks for it (its reads on the reader threads).
const plans: number[] = []
let largestAgenda = 0
for (const year of [2027, 2028, 2029, 2030, 2031]) {
  // Right after the load above, the share of time expensive requests may take is spent: a 429 waits.
  const { response, body, took } = await budgetedAnswer(`${base}/api/v1/meetings/plan`, {
    method: 'POST',
    headers: { ...admin.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ scope_code: BUSIEST, year }),
  })
  if (!response.ok) throw new Error(`planning ${year}: HTTP ${response.status}`)
  const { items } = JSON.parse(new TextDecoder().decode(body)) as { items: { id: string }[] }
  plans.push(took)
  for (const meeting of items) largestAgenda = Math.max(largestAgenda, (await agendaOf(deps, meeting.id)).length)
}
rows.push([
  'plan a year, busiest regency: median / worst (goal ≤ 100 ms)',
  `${ms(percentile(plans, 0.5))} / ${ms(Math.max(...plans))}`,
  `largest agenda ${largestAgenda} items`,
])

// The CSV export of the busiest regency: first byte, whole, rows, memory.
{
  const csv = await measuredDownload(`${base}/api/v1/reports.csv?region=${BUSIEST}`, admin)
  rows.push([
    'CSV export, busiest regency: first byte / whole (goal first byte ≤ 100 ms)',
    `${ms(csv.firstByte)} / ${ms(csv.total)}`,
    `${(csv.lines - 1).toLocaleString('en')} of ${expected.toLocaleString('en')} rows; RSS +${(csv.rssRise / 2 ** 20).toFixed(0)} MB`,
  ])
}

// The regency's calendar feed, and its 304.
{
  const calendar = await issueCalendarToken(deps, adminUser, true)
  const feedUrl = `${base}/calendar/u/${calendar.token}.ics`
  const full: number[] = []
  const notModified: number[] = []
  let etag = ''
  let events = 0
  for (let i = 0; i < 30; i++) {
    let begun = performance.now()
    const response = await ask(feedUrl)
    const text = await response.text()
    full.push(performance.now() - begun)
    etag = response.headers.get('ETag') ?? ''
    events = text.split('BEGIN:VEVENT').length - 1
    begun = performance.now()
    const again = await ask(feedUrl, { headers: { 'If-None-Match': etag } })
    await again.arrayBuffer()
    if (again.status !== 304) throw new Error(`feed: ${again.status}, not 304`)
    notModified.push(performance.now() - begun)
  }
  rows.push([
    `personal calendar feed, ${events} events: 200 / 304 (goals 10 / 1 ms, p50)`,
    `${ms(percentile(full, 0.5))} / ${ms(percentile(notModified, 0.5))}`,
    '',
  ])
}
loops[1]!.disable()

rows.push([
  'longest the event loop was held, outside the wrk runs (goal ≤ 50 ms)',
  ms(Math.max(...loops.map((loop) => loop.max)) / 1e6),
  `p99 ${ms(Math.max(...loops.map((loop) => loop.percentile(99))) / 1e6)}`,
])

// Size, as built, then with the audit entries and the resolved reports' timelines older than a year
// archived (npm run cli -- audit:archive, timeline:archive), per report then in the tables (wrk's
// filings included).
const perReport = (bytes: number, reports = built.count) => `${Math.round(bytes / reports).toLocaleString('en')} B per report`
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
rows.push(['reports with timelines, search index, counts, audit (goal ≤ 1.5 KB)', mb(built.reports), perReport(built.reports)])
rows.push(['  the whole database file (with every region and account)', mb(fileBytes), perReport(fileBytes)])
for (const { owner, bytes } of built.tables.slice(0, 7)) rows.push([`    ${owner} with its indexes`, mb(bytes), perReport(bytes)])
const yearAgo = new Date(Date.now() - 365 * 86_400_000)
const archiveStarted = performance.now()
const archived = await archiveAudit(deps, yearAgo)
const auditSeconds = (performance.now() - archiveStarted) / 1000
const timelines = await archiveTimelines(deps, yearAgo)
const timelineSeconds = (performance.now() - archiveStarted) / 1000 - auditSeconds
const afterArchive = sizes()
rows.push([
  `  after archiving: ${archived.entries.toLocaleString('en')} audit entries (${auditSeconds.toFixed(0)} s), ${timelines.events.toLocaleString('en')} events of ${timelines.reports.toLocaleString('en')} reports (${timelineSeconds.toFixed(0)} s); per report of ${afterArchive.count.toLocaleString('en')}`,
  mb(afterArchive.reports),
  perReport(afterArchive.reports, afterArchive.count),
])
for (const { owner, bytes } of afterArchive.tables.filter((table) => /^(audit_|report_event)/.test(table.owner)))
  rows.push([`    ${owner} with its indexes`, mb(bytes), perReport(bytes, afterArchive.count)])

printTable(
  [
    `${REPORTS.toLocaleString('en')} reports (busiest regency ${busiestReports.toLocaleString('en')}, median ${medianRegency.toLocaleString('en')}); ${reused ? 'database reused' : `built in ${buildSeconds.toFixed(0)} s`}`,
    'p50 / p95 or rate',
    'baseline and ratio',
  ],
  rows,
)
await close()
helloServer.close()
await deps.handle.close()
removeDatabase(runFile)

if (D1_REPORTS > 0) await d1BesideNode(D1_REPORTS)

/**
 * The same requests against the Workers build on D1 (`wrangler dev --local`) and against Node, both
 * over one database of `reports` reports built by this script: timings side by side, and whether
 * the two answered alike.
 */
async function d1BesideNode(reports: number) {
  const file = join(tmpdir(), `tigapilar-national-${reports}.sqlite`)
  await buildIfMissing(file, reports)
  // wrangler creates the local D1 file when it applies the migrations; the built database takes its place.
  const persist = mkdtempSync(join(tmpdir(), 'tigapilar-d1-'))
  await promisify(execFile)('npm', [
    'run',
    '-s',
    'wrangler',
    '--',
    'd1',
    'migrations',
    'apply',
    'tigapilar',
    '--local',
    '--persist-to',
    persist,
  ])
  const d1Dir = join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject')
  const d1File = join(d1Dir, readdirSync(d1Dir).find((name) => name.endsWith('.sqlite') && name !== 'metadata.sqlite')!)
  copyDatabase(file, d1File)
  const port = await freePort()
  const wrangler = spawn(
    'npm',
    ['run', '-s', 'wrangler', '--', 'dev', '--local', '--persist-to', persist, '--ip', '127.0.0.1', '--port', String(port)],
    { detached: true, stdio: 'ignore' },
  )
  const d1Base = `http://127.0.0.1:${port}`
  try {
    const answering = () =>
      fetch(`${d1Base}/healthz`).then(
        (response) => response.ok,
        () => false,
      )
    for (let tries = 0; !(await answering()); tries++) {
      if (tries > 120) throw new Error('wrangler dev did not start in 60 s')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const nodeCopy = `${file}.run`
    copyDatabase(file, nodeCopy)
    const nodeDepsSmall = nodeDeps({ dbFile: nodeCopy, proxyHops: 0, publicUrl: 'http://localhost' })
    const node = await servedApp(nodeDepsSmall, 'bench.admin', PASSWORD)
    const sides = await Promise.all(
      [node.base, d1Base].map(async (at) => ({
        at,
        admin: bearer(await loginAt(at, 'bench.admin')),
        district: bearer(await loginAt(at, 'bench.district')),
      })),
    )
    const requests: [string, string, 'admin' | 'district'][] = [
      ['regency dashboard, busiest', `/api/v1/dashboard?region=${BUSIEST}`, 'admin'],
      ['district dashboard', `/api/v1/dashboard?region=${BUSIEST}.01`, 'district'],
      ['report list, first page (regency)', `/api/v1/reports?region=${BUSIEST}`, 'admin'],
      ['report list, filtered', `/api/v1/reports?region=${BUSIEST}&min_alert_level=siaga&status=new&category=crime`, 'admin'],
      ['search a rare word, regency scope', `/api/v1/reports?q=${RARE}&region=${BUSIEST}`, 'admin'],
      ['search a common word, regency scope', `/api/v1/reports?q=warga&region=${BUSIEST}`, 'admin'],
      ['GET /api/v1/me', '/api/v1/me', 'admin'],
    ]
    const d1Rows: [string, string, string][] = []
    for (const [label, path, who] of requests) {
      // Same answer: the JSON bodies compared, with the token-dependent parts (session ids) not in them.
      const answers = await Promise.all(sides.map(async (side) => (await ask(side.at + path, side[who])).text()))
      const [nodeTimes, d1Times] = [
        await probedLatencies(node.base + path, sides[0]![who], 20),
        await probedLatencies(d1Base + path, sides[1]![who], 20),
      ]
      d1Rows.push([label, p5095(nodeTimes), `${p5095(d1Times)}${answers[0] === answers[1] ? ', same answer' : ', ANSWERS DIFFER'}`])
    }
    printTable(
      [`${reports.toLocaleString('en')} reports, one file: Node and D1 (wrangler dev --local)`, 'Node p50 / p95', 'D1 p50 / p95'],
      d1Rows,
    )
    await node.close()
    await nodeDepsSmall.handle.close()
    removeDatabase(nodeCopy)
  } finally {
    process.kill(-wrangler.pid!, 'SIGTERM')
    rmSync(persist, { recursive: true, force: true })
  }
}

/** An SQLite file with its WAL and shared-memory files. */
function removeDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
}

/** `from` copied to `to`, where nothing of an earlier database (its WAL above all) may remain. */
function copyDatabase(from: string, to: string) {
  removeDatabase(to)
  copyFileSync(from, to)
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
