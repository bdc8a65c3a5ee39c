// `npm run bench:notifications`: the fan-out of one `awas` report to 700 recipients (writing the
// outbox rows with the report, then draining them against a local receiver), and one scheduler
// pass over a database of 1,000,000 reports. Printed as a table with ratios against baselines
// measured in the same run; not a test.
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'

import { generateVapidKeys } from '../src/channels/web-push.ts'
import type { User } from '../src/db/schema.ts'
import { scheduleDue } from '../src/domain/notification-scheduler.ts'
import { drainOutbox } from '../src/domain/notification-sender.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { fileReport } from '../src/domain/reports.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { printTable } from './bench-kit.ts'

const RECIPIENTS = 700
const REPORTS = Number(process.env.BENCH_REPORTS ?? 1_000_000)

// A receiver that takes every push and WhatsApp request at once, as a fast push service would.
let received = 0
const receiver = createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    received++
    response.writeHead(201).end()
  })
})
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
const world = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

const dir = mkdtempSync(join(tmpdir(), 'tigapilar-bench-'))
const deps = nodeDeps({
  dbFile: join(dir, 'bench.sqlite'),
  proxyHops: 0,
  publicUrl: 'http://localhost',
  channels: {
    vapid: { ...(await generateVapidKeys()), subject: 'mailto:bench@tigapilar.test' },
    pushServiceHosts: [new URL(world).host],
    whatsapp: { apiUrl: world, phoneNumberId: '1', token: 't', templates: { alert: 'a', code: 'c' } },
    timeoutMs: 10_000,
  },
})
await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')

// Accounts straight into the tables: 700 overseers of the regency and its first district, each
// with a phone subscribed to push, a third with a verified WhatsApp number; one reporter.
const now = new Date().toISOString()
const keys = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])
const p256dh = Buffer.from(await crypto.subtle.exportKey('raw', (keys as CryptoKeyPair).publicKey)).toString('base64url')
const user = (i: number, role: User['role'], scope: string) => ({
  id: crypto.randomUUID(),
  username: `bench.${i}`,
  name: `Bench ${i}`,
  role,
  pillar: (['government', 'military', 'police'] as const)[i % 3]!,
  scope_code: scope,
  position: null,
  password_hash: 'x',
  must_change_password: 0,
  active: 1,
  created_at: now,
  updated_at: now,
  last_login_at: null,
  rank: null,
  id_number: null,
})
const overseers = Array.from({ length: RECIPIENTS }, (_, i) => user(i, i % 5 === 0 ? 'admin' : 'reviewer', i % 2 ? '35.10' : '35.10.01'))
const reporter = user(RECIPIENTS, 'reporter', '35.10.01.2001')
deps.handle.sqlite.transaction(() => {
  for (const row of [...overseers, reporter])
    deps.handle.sqlite
      .prepare(
        `INSERT INTO users (${Object.keys(row).join(',')}) VALUES (${Object.keys(row)
          .map(() => '?')
          .join(',')})`,
      )
      .run(...Object.values(row))
  overseers.forEach((row, i) => {
    deps.handle.sqlite
      .prepare('INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(crypto.randomUUID(), row.id, `${world}/push/${i}`, p256dh, 'AAAAAAAAAAAAAAAAAAAAAA', now)
    if (i % 3 === 0)
      deps.handle.sqlite
        .prepare(`INSERT INTO notification_settings (user_id, preferences_json, quiet_start, quiet_end, whatsapp_number, whatsapp_verified, whatsapp_code_attempts, updated_at)
                  VALUES (?, '{}', '00:00', '00:00', ?, 1, 0, ?)`)
        .run(row.id, `+62812${String(i).padStart(7, '0')}`, now)
  })
})()
const reporterUser = (await deps.db.selectFrom('users').selectAll().where('id', '=', reporter.id).executeTakeFirstOrThrow()) as User

const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}
const filing = (level: 'normal' | 'awas') => () =>
  fileReport(deps, reporterUser, {
    client_id: null,
    village_code: '35.10.01.2001',
    category: 'crime',
    alert_level: level,
    title: 'Bench',
    description: 'Bench',
    occurred_at: new Date(Date.now() - 60_000).toISOString(),
    latitude: null,
    longitude: null,
    restricted: false,
  })

const rows: [string, string, string][] = []
const baselineFiling: number[] = []
const awasFiling: number[] = []
for (let i = 0; i < 5; i++) {
  baselineFiling.push(await time(filing('normal')))
  awasFiling.push(await time(filing('awas')))
}
const outbox = await deps.db
  .selectFrom('notification_deliveries')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow()
