// `npm run adversarial`: the slow adversarial checks, against the real server in a child process
// (what `npm start` runs), printed as figures; not a test. The fast ones are in `npm test`.
// - memory while clients send oversized bodies (refused by the body limit before reading);
// - kill -9 while village pillars file: every acknowledged report is there after a restart, once;
// - a retry storm: the same filing sent many times at once makes one report;
// - /healthz while 200 connections of 50 reviewers ask for the regency dashboard over 16,500 reports.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importRegions } from '../src/domain/region-import.ts'
import { fileReport } from '../src/domain/reports.ts'
import { createUser, findUserByUsername } from '../src/domain/users.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'

const PORT = 3871
const BASE = `http://127.0.0.1:${PORT}`
const PASSWORD = 'adversarial-password-1'
const dir = mkdtempSync(join(tmpdir(), 'tigapilar-adversarial-'))
const dbFile = join(dir, 'adversarial.sqlite')

// A database with Banyuwangi and one Babinsa, prepared before the server starts.
const setup = nodeDeps({ dbFile, proxyHops: 0, publicUrl: BASE })
await importRegions(setup, await idnAreaSource.regency('35.10'), null, '35.10')
await createUser(
  setup,
  { username: 'babinsa.uji', name: 'Babinsa', role: 'reporter', pillar: 'military', scope_code: '35.10.01.2001', position: null },
  { actor: null, password: PASSWORD, temporary: false },
)
// 16,500 reports for the dashboard load (written without fsync: only the setup is hurried).
setup.handle.sqlite.pragma('synchronous = OFF')
const reporter = (await findUserByUsername(setup, 'babinsa.uji'))!
const levels = ['normal', 'waspada', 'siaga', 'awas'] as const
for (let i = 0; i < 16_500; i++)
  await fileReport(setup, reporter, {
    village_code: '35.10.01.2001',
    category: ['crime', 'land_dispute', 'protest', 'health'][i % 4]!,
    alert_level: levels[i % 4]!,
    title: `Laporan ${i}`,
    description: 'Uraian kejadian.',
    occurred_at: new Date(Date.now() - (i % 700) * 86_400_000).toISOString(),
    latitude: null,
    longitude: null,
    restricted: false,
    client_id: null,
  })
for (let i = 0; i < 50; i++)
  await createUser(
    setup,
    { username: `reviewer.${i}`, name: `Reviewer ${i}`, role: 'reviewer', pillar: 'police', scope_code: '35.10', position: null },
    { actor: null, password: PASSWORD, temporary: false },
  )
await setup.handle.close()

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    env: { ...process.env, DB_FILE: dbFile, PORT: String(PORT), PUBLIC_URL: BASE },
    stdio: 'ignore',
  })
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`${BASE}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return child
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error('server did not start')
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024

/** Streams `megabytes` of form body (chunked, no Content-Length) and resolves with the status. */
function oversized(megabytes: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(`${BASE}/x`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    req.on('error', (error) => resolve(`closed (${(error as NodeJS.ErrnoException).code})`))
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    let sent = 0
    const pump = () => {
      while (sent < megabytes) {
        sent++
        if (!req.write(chunk)) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

async function token(username = 'babinsa.uji'): Promise<string> {
  const response = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  return ((await response.json()) as { token: string }).token
}

function file(bearer: string, clientId: string, title: string) {
  return fetch(`${BASE}/api/v1/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
    body: JSON.stringify({
      client_id: clientId,
      village_code: '35.10.01.2001',
      category: 'crime',
      alert_level: 'waspada',
      title,
      description: 'Uraian kejadian.',
      occurred_at: '2026-11-22T08:00:00+07:00',
    }),
  })
}

const figures: [string, string][] = []

// 1. Memory under oversized bodies.
{
  const server = await startServer()
  const before = rssMb(server.pid!)
  const statuses = await Promise.all([1, 2, 3, 4].map(() => oversized(300)))
  const after = rssMb(server.pid!)
  figures.push(['4 × 300 MB streamed POSTs to /x', `answers ${[...new Set(statuses)].join(', ')}`])
  figures.push(['server RSS before → after', `${before.toFixed(0)} MB → ${after.toFixed(0)} MB`])
  server.kill('SIGTERM')
}

