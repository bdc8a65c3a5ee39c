// Two years of a regency's life for `npm run demo`: village pillars filing, reviewers taking reports
// up, quarterly Rakor held with attendance, minutes and action items, and the coming ones planned.
// Everything goes through the domain functions, with the clock set to when each thing happened.
import { sql } from 'kysely'
import type { AlertLevel, User } from '../src/db/schema.ts'
import type { Deps } from '../src/deps.ts'
import { addActionItem, setActionItemStatus } from '../src/domain/action-items.ts'
import type { BUILTIN_CATEGORIES } from '../src/domain/categories.ts'
import { recordAttendance } from '../src/domain/meeting-attendance.ts'
import { markHeld, saveMinutes } from '../src/domain/meeting-minutes.ts'
import { participantsOf } from '../src/domain/meeting-participants.ts'
import { planYear } from '../src/domain/rakor-plan.ts'
import { childRegions } from '../src/domain/regions.ts'
import { addReportEvent, fileReport } from '../src/domain/reports.ts'
import { createUser, temporaryPassword } from '../src/domain/users.ts'

type Category = (typeof BUILTIN_CATEGORIES)[number]

/** What village pillars report, in their words: category, title, description. */
const INCIDENTS: [Category, string, string][] = [
  ['social_conflict', 'Ketegangan antarpemuda dusun', 'Dua kelompok pemuda bersitegang setelah pertandingan bola voli antardusun.'],
  ['land_dispute', 'Sengketa batas kebun', 'Dua keluarga memperebutkan batas kebun kopi; patok dicabut semalam.'],
  ['crime', 'Pencurian ternak', 'Dua ekor sapi hilang dari kandang warga pada dini hari.'],
  ['narcotics', 'Dugaan peredaran pil koplo', 'Warga melaporkan transaksi pil di warung dekat sekolah.'],
  ['protest', 'Rencana unjuk rasa penambangan', 'Warga berencana mendatangi kantor desa menolak tambang pasir.'],
  ['disaster', 'Banjir luapan sungai', 'Sungai meluap setelah hujan deras; dua puluh rumah tergenang.'],
  ['health', 'Kasus demam berdarah', 'Tiga warga dirawat karena demam berdarah dalam seminggu.'],
  ['foreigners', 'Warga asing tanpa lapor', 'Tiga warga negara asing menginap di homestay tanpa lapor ke desa.'],
  ['election', 'Baliho dirusak', 'Baliho calon kepala desa dirusak orang tak dikenal.'],
  ['other', 'Kebakaran lahan tebu', 'Lahan tebu seluas satu hektare terbakar; api sudah padam.'],
]

/** A small seeded generator (mulberry32): the same demo every run, the same test sequence every run. */
export function seededRandom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const DAY = 86_400_000

