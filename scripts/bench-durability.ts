// `npm run bench:durability`: what an fsync per commit (synchronous=FULL, the setting the app
// uses so that an acknowledged report survives power loss) costs authenticated filing, against
// synchronous=NORMAL (survives a process crash only), on a real server over loopback. Modes are
// interleaved, each round on a fresh database file. Printed as a table; not a test.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { importRegions } from '../src/domain/region-import.ts'
import { createUser } from '../src/domain/users.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { servedApp } from './bench-kit.ts'

const SECONDS = 5
const CONNECTIONS = 16
const ROUNDS = 2
const regions = await idnAreaSource.regency('35.10')

async function run(mode: 'FULL' | 'NORMAL') {
  const dir = mkdtempSync(join(tmpdir(), 'tigapilar-durability-'))
  const deps = nodeDeps({ dbFile: join(dir, 'bench.sqlite'), proxyHops: 0, publicUrl: 'http://localhost' })
  deps.handle.sqlite.pragma(`synchronous = ${mode}`)
  await importRegions(deps, regions, null, '35.10')
  await createUser(
    deps,
    { username: 'babinsa.bench', name: 'Babinsa', role: 'reporter', pillar: 'military', scope_code: '35.10.01.2001', position: null },
    { actor: null, password: 'bench-password-123', temporary: false },
  )
  const { base, token, close } = await servedApp(deps, 'babinsa.bench', 'bench-password-123')
  const latencies: number[] = []
  const until = performance.now() + SECONDS * 1000
  const worker = async () => {
    while (performance.now() < until) {
      const started = performance.now()
      const response = await fetch(`${base}/api/v1/reports`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          client_id: crypto.randomUUID(),
          village_code: '35.10.01.2001',
          category: 'crime',
          alert_level: 'waspada',
          title: 'Pencurian ternak',
          description: 'Dua ekor sapi hilang dari kandang.',
          occurred_at: new Date().toISOString(),
        }),
      })
      await response.arrayBuffer()
      if (response.status !== 201) throw new Error(`filing answered ${response.status}`)
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  await close()
  await deps.handle.close()
  rmSync(dir, { recursive: true, force: true })
  latencies.sort((a, b) => a - b)
  return {
    rate: latencies.length / SECONDS,
    p50: latencies[Math.floor(latencies.length / 2)]!,
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
  }
}

const results: Record<string, { rate: number; p50: number; p95: number }[]> = { NORMAL: [], FULL: [] }
for (let round = 0; round < ROUNDS; round++) for (const mode of ['NORMAL', 'FULL'] as const) results[mode]!.push(await run(mode))
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length
const baseline = mean(results.NORMAL!.map((r) => r.rate))
console.log(`POST /api/v1/reports, ${CONNECTIONS} connections, ${SECONDS} s × ${ROUNDS} rounds per mode, temp dir ${tmpdir()}\n`)
console.log('synchronous  filings/s  p50 ms  p95 ms  vs NORMAL')
console.log('-----------  ---------  ------  ------  ---------')
for (const [mode, runs] of Object.entries(results)) {
  const rate = mean(runs.map((r) => r.rate))
  const row = [
    mode.padEnd(11),
    rate.toFixed(0).padStart(9),
    mean(runs.map((r) => r.p50))
      .toFixed(1)
      .padStart(6),
    mean(runs.map((r) => r.p95))
      .toFixed(1)
      .padStart(6),
    `${(rate / baseline).toFixed(2)}×`.padStart(9),
  ]
  console.log(row.join('  '))
}