// 2. kill -9 during concurrent filing, several times.
{
  const acknowledged = new Set<string>()
  let crashes = 0
  let attempts = 0
  for (let round = 0; round < 6; round++) {
    const server = await startServer()
    const bearer = await token()
    let stop = false
    const filer = async () => {
      while (!stop) {
        const clientId = crypto.randomUUID()
        attempts++
        try {
          const response = await file(bearer, clientId, `Laporan ${clientId}`)
          if (response.status === 201) acknowledged.add(clientId)
          await response.arrayBuffer()
        } catch {
          // The connection died with the server: not acknowledged, so the phone would retry.
        }
      }
    }
    const filers = Array.from({ length: 16 }, filer)
    await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700))
    server.kill('SIGKILL')
    crashes++
    await new Promise((resolve) => server.once('exit', resolve))
    stop = true
    await Promise.all(filers)
  }
  const check = nodeDeps({ dbFile, proxyHops: 0, publicUrl: BASE })
  const rows = await check.db.selectFrom('reports').select('client_id').where('client_id', 'is not', null).execute()
  const stored = new Map<string, number>()
  for (const row of rows) stored.set(row.client_id!, (stored.get(row.client_id!) ?? 0) + 1)
  const lost = [...acknowledged].filter((id) => !stored.has(id)).length
  const duplicated = [...stored.values()].filter((n) => n > 1).length
  await check.handle.close()
  figures.push(['kill -9 rounds / filing attempts', `${crashes} / ${attempts}`])
  figures.push(['acknowledged / stored', `${acknowledged.size} / ${rows.length}`])
  figures.push(['acknowledged but lost, duplicated', `${lost}, ${duplicated}`])
}

// 3. Retry storm: one filing sent 50 times at once.
{
  const server = await startServer()
  const bearer = await token()
  const clientId = crypto.randomUUID()
  const answers = await Promise.all(Array.from({ length: 50 }, () => file(bearer, clientId, 'Badai ulang kirim')))
  const ids = new Set(await Promise.all(answers.map(async (r) => ((await r.json()) as { id: string }).id)))
  const statuses = [...new Set(answers.map((r) => r.status))].sort()
  server.kill('SIGTERM')
  const check = nodeDeps({ dbFile, proxyHops: 0, publicUrl: BASE })
  const stored = await check.db.selectFrom('reports').select('id').where('client_id', '=', clientId).execute()
  await check.handle.close()
  figures.push(['retry storm: 50 identical filings at once', `answers ${statuses.join(', ')}; ${ids.size} id; ${stored.length} stored`])
}

// 4. /healthz while 200 connections ask for the busiest dashboard.
{
  const server = await startServer()
  const tokens = await Promise.all(Array.from({ length: 50 }, (_, i) => token(`reviewer.${i}`)))
  const probe = async (milliseconds: number) => {
    const latencies: number[] = []
    const until = performance.now() + milliseconds
    while (performance.now() < until) {
      const started = performance.now()
      await (await fetch(`${BASE}/healthz`)).arrayBuffer()
      latencies.push(performance.now() - started)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return latencies.sort((a, b) => a - b)
  }
  const idle = await probe(2000)
  const statuses = new Map<number, number>()
  let stop = false
  const dashboards = Array.from({ length: 200 }, async (_, i) => {
    while (!stop) {
      const response = await fetch(`${BASE}/api/v1/dashboard?region=35.10`, { headers: { Authorization: `Bearer ${tokens[i % 50]}` } })
      await response.arrayBuffer()
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
    }
  })
  const busy = await probe(10_000)
  stop = true
  await Promise.all(dashboards)
  server.kill('SIGTERM')
  const at = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!.toFixed(1)
  figures.push(['/healthz idle: p50 / p95 ms', `${at(idle, 0.5)} / ${at(idle, 0.95)}`])
  figures.push(['/healthz under 200 dashboard connections: p50 / p95 / max ms', `${at(busy, 0.5)} / ${at(busy, 0.95)} / ${at(busy, 1)}`])
  figures.push(['dashboard answers in 10 s', [...statuses].map(([status, n]) => `${n} × ${status}`).join(', ')])
}

rmSync(dir, { recursive: true, force: true })
const width = Math.max(...figures.map(([label]) => label.length))
for (const [label, value] of figures) console.log(`${label.padEnd(width)}  ${value}`)