/** Reports, reviews and Rakor over the two years before `now`, in `regency` (its first districts). */
export async function seedHistory(
  deps: Deps,
  regency: string,
  people: Record<string, User>,
  now: Date,
): Promise<{ reports: number; meetings: number }> {
  const next = seededRandom(3510)
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
  const at = (time: Date) => ({ ...deps, clock: () => time })

  // One Babinsa per village in four districts, so reports come from across the regency.
  const districts = (await childRegions(deps.db, regency)).slice(0, 4)
  const reporters: User[] = []
  for (const district of districts)
    for (const village of await childRegions(deps.db, district.code)) {
      reporters.push(
        (village.code === people['babinsa.sarongan']!.scope_code ? people['babinsa.sarongan'] : undefined) ??
          (await createUser(
            at(new Date(now.getTime() - 800 * DAY)),
            {
              username: `babinsa.${village.code.replaceAll('.', '')}`,
              name: `Babinsa ${village.name}`,
              role: 'reporter',
              pillar: 'military',
              scope_code: village.code,
              position: null,
            },
            { actor: null, password: temporaryPassword(), temporary: false },
          )),
      )
    }
  // The village with the demo accounts reports the most: it is a hotspot now.
  const sarongan = people['babinsa.sarongan']!
  const reviewerFor = (village: string) =>
    village.startsWith(people['kapolsek.pesanggaran']!.scope_code) ? people['kapolsek.pesanggaran']! : people.kapolres!

  let reports = 0
  for (let day = 730; day >= 0; day--) {
    const recent = day < 30
    const perDay = next() < (recent ? 0.9 : 0.6) ? 1 + Math.floor(next() * 2) : 0
    for (let i = 0; i < perDay; i++) {
      const reporter = recent && next() < 0.4 ? sarongan : pick(reporters)
      const [category, title, description] = pick(INCIDENTS)
      const roll = next()
      const level: AlertLevel = roll < 0.55 ? 'normal' : roll < 0.85 ? 'waspada' : roll < 0.97 ? 'siaga' : 'awas'
      const occurred = new Date(now.getTime() - day * DAY - Math.floor(next() * 10) * 3600_000)
      const filedAt = new Date(Math.min(now.getTime(), occurred.getTime() + 2 * 3600_000))
      const { report } = await fileReport(at(filedAt), reporter, {
        village_code: reporter.scope_code,
        category,
        alert_level: level,
        title,
        description,
        occurred_at: occurred.toISOString(),
        latitude: null,
        longitude: null,
        restricted: category === 'narcotics' && next() < 0.5,
        client_id: null,
      })
      reports++
      // Older reports were taken up and, most of them, resolved; the last days' wait.
      if (day < 2 || (recent && next() < 0.3)) continue
      const reviewer = reviewerFor(reporter.scope_code)
      const ackAt = new Date(filedAt.getTime() + (level === 'awas' ? 1 : 10) * 3600_000)
      const note = 'Diterima; Babinsa dan Bhabinkamtibmas mengecek ke lokasi.'
      await addReportEvent(at(ackAt), reviewer, report.id, { type: 'status', status: 'acknowledged', note, version: 1 })
      if (day < 14 || next() > 0.85) continue
      await addReportEvent(at(new Date(ackAt.getTime() + DAY)), reviewer, report.id, {
        type: 'status',
        status: 'in_progress',
        note: 'Ditangani bersama tiga pilar desa.',
        version: 2,
      })
      await addReportEvent(at(new Date(ackAt.getTime() + 3 * DAY)), reviewer, report.id, {
        type: 'status',
        status: 'resolved',
        note: 'Selesai dimediasi; situasi kembali kondusif.',
        version: 3,
      })
    }
  }

  // Quarterly Rakor of the regency and of Pesanggaran: last year's and this year's held, the rest coming.
  const year = now.getUTCFullYear()
  let meetings = 0
  for (const [scope, organiser] of [
    [regency, people['admin.pemkab']!],
    [people['camat.pesanggaran']!.scope_code, people['admin.kec.pesanggaran']!],
  ] as const)
    for (const plannedYear of [year - 1, year, year + 1]) {
      const planned = await planYear(at(new Date(Date.UTC(plannedYear - 1, 11, 1))), organiser, scope, plannedYear)
      meetings += planned.length
      for (const meeting of planned) {
        const ended = new Date(meeting.ends_at)
        if (ended.getTime() > now.getTime()) continue
        const then = at(ended)
        const participants = await participantsOf(deps, meeting.id)
        const items = participants.map((p) => {
          const roll = next()
          return roll < 0.8
            ? { user_id: p.user_id, attendance: 'present' as const }
            : roll < 0.92
              ? { user_id: p.user_id, attendance: 'represented' as const, representative: 'Wakil yang ditunjuk' }
              : { user_id: p.user_id, attendance: 'absent' as const }
        })
        await recordAttendance(then, organiser, meeting.id, items)
        // The government pillar's head chairs; its operator takes the minutes.
        const official = (role: User['role']) =>
          participants.find((p) => p.region_code === scope && p.pillar === 'government' && p.role === role)
        const head = official('reviewer')
        const clerk = official('admin')
        await saveMinutes(then, organiser, meeting.id, {
          document_number: `005/${String(meetings).padStart(3, '0')}/429.${scope === regency ? '101' : '601'}/${ended.getUTCFullYear()}`,
          chair_id: head?.user_id ?? null,
          minute_taker_id: clerk?.user_id ?? null,
          summary: 'Situasi kamtibmas secara umum kondusif. Dibahas laporan deteksi dini triwulan ini dan titik rawan.',
          decisions: 'Patroli gabungan tiga pilar di titik rawan setiap malam Minggu.\nMediasi sengketa batas kebun oleh Camat.',
          text: '',
        })
        const due = (days: number) => new Date(ended.getTime() + days * DAY).toISOString().slice(0, 10)
        await addActionItem(then, organiser, meeting.id, {
          description: 'Patroli gabungan di titik rawan setiap malam Minggu',
          responsible_pillar: 'police',
          due_date: due(30),
        })
        await addActionItem(then, organiser, meeting.id, {
          description: 'Sosialisasi bahaya narkoba di sekolah',
          responsible_pillar: 'government',
          due_date: due(75),
        })
        await markHeld(then, organiser, meeting.id)
        // What was due long ago has been done; the latest meetings' items stay open.
        if (now.getTime() - ended.getTime() > 150 * DAY)
          for (const item of await deps.db.selectFrom('action_items').select('id').where('meeting_id', '=', meeting.id).execute())
            await setActionItemStatus(at(new Date(ended.getTime() + 20 * DAY)), organiser, item.id, 'done')
      }
    }
  // People read their notifications as they came: only the last week's are still unread.
  await deps.atomic([
    deps.db
      .updateTable('notifications')
      .set({ read_at: sql<string>`created_at` })
      .where('created_at', '<', new Date(now.getTime() - 7 * DAY).toISOString())
      .compile(),
  ])
  return { reports, meetings }
}