rows.push(['file a normal report (no recipients): baseline', `${median(baselineFiling).toFixed(1)} ms`, '1.0×'])
rows.push([
  `file an awas report: ${RECIPIENTS} inbox rows + ${Number(outbox.n) / 5} deliveries in the same transaction`,
  `${median(awasFiling).toFixed(1)} ms`,
  `${(median(awasFiling) / median(baselineFiling)).toFixed(1)}×`,
])
const drainMs = await time(() => drainOutbox(deps, 1000))
const sent = await deps.db
  .selectFrom('notification_deliveries')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('status', '=', 'sent')
  .executeTakeFirstOrThrow()
rows.push([
  `drain ${Number(sent.n)} deliveries (5 awas reports; push encrypted + VAPID-signed) to a local receiver`,
  `${(drainMs / 1000).toFixed(2)} s`,
  `${Math.round(Number(sent.n) / (drainMs / 1000))} deliveries/s`,
])

// The scheduler over history: the same pass with a few thousand reports, then with REPORTS.
async function addReports(count: number) {
  const villages = (await deps.db.selectFrom('regions').select('code').where('level', '=', 'village').execute()).map((r) => r.code)
  const span = 5 * 365 * 24 * 3600_000
  const start = Date.now() - span
  const insert =
    deps.handle.sqlite.prepare(`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code, category,
    alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at,
    acknowledged_at, last_event_id, created_at, updated_at)
    VALUES (?, NULL, ?, ?, ?, '35.10', 'crime', ?, ?, 'Bench', 'Bench', ?, NULL, NULL, 0, ?, 1, ?, NULL, NULL, ?, ?)`)
  const levels = ['normal', 'waspada', 'siaga', 'awas'] as const
  deps.handle.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const village = villages[i % villages.length]!
      const rank = i % 10 === 0 ? 3 : i % 4 === 0 ? 2 : i % 2
      const at = new Date(start + (span * i) / count).toISOString()
      // Most old reports were handled; a tenth of the siaga/awas ones never were.
      const status = rank >= 2 && i % 10 === 3 ? 'new' : 'resolved'
      const due = rank >= 2 ? new Date(Date.parse(at) + 2 * 3600_000).toISOString() : null
      insert.run(crypto.randomUUID(), reporter.id, village, village.slice(0, 8), levels[rank], rank, at, status, due, at, at)
    }
  })()
}
await addReports(5_000)
const small = await time(() => scheduleDue(deps))
const smallAgain = await time(() => scheduleDue(deps))
const loadStart = performance.now()
await addReports(REPORTS - 5_000)
const loadSeconds = (performance.now() - loadStart) / 1000
await drainOutbox(deps, 1000)
const large = await time(() => scheduleDue(deps))
const largeAgain = await time(() => scheduleDue(deps))
// The daily summaries at 07:00 local (00:00 UTC) tomorrow: one per district and regency with overseers (here two).
const sevenLocal = new Date(Date.parse(`${new Date(Date.now() + 24 * 3600_000).toISOString().slice(0, 10)}T00:01:00Z`))
const stalls = monitorEventLoopDelay({ resolution: 5 })
stalls.enable()
const summaries = await time(() => scheduleDue({ ...deps, clock: () => sevenLocal }))
stalls.disable()
rows.push(['scheduler pass, 5,000 reports (first pass: records what is due): baseline', `${small.toFixed(1)} ms`, '1.0×'])
rows.push(['scheduler pass again, nothing new', `${smallAgain.toFixed(1)} ms`, `${(smallAgain / small).toFixed(2)}×`])
rows.push([
  `scheduler pass, ${REPORTS.toLocaleString('en')} reports over 5 years (loaded in ${loadSeconds.toFixed(0)} s)`,
  `${large.toFixed(1)} ms`,
  `${(large / small).toFixed(2)}×`,
])
rows.push(['scheduler pass again, nothing new', `${largeAgain.toFixed(1)} ms`, `${(largeAgain / small).toFixed(2)}×`])
rows.push([
  `scheduler pass at 07:00 WIB: daily summaries of ${REPORTS.toLocaleString('en')}-report regency and its district`,
  `${summaries.toFixed(1)} ms`,
  `${(summaries / small).toFixed(1)}×`,
])
rows.push(['  … longest stall of the main thread meanwhile (counts run on a reader thread)', `${(stalls.max / 1e6).toFixed(1)} ms`, ''])

printTable(['what', 'time', 'ratio'], rows)
console.log(`(the receiver took ${received} requests)`)

receiver.close()
await deps.handle.close()
rmSync(dir, { recursive: true, force: true })
