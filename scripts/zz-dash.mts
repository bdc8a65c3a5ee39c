import { nodeDeps } from '../src/entry/node-deps.ts'
import { dashboardFor } from '../src/domain/dashboard.ts'
const deps = nodeDeps({ dbFile: '/tmp/tigapilar-national-5000000.sqlite', proxyHops: 0, publicUrl: 'http://localhost' })
const viewer = await deps.db.selectFrom('users').selectAll().where('username', '=', 'bench.reviewer1').executeTakeFirstOrThrow()
const p = (s: number[], q: number) => [...s].sort((a, b) => a - b)[Math.floor(s.length * q)]!
for (const [name, db] of [['main', deps.db], ['turns', deps.handle.turnTakingDb], ['main', deps.db], ['turns', deps.handle.turnTakingDb]] as const) {
  const s: number[] = []
  for (let i = 0; i < 60; i++) { const b = performance.now(); await dashboardFor({ ...deps, db }, viewer, '35.10'); s.push(performance.now() - b) }
  console.log(name, 'p50', p(s, 0.5).toFixed(2), 'p95', p(s, 0.95).toFixed(2), 'max', Math.max(...s).toFixed(1))
}
process.exit(0)
