// `npm run bench:rakor`: a regency Rakor at Banyuwangi's size (3 pillars × 25 districts and
// 217 villages) on SQLite: creating it with its invitations and agenda, recording everyone's
// attendance, and rendering its page. Printed as a table; not a test.
import { createApp } from '../src/app.tsx'
import { recordAttendance } from '../src/domain/meeting-attendance.ts'
import { meetingDetail } from '../src/domain/meeting-detail.ts'
import { createMeeting } from '../src/domain/meetings.ts'
import { importRegions } from '../src/domain/region-import.ts'
import { startSession } from '../src/domain/sessions.ts'
import { createUser } from '../src/domain/users.ts'
import { idnAreaSource } from '../src/entry/idn-area-source.ts'
import { nodeDeps } from '../src/entry/node-deps.ts'
import { seedAllPillars } from './seed-banyuwangi-pillars.ts'

const deps = { ...nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'http://localhost' }), clientAddress: () => 'bench' }
await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
const admin = await createUser(
  deps,
  { username: 'bench.admin', name: 'Bench', role: 'admin', pillar: 'government', scope_code: '35.10', position: null },
  { actor: null, password: 'bench-password-123', temporary: false },
)
await seedAllPillars(deps, '35.10')
const session = await startSession(deps, admin)
const app = createApp(deps)

const rows: string[][] = []
async function measure(label: string, runs: number, run: () => Promise<unknown>) {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await run()
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  rows.push([label, String(runs), times[Math.floor(runs / 2)]!.toFixed(1), times[runs - 1]!.toFixed(1)])
}

let meetingId = ''
await measure('create regency Rakor (726+ invitations, agenda)', 10, async () => {
  const meeting = await createMeeting(deps, admin, {
    scope_code: '35.10',
    kind: 'extraordinary',
    title: 'Bench',
    starts_at: '2027-01-12T09:00',
    ends_at: '2027-01-12T12:00',
    venue: 'Pendopo',
    online_url: null,
    description: '',
    visibility: 'internal',
    include_villages: true,
  })
  meetingId = meeting.id
})
const participants = (await meetingDetail(deps, admin, meetingId)).participants.length
await measure('mark a whole district present (bulk)', 20, () =>
  recordAttendance(deps, admin, meetingId, [], { region_code: '35.10.01', attendance: 'present' }),
)
await measure('render the meeting page (HTML)', 20, async () => {
  const response = await app.request(`/meetings/${meetingId}`, { headers: { Cookie: `tp_session=${session}` } })
  await response.text()
})
await deps.handle.close()

console.log(`participants per meeting: ${participants}\n`)
const header = ['operation', 'runs', 'median ms', 'max ms']
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
for (const row of [header, widths.map((w) => '-'.repeat(w)), ...rows])
  console.log(`| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`)
