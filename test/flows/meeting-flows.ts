import { describe, expect, it } from 'vitest'
import type { Meeting, User } from '../../src/db/schema.ts'
import { meetingTimeToUtc, saveMeeting } from '../../src/domain/meetings.ts'
import { rakorDate } from '../../src/domain/rakor-schedule.ts'
import { createUser } from '../../src/domain/users.ts'
import { meetingJson } from '../../src/domain/views.ts'
import { apiLogin, bearer, csrfTokenIn, type Fixtures, type Harness, json, PASSWORD, signIn } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures }

const NOW = new Date('2026-12-01T02:00:00Z')

interface MeetingJson {
  id: string
  scope_code: string
  title: string
  starts_at: string
  ends_at: string
  timezone: string
  status: string
  sequence: number
  cancel_reason: string | null
}

interface Detail extends MeetingJson {
  agenda: { title: string; notes: string | null; report_id: string | null; action_item_id: string | null }[]
  participants: { user_id: string; name: string; pillar: string; region_code: string; attendance: string }[]
  minutes: { summary: string } | null
  action_items: { id: string; status: string; overdue: boolean }[]
  pillar_coverage: { region_code: string; missing: string[] }[]
}

interface Problem {
  status: number
  title: string
  errors?: { path: string }[]
}

/** The quarterly Rakor flows, run unchanged against Node + SQLite and Workers + D1. */
export function meetingFlows(setup: Setup) {
  let ready: { tokens: Record<string, string>; danramil: User; kades: User } | undefined

  async function prepare() {
    const { h, f } = setup()
    h.setNow(NOW)
    if (!ready) {
      const make = (username: string, role: User['role'], pillar: User['pillar'], scope: string) =>
        createUser(
          h.deps,
          { username, name: username, role, pillar, scope_code: scope, position: null },
          { actor: null, password: PASSWORD, temporary: false },
        )
      const danramil = await make('danramil.pesanggaran.m', 'reviewer', 'military', '35.10.01')
      const kades = await make('kades.sarongan.m', 'reporter', 'government', '35.10.01.2001')
      const tokens: Record<string, string> = {}
      for (const username of ['bwi.admin', 'pesanggaran.admin', 'bangorejo.admin', 'babinsa.sarongan', 'kapolsek.pesanggaran'])
        tokens[username] = await apiLogin(h, username)
      ready = { tokens, danramil, kades }
    }
    return { h, f, ...ready }
  }

  const send = async <T>(h: Harness, token: string, path: string, method: string, body?: unknown) => {
    const response = await h.fetch(path, bearer(token, body === undefined ? { method } : json(body, { method })))
    return { status: response.status, body: (response.status === 204 ? null : await response.json()) as T & Problem }
  }

  describe('times in the three zones', () => {
    it('reads local times in the region’s zone and shows them with its offset, whatever the host zone', () => {
      const meeting = (scope_code: string, starts_at: string) => ({
        ...({} as Meeting),
        scope_code,
        starts_at,
        ends_at: starts_at,
        created_at: starts_at,
        updated_at: starts_at,
      })
      for (const [scope, offset] of [
        ['35.10', '+07:00'],
        ['51.71', '+08:00'],
        ['91.01', '+09:00'],
      ] as const) {
        const utc = meetingTimeToUtc('2027-01-12T09:00', scope, 'starts_at')
        expect(utc).toBe(new Date(`2027-01-12T09:00:00${offset}`).toISOString())
        expect(meetingJson(meeting(scope, utc)).starts_at).toBe(`2027-01-12T09:00:00${offset}`)
      }
      expect(meetingJson(meeting('91.01', '2027-01-12T00:00:00.000Z')).timezone).toBe('Asia/Jayapura')
    })

    it('finds the second Tuesday and moves past holidays and weekends', () => {
      const rule = { week: 2, weekday: 2, start_time: '09:00', end_time: '12:00' }
      expect(rakorDate({ year: 2027, quarter: 1 }, rule, new Set())).toBe('2027-01-12')
      expect(rakorDate({ year: 2027, quarter: 2 }, rule, new Set(['2027-04-13']))).toBe('2027-04-14')
      // A Friday holiday moves past the weekend to Monday.
      expect(rakorDate({ year: 2027, quarter: 1 }, { ...rule, weekday: 5 }, new Set(['2027-01-08']))).toBe('2027-01-11')
    })
  })

  describe('planning', () => {
    it('plans a year on the regency’s rule and holidays, and planning again changes nothing', async () => {
      const { h, tokens } = await prepare()
      const admin = tokens['bwi.admin']!
      const holiday = await send(h, admin, '/api/v1/regencies/35.10/holidays/2027-04-13', 'PUT', { name: 'Libur contoh' })
      expect(holiday.status).toBe(200)
      const plan = await send<{ items: MeetingJson[] }>(h, tokens['pesanggaran.admin']!, '/api/v1/meetings/plan', 'POST', {
        scope_code: '35.10.01',
        year: 2027,
      })
      expect(plan.status).toBe(200)
      expect(plan.body.items.map((m) => m.starts_at)).toEqual([
        '2027-01-12T09:00:00+07:00',
        '2027-04-14T09:00:00+07:00',
        '2027-07-13T09:00:00+07:00',
        '2027-10-12T09:00:00+07:00',
      ])
      expect(plan.body.items[0]!.ends_at).toBe('2027-01-12T12:00:00+07:00')

      const edited = await send<MeetingJson>(h, tokens['pesanggaran.admin']!, `/api/v1/meetings/${plan.body.items[0]!.id}`, 'PATCH', {
        title: 'Rakor Triwulan I (diubah)',
        starts_at: '2027-01-13T09:00',
        ends_at: '2027-01-13T12:00',
      })
      expect(edited.body).toMatchObject({ sequence: 1, starts_at: '2027-01-13T09:00:00+07:00' })
      const again = await send<{ items: MeetingJson[] }>(h, admin, '/api/v1/meetings/plan', 'POST', { scope_code: '35.10.01', year: 2027 })
      expect(again.body.items.map((m) => m.id)).toEqual(plan.body.items.map((m) => m.id))
      expect(again.body.items[0]).toMatchObject({ title: 'Rakor Triwulan I (diubah)', sequence: 1 })

      // The words planning drafted read in English for an English reader; the organisers' own stay as written.
      expect(plan.body.items[1]!.title).toBe('Rakor Sinergitas Tiga Pilar Triwulan II 2027 Pesanggaran')
      const english = await h.fetch(
        '/api/v1/meetings?scope=35.10.01&from=2027-01-01&to=2027-12-31',
        bearer(tokens['pesanggaran.admin']!, { headers: { 'Accept-Language': 'en' } }),
      )
      const titles = ((await english.json()) as { items: MeetingJson[] }).items
        .filter((m) => plan.body.items.some((p) => p.id === m.id))
        .map((m) => m.title)
      expect(titles).toEqual([
        'Rakor Triwulan I (diubah)',
        'Three-Pillar Coordination Meeting, Quarter 2 2027, Pesanggaran',
        'Three-Pillar Coordination Meeting, Quarter 3 2027, Pesanggaran',
        'Three-Pillar Coordination Meeting, Quarter 4 2027, Pesanggaran',
      ])
    })

    it('drafts each planned quarter’s agenda from the quarter before it, as if planned one by one', async () => {
      const { h, tokens } = await prepare()
      const admin = tokens['bangorejo.admin']!
      const village = (await h.deps.db
        .selectFrom('regions')
        .select('code')
        .where('parent_code', '=', '35.10.02')
        .orderBy('code')
        .executeTakeFirstOrThrow())!.code
      await createUser(
        h.deps,
        {
          username: 'kades.bangorejo.m',
          name: 'Kades Bangorejo',
          role: 'reporter',
          pillar: 'government',
          scope_code: village,
          position: null,
        },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const earlier = await send(h, admin, '/api/v1/meetings', 'POST', {
        scope_code: '35.10.02',
        kind: 'extraordinary',
        title: 'Rakor luar biasa November',
        starts_at: '2026-11-20T09:00',
        ends_at: '2026-11-20T11:00',
        venue: 'Kantor Kecamatan Bangorejo',
        description: '',
        visibility: 'internal',
      })
      expect(earlier.status).toBe(201)
      const filed = await send(h, await apiLogin(h, 'kades.bangorejo.m'), '/api/v1/reports', 'POST', {
        village_code: village,
        category: 'land_dispute',
        alert_level: 'siaga',
        title: 'Sengketa batas desa Bangorejo',
        description: 'Warga dua desa berselisih soal batas.',
        occurred_at: '2026-11-25T10:00:00+07:00',
      })
      expect(filed.status).toBe(201)

      const plan = await send<{ items: MeetingJson[] }>(h, admin, '/api/v1/meetings/plan', 'POST', { scope_code: '35.10.02', year: 2027 })
      expect(plan.status).toBe(200)
      const agendas = await Promise.all(
        plan.body.items.map(async (m) => (await send<Detail>(h, admin, `/api/v1/meetings/${m.id}`, 'GET')).body.agenda.map((i) => i.title)),
      )
      // The first quarter's period begins at November's meeting: the report is on its agenda. The
      // others' periods begin at the quarter before, after the report.
      expect(agendas.map((titles) => titles.some((title) => title.includes('Sengketa batas desa Bangorejo')))).toEqual([
        true,
        false,
        false,
        false,
      ])
    })

    it('refuses scopes outside one’s own and non-organisers', async () => {
      const { h, tokens } = await prepare()
      expect(
        (await send(h, tokens['bangorejo.admin']!, '/api/v1/meetings/plan', 'POST', { scope_code: '35.10.01', year: 2027 })).status,
      ).toBe(403)
      expect(
        (await send(h, tokens['babinsa.sarongan']!, '/api/v1/meetings/plan', 'POST', { scope_code: '35.10.01', year: 2027 })).status,
      ).toBe(403)
      const village = await send(h, tokens['bwi.admin']!, '/api/v1/meetings/plan', 'POST', { scope_code: '35.10.01.2001', year: 2027 })
      expect(village.status).toBe(422)
      expect(village.body.errors?.map((e) => e.path)).toEqual(['scope_code'])
    })
  })

  describe('meetings', () => {
    it('invites a district’s and its villages’ pillars, drafts the agenda from open siaga/awas reports', async () => {
      const { h, f, tokens, danramil, kades } = await prepare()
      const filed = await send<{ id: string }>(h, tokens['babinsa.sarongan']!, '/api/v1/reports', 'POST', {
        village_code: '35.10.01.2001',
        category: 'land_dispute',
        alert_level: 'siaga',
        title: 'Sengketa lahan perkebunan',
        description: 'Warga memblokir jalan kebun.',
        occurred_at: '2026-11-28T10:00:00+07:00',
      })
      expect(filed.status).toBe(201)
      const created = await send<MeetingJson>(h, tokens['pesanggaran.admin']!, '/api/v1/meetings', 'POST', {
        scope_code: '35.10.01',
        kind: 'extraordinary',
        title: 'Rakor luar biasa sengketa lahan',
        starts_at: '2026-12-03T13:00',
        ends_at: '2026-12-03T15:00',
        venue: 'Kantor Kecamatan Pesanggaran',
      })
      expect(created.status).toBe(201)
      expect(created.body).toMatchObject({
        starts_at: '2026-12-03T13:00:00+07:00',
        timezone: 'Asia/Jakarta',
        status: 'scheduled',
        sequence: 0,
      })
      const detail = (await send<Detail>(h, tokens['pesanggaran.admin']!, `/api/v1/meetings/${created.body.id}`, 'GET')).body
      const invited = detail.participants.map((p) => p.user_id)
      expect(invited).toEqual(expect.arrayContaining([f.districtAdmin.id, f.districtReviewer.id, danramil.id, f.reporter.id, kades.id]))
      expect(invited).not.toContain(f.regencyAdmin.id)
      expect(invited).not.toContain(f.otherDistrictAdmin.id)
      expect(detail.agenda.find((item) => item.report_id === filed.body.id)?.title).toBe('[SIAGA] Sengketa lahan perkebunan (Sarongan)')

      // Everyone invited sees it; others do not; only organisers change it.
      expect((await send(h, tokens['babinsa.sarongan']!, `/api/v1/meetings/${created.body.id}`, 'GET')).status).toBe(200)
      expect((await send(h, tokens['bangorejo.admin']!, `/api/v1/meetings/${created.body.id}`, 'GET')).status).toBe(404)
      expect(
        (await send(h, tokens['babinsa.sarongan']!, `/api/v1/meetings/${created.body.id}`, 'PATCH', { venue: 'Balai desa' })).status,
      ).toBe(403)
      const invalid = await send(h, tokens['pesanggaran.admin']!, '/api/v1/meetings', 'POST', {
        scope_code: '35.10.01',
        title: 'X',
        starts_at: '2026-12-03T13:00',
        ends_at: '2026-12-03T12:00',
        venue: 'X',
      })
      expect(invalid.status).toBe(422)
      expect(invalid.body.errors?.map((e) => e.path)).toEqual(['ends_at'])
    })

    it('invites a regency’s reviewers and the district pillars, villages only on request', async () => {
      const { h, f, tokens } = await prepare()
      const body = {
        scope_code: '35.10',
        title: 'Rakor kabupaten',
        starts_at: '2026-12-10T09:00',
        ends_at: '2026-12-10T12:00',
        venue: 'Pendopo Sabha Swagata Blambangan',
      }
      const plain = await send<MeetingJson>(h, tokens['bwi.admin']!, '/api/v1/meetings', 'POST', body)
      const detail = (await send<Detail>(h, tokens['bwi.admin']!, `/api/v1/meetings/${plain.body.id}`, 'GET')).body
      const invited = detail.participants.map((p) => p.user_id)
      expect(invited).toEqual(
        expect.arrayContaining([f.regencyAdmin.id, f.districtAdmin.id, f.otherDistrictAdmin.id, f.districtReviewer.id]),
      )
      expect(invited).not.toContain(f.reporter.id)
      const withVillages = await send<MeetingJson>(h, tokens['bwi.admin']!, '/api/v1/meetings', 'POST', { ...body, include_villages: true })
      const all = (await send<Detail>(h, tokens['bwi.admin']!, `/api/v1/meetings/${withVillages.body.id}`, 'GET')).body
      expect(all.participants.map((p) => p.user_id)).toContain(f.reporter.id)
      // Organisers adjust the list; an unknown person is refused.
      expect(
        (await send(h, tokens['bwi.admin']!, `/api/v1/meetings/${plain.body.id}/participants`, 'POST', { user_id: f.reporter.id })).status,
      ).toBe(201)
      const unknown = await send(h, tokens['bwi.admin']!, `/api/v1/meetings/${plain.body.id}/participants`, 'POST', {
        user_id: crypto.randomUUID(),
      })
      expect(unknown.status).toBe(422)
      expect(
        (await send(h, tokens['bwi.admin']!, `/api/v1/meetings/${plain.body.id}/participants/${f.reporter.id}`, 'DELETE')).status,
      ).toBe(204)
    })

    it('records attendance and coverage; held needs minutes and attendance; open action items carry over', async () => {
      const { h, f, tokens, danramil } = await prepare()
      const organiser = tokens['pesanggaran.admin']!
      const make = async (day: string) =>
        (
          await send<MeetingJson>(h, organiser, '/api/v1/meetings', 'POST', {
            scope_code: '35.10.01',
            title: `Rakor ${day}`,
            starts_at: `${day}T09:00`,
            ends_at: `${day}T11:00`,
            venue: 'Kecamatan',
          })
        ).body
      const first = await make('2026-12-15')
      const url = `/api/v1/meetings/${first.id}`

      const represented = await send(h, organiser, `${url}/attendance`, 'PUT', {
        items: [{ user_id: f.districtReviewer.id, attendance: 'represented' }],
      })
      expect(represented.status).toBe(422)
      expect(represented.body.errors?.map((e) => e.path)).toEqual(['items.0.representative'])
      const stranger = await send(h, organiser, `${url}/attendance`, 'PUT', {
        items: [{ user_id: f.otherDistrictAdmin.id, attendance: 'present' }],
      })
      expect(stranger.status).toBe(422)
      expect(stranger.body.errors?.map((e) => e.path)).toEqual(['items.0.user_id'])

      const marked = await send<Detail>(h, organiser, `${url}/attendance`, 'PUT', {
        items: [
          { user_id: f.districtAdmin.id, attendance: 'present' },
          { user_id: f.districtReviewer.id, attendance: 'represented', representative: 'Aipda Wahyu' },
          { user_id: danramil.id, attendance: 'absent' },
        ],
      })
      expect(marked.status).toBe(200)
      expect(marked.body.pillar_coverage.find((u) => u.region_code === '35.10.01')?.missing).toEqual(['military'])

      const early = await send(h, organiser, `${url}/held`, 'POST')
      expect(early.status).toBe(422)
      expect(early.body.errors?.map((e) => e.path)).toEqual(['minutes'])
      expect(
        (
          await send(h, organiser, `${url}/minutes`, 'PUT', {
            summary: 'Situasi kondusif.',
            decisions: 'Patroli bersama tiap Jumat.',
            text: '',
          })
        ).status,
      ).toBe(200)
      const unmarked = await send(h, organiser, `${url}/held`, 'POST')
      expect(unmarked.status).toBe(422)
      expect(unmarked.body.errors?.map((e) => e.path)).toEqual(['attendance'])
      expect(
        (
          await send<{ changed: number }>(h, organiser, `${url}/attendance/bulk`, 'POST', {
            region_code: '35.10.01.2001',
            attendance: 'present',
          })
        ).body.changed,
      ).toBeGreaterThan(0)
      await send(h, organiser, `${url}/attendance/bulk`, 'POST', { region_code: '35.10.01.2002', attendance: 'absent' })
      const bulkDetail = (await send<Detail>(h, organiser, url, 'GET')).body
      const stillUnmarked = bulkDetail.participants
        .filter((p) => p.attendance === 'unmarked')
        .map((p) => ({ user_id: p.user_id, attendance: 'absent' }))
      if (stillUnmarked.length) await send(h, organiser, `${url}/attendance`, 'PUT', { items: stillUnmarked })

      const action = await send<{ id: string; overdue: boolean }>(h, organiser, `${url}/action-items`, 'POST', {
        description: 'Mediasi batas kebun',
        responsible_pillar: 'government',
        responsible_user_id: f.districtAdmin.id,
        due_date: '2026-12-20',
      })
      expect(action.status).toBe(201)
      const foreign = await send(h, organiser, `${url}/action-items`, 'POST', {
        description: 'X',
        responsible_pillar: 'police',
        responsible_user_id: f.otherDistrictAdmin.id,
        due_date: '2026-12-20',
      })
      expect(foreign.status).toBe(422)
      const held = await send<MeetingJson>(h, organiser, `${url}/held`, 'POST')
      expect(held.body).toMatchObject({ status: 'held', sequence: first.sequence + 1 })

      // Held locks the record: minutes, attendance and agenda are refused until an admin reopens it.
      const minutesAfter = { summary: 'Diubah setelah rapat.', decisions: '', text: '' }
      expect((await send(h, organiser, `${url}/minutes`, 'PUT', minutesAfter)).status).toBe(409)
      expect((await send(h, organiser, `${url}/agenda`, 'PUT', { items: [] })).status).toBe(409)
      const locked = await send(h, organiser, `${url}/attendance`, 'PUT', { items: [{ user_id: danramil.id, attendance: 'present' }] })
      expect(locked.status).toBe(409)
      expect(locked.body.title).toContain('terkunci')
      // A reviewer organises but does not reopen; an admin must say why.
      expect((await send(h, tokens['kapolsek.pesanggaran']!, `${url}/reopen`, 'POST', { reason: 'Salah ketik.' })).status).toBe(403)
      const noReason = await send(h, organiser, `${url}/reopen`, 'POST', { reason: '' })
      expect(noReason.status).toBe(422)
      expect(noReason.body.errors?.map((e) => e.path)).toEqual(['reason'])
      const reopened = await send<MeetingJson>(h, organiser, `${url}/reopen`, 'POST', { reason: 'Daftar hadir Danramil keliru.' })
      expect(reopened.body.status).toBe('scheduled')
      const audit = await h.deps.db
        .selectFrom('audit_log')
        .select(['actor_id', 'after_json'])
        .where('action', '=', 'meeting.reopen')
        .where('entity_id', '=', first.id)
        .executeTakeFirstOrThrow()
      expect(audit.actor_id).toBe(f.districtAdmin.id)
      expect(JSON.parse(audit.after_json!).reason).toBe('Daftar hadir Danramil keliru.')
      expect((await send(h, organiser, `${url}/minutes`, 'PUT', minutesAfter)).status).toBe(200)
      expect((await send<MeetingJson>(h, organiser, `${url}/held`, 'POST')).body.status).toBe('held')

      // The next meeting of the scope carries the open action item on its agenda, flagged overdue later.
      h.setNow(new Date('2026-12-22T02:00:00Z'))
      const second = await make('2027-01-20')
      const next = (await send<Detail>(h, organiser, `/api/v1/meetings/${second.id}`, 'GET')).body
      expect(next.agenda.find((item) => item.action_item_id === action.body.id)?.title).toBe('Tindak lanjut: Mediasi batas kebun')
      // A reader in English reads the drafted words in English, due date included.
      const inEnglish = await h.fetch(`/api/v1/meetings/${second.id}`, bearer(organiser, { headers: { 'Accept-Language': 'en' } }))
      const englishItem = ((await inEnglish.json()) as Detail).agenda.find((item) => item.action_item_id === action.body.id)
      expect(englishItem).toMatchObject({
        title: 'Follow-up: Mediasi batas kebun',
        notes: expect.stringMatching(/^Due \d+ [A-Z][a-z]+ 20\d\d$/),
      })
      expect(next.agenda.find((item) => item.action_item_id === action.body.id)).toMatchObject({
        notes: expect.stringMatching(/^Batas waktu \d+ [A-Z][a-z]+ 20\d\d$/),
      })
      // Editing the agenda (here: the same items, reversed) keeps where each item came from,
      // so drafting again adds nothing twice.
      const nextUrl = `/api/v1/meetings/${second.id}`
      const reordered = next.agenda.map(({ title, report_id }) => ({ title, notes: '', report_id })).reverse()
      expect((await send(h, organiser, `${nextUrl}/agenda`, 'PUT', { items: reordered })).status).toBe(200)
      const redrafted = await send<Detail & { added: number }>(h, organiser, `${nextUrl}/agenda/draft`, 'POST')
      expect(redrafted.body.added).toBe(0)
      expect(redrafted.body.agenda.map((item) => item.title)).toEqual(reordered.map((item) => item.title))
      expect(redrafted.body.agenda.find((item) => item.title === 'Tindak lanjut: Mediasi batas kebun')?.action_item_id).toBe(action.body.id)
      const firstAgain = (await send<Detail>(h, organiser, url, 'GET')).body
      expect(firstAgain.action_items.find((a) => a.id === action.body.id)?.overdue).toBe(true)
      expect((await send(h, organiser, `/api/v1/action-items/${action.body.id}`, 'PATCH', { status: 'done' })).status).toBe(200)
      const third = await make('2027-02-20')
      const later = (await send<Detail>(h, organiser, `/api/v1/meetings/${third.id}`, 'GET')).body
      expect(later.agenda.some((item) => item.action_item_id === action.body.id)).toBe(false)

      const compliance = await send<{
        items: { region_code: string; held: boolean; attendance_by_pillar: Record<string, number | null>; pillar_gaps: unknown[] }[]
      }>(h, tokens['bwi.admin']!, '/api/v1/compliance?region=35.10&year=2026&quarter=4', 'GET')
      expect(compliance.status).toBe(200)
      expect(compliance.body.items).toHaveLength(26)
      const pesanggaran = compliance.body.items.find((i) => i.region_code === '35.10.01')!
      expect(pesanggaran.held).toBe(true)
      expect(pesanggaran.attendance_by_pillar.military).toBeLessThan(1)
      expect(compliance.body.items.find((i) => i.region_code === '35.10.02')?.held).toBe(false)
      expect((await send(h, tokens['pesanggaran.admin']!, '/api/v1/compliance?region=35.10&year=2026&quarter=4', 'GET')).status).toBe(403)
    })

    it('refuses a change based on a stale copy, leaving no trace of it', async () => {
      const { h, f, tokens } = await prepare()
      const created = (
        await send<MeetingJson>(h, tokens['pesanggaran.admin']!, '/api/v1/meetings', 'POST', {
          scope_code: '35.10.01',
          title: 'Balapan',
          starts_at: '2026-12-19T09:00',
          ends_at: '2026-12-19T10:00',
          venue: 'X',
        })
      ).body
      const stale = await h.deps.db.selectFrom('meetings').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
      h.setNow(new Date(NOW.getTime() + 1000))
      await saveMeeting(h.deps, f.districtAdmin, stale, { ...stale, venue: 'Pertama' }, 'meeting.update')
      h.setNow(new Date(NOW.getTime() + 2000))
      const audits = async () => (await h.deps.db.selectFrom('audit_log').select('id').where('entity_id', '=', created.id).execute()).length
      const before = await audits()
      await expect(saveMeeting(h.deps, f.districtAdmin, stale, { ...stale, venue: 'Kedua' }, 'meeting.update')).rejects.toMatchObject({
        kind: 'conflict',
      })
      expect(await audits()).toBe(before)
      const stored = await h.deps.db
        .selectFrom('meetings')
        .select(['venue', 'sequence'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow()
      expect(stored).toEqual({ venue: 'Pertama', sequence: 1 })
      h.setNow(NOW)
    })

    it('cancels with a reason, keeps the meeting, and refuses further edits', async () => {
      const { h, tokens } = await prepare()
      const organiser = tokens['pesanggaran.admin']!
      const meeting = (
        await send<MeetingJson>(h, organiser, '/api/v1/meetings', 'POST', {
          scope_code: '35.10.01',
          title: 'Batal',
          starts_at: '2026-12-18T09:00',
          ends_at: '2026-12-18T10:00',
          venue: 'X',
        })
      ).body
      expect((await send(h, organiser, `/api/v1/meetings/${meeting.id}/cancel`, 'POST', {})).status).toBe(422)
      const cancelled = await send<MeetingJson>(h, organiser, `/api/v1/meetings/${meeting.id}/cancel`, 'POST', { reason: 'Banjir' })
      expect(cancelled.body).toMatchObject({ status: 'cancelled', cancel_reason: 'Banjir', sequence: 1 })
      expect((await send(h, organiser, `/api/v1/meetings/${meeting.id}`, 'PATCH', { venue: 'Y' })).status).toBe(409)
      const list = await send<{ items: MeetingJson[] }>(
        h,
        organiser,
        '/api/v1/meetings?status=cancelled&from=2026-12-18&to=2026-12-18',
        'GET',
      )
      expect(list.body.items.map((m) => m.id)).toEqual([meeting.id])
    })
  })

  describe('agenda visibility', () => {
    it('shows a report on the agenda only to readers who may see it, and the minutes only what the whole meeting may', async () => {
      const { h, tokens, kades } = await prepare()
      await createUser(
        h.deps,
        {
          username: 'kades.2002.m',
          name: 'Kades 2002',
          role: 'reporter',
          pillar: 'government',
          scope_code: '35.10.01.2002',
          position: null,
        },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const fileReport = async (title: string, restricted: boolean) =>
        (
          await send<{ id: string }>(h, tokens['babinsa.sarongan']!, '/api/v1/reports', 'POST', {
            village_code: '35.10.01.2001',
            category: 'crime',
            alert_level: 'awas',
            title,
            description: 'Uraian.',
            occurred_at: '2026-12-01T08:00:00+07:00',
            restricted,
          })
        ).body.id
      const secret = await fileReport('RAHASIA operasi tangkap tangan', true)
      const open = await fileReport('Pencurian ternak di dusun Krajan', false)
      const created = await send<MeetingJson>(h, tokens['pesanggaran.admin']!, '/api/v1/meetings', 'POST', {
        scope_code: '35.10.01',
        kind: 'extraordinary',
        title: 'Rakor kamtibmas Sarongan',
        // Far ahead, so it is no other test's "previous meeting" (drafting starts from that one).
        starts_at: '2027-06-01T13:00',
        ends_at: '2027-06-01T15:00',
        venue: 'Kantor Kecamatan Pesanggaran',
      })
      expect(created.status).toBe(201)
      const path = `/api/v1/meetings/${created.body.id}`
      // The organiser's agenda: the two reports, with titles copied from them as drafting does.
      const agenda = await send(h, tokens['pesanggaran.admin']!, `${path}/agenda`, 'PUT', {
        items: [
          { title: '[AWAS] RAHASIA operasi tangkap tangan (Sarongan)', notes: 'RAHASIA', report_id: secret },
          { title: '[AWAS] Pencurian ternak di dusun Krajan (Sarongan)', notes: '', report_id: open },
        ],
      })
      expect(agenda.status).toBe(200)
      type Item = { title: string | null; notes: string | null; report_id: string | null; withheld_village: string | null }
      const agendaAs = async (token: string) => (await send<{ agenda: Item[] }>(h, token, path, 'GET', undefined)).body.agenda

      // The organiser sees both in full.
      const organiser = await agendaAs(tokens['pesanggaran.admin']!)
      expect(organiser.filter((item) => item.report_id === secret || item.report_id === open).map((item) => item.withheld_village)).toEqual(
        [null, null],
      )
      // Sarongan's Kepala Desa: the open report, not the restricted one (filed by the Babinsa).
      const village = await agendaAs(await apiLogin(h, kades.username))
      expect(village.some((item) => item.report_id === open && item.title?.includes('Pencurian ternak'))).toBe(true)
      expect(village.some((item) => item.report_id === secret || item.title?.includes('RAHASIA'))).toBe(false)
      expect(village).toContainEqual(expect.objectContaining({ title: null, notes: null, report_id: null, withheld_village: 'Sarongan' }))
      // A neighbouring village's head sees neither, only that Sarongan has reports on the agenda.
      const neighbour = await agendaAs(await apiLogin(h, 'kades.2002.m'))
      expect(JSON.stringify(neighbour)).not.toMatch(/RAHASIA|Pencurian ternak/)
      expect(neighbour.filter((item) => item.withheld_village === 'Sarongan').length).toBeGreaterThanOrEqual(2)
      const page = await h.fetch(`/meetings/${created.body.id}`, { headers: (await signIn(h, 'kades.2002.m')).headers() })
      expect(page.status).toBe(200)
      const html = await page.text()
      expect(html).not.toMatch(/RAHASIA|Pencurian ternak|href="\/reports\/[0-9a-f]/)
      expect(html).toContain('Laporan terbatas dari Sarongan')

      // The minutes are read by the whole meeting: even the organiser's copy withholds both.
      const minutes = await h.fetch(`/meetings/${created.body.id}/minutes`, { headers: (await signIn(h, 'pesanggaran.admin')).headers() })
      expect(minutes.status).toBe(200)
      const printed = await minutes.text()
      expect(printed).not.toMatch(/RAHASIA|Pencurian ternak/)
      expect(printed).toContain('Laporan terbatas dari Sarongan')
    })
  })

  describe('meeting pages', () => {
    it('creates a Rakor by form, records attendance in bulk and one by one, and prints the minutes', async () => {
      const { h, f, danramil, tokens } = await prepare()
      const { headers } = await signIn(h, 'pesanggaran.admin')
      const form = await (await h.fetch('/meetings/new', { headers: headers() })).text()
      const fields = {
        _csrf: csrfTokenIn(form),
        scope_code: '35.10.01',
        kind: 'quarterly',
        title: 'Rakor <script>alert(1)</script>',
        starts_at: '2027-01-14T09:00',
        ends_at: '2027-01-14T08:00',
        venue: 'Pendopo Kecamatan',
        visibility: 'public',
      }
      const bad = await h.fetch('/meetings', { method: 'POST', body: new URLSearchParams(fields), headers: headers() })
      expect(bad.status).toBe(422)
      expect(await bad.text()).toContain('Waktu selesai harus setelah waktu mulai.')
      const created = await h.fetch('/meetings', {
        method: 'POST',
        body: new URLSearchParams({ ...fields, ends_at: '2027-01-14T12:00' }),
        headers: headers(),
      })
      expect(created.status).toBe(303)
      const url = created.headers.get('Location')!
      const page = await (await h.fetch(url, { headers: headers() })).text()
      expect(page).toContain('Rakor &lt;script&gt;alert(1)&lt;/script&gt;')
      expect(page).not.toContain('<script>alert(1)</script>')
      expect(page).toContain('Kamis')
      const csrf = csrfTokenIn(page)

      // "Semua hadir" in one unit's box saves the form as edited and marks that unit only.
      const bulk = await h.fetch(`${url}/attendance`, {
        method: 'POST',
        body: new URLSearchParams({
          _csrf: csrf,
          [`a_${danramil.id}`]: 'represented',
          [`r_${danramil.id}`]: 'Peltu Sugeng',
          bulk: '35.10.01.2001:present',
        }),
        headers: headers(),
      })
      expect(bulk.status).toBe(303)
      const marked = await h.deps.db
        .selectFrom('meeting_participants')
        .select(['region_code', 'attendance', 'representative', 'user_id'])
        .where('meeting_id', '=', url.split('/').at(-1)!)
        .execute()
      expect(marked.find((p) => p.user_id === danramil.id)).toMatchObject({ attendance: 'represented', representative: 'Peltu Sugeng' })
      for (const p of marked.filter((p) => p.region_code === '35.10.01.2001')) expect(p.attendance).toBe('present')
      for (const p of marked.filter((p) => p.region_code !== '35.10.01.2001' && p.user_id !== danramil.id))
        expect(p.attendance).toBe('unmarked')
      const one = await h.fetch(`${url}/attendance`, {
        method: 'POST',
        body: new URLSearchParams({
          _csrf: csrf,
          [`a_${f.districtAdmin.id}`]: 'present',
          [`a_${danramil.id}`]: 'represented',
          [`r_${danramil.id}`]: 'Peltu Sugeng',
        }),
        headers: headers(),
      })
      expect(one.status).toBe(303)
      const after = await (await h.fetch(url, { headers: headers() })).text()
      expect(after).toMatch(/Diwakili/)
      const missingName = await h.fetch(`${url}/attendance`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, [`a_${danramil.id}`]: 'represented' }),
        headers: headers(),
      })
      expect(missingName.status).toBe(422)
      const held = await h.fetch(`${url}/held`, { method: 'POST', body: new URLSearchParams({ _csrf: csrf }), headers: headers() })
      expect(held.status).toBe(422)
      expect(await held.text()).toContain('Isi notulen terlebih dahulu')
      // A refused minutes form comes back with what was typed, and the limit it broke named.
      const tooLong = await h.fetch(`${url}/minutes`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, summary: 'x'.repeat(5001), decisions: 'Keputusan yang diketik.', text: '' }),
        headers: headers(),
      })
      expect(tooLong.status).toBe(422)
      const reshown = await tooLong.text()
      expect(reshown).toContain('Terlalu panjang: paling banyak 5.000 karakter.')
      expect(reshown).toMatch(/<textarea id="decisions"[^>]*>Keputusan yang diketik\.<\/textarea>/)
      await h.fetch(`${url}/minutes`, {
        method: 'POST',
        body: new URLSearchParams({
          _csrf: csrf,
          summary: 'Kamtibmas kondusif.',
          decisions: 'Ronda malam diaktifkan.',
          text: '',
          document_number: '005/017/429.601/2027',
          chair_id: f.districtReviewer.id,
          minute_taker_id: f.districtAdmin.id,
        }),
        headers: headers(),
      })
      // The regency's letterhead, and the Kapolsek's rank and NRP, as the minutes print them.
      const regencyAdmin = await apiLogin(h, 'bwi.admin')
      const office = { office: 'Badan Kesatuan Bangsa dan Politik', address: 'Jl. Dr. Sutomo No. 1, Banyuwangi' }
      expect((await send(h, regencyAdmin, '/api/v1/regencies/35.10/letterhead', 'PUT', office)).status).toBe(200)
      const profile = { rank: 'Iptu', id_number: '85051234' }
      expect((await send(h, tokens['pesanggaran.admin']!, `/api/v1/users/${f.districtReviewer.id}`, 'PATCH', profile)).status).toBe(200)

      const minutes = await (await h.fetch(`${url}/minutes`, { headers: headers() })).text()
      expect(minutes).toContain('<p class="doc-government">PEMERINTAH KABUPATEN BANYUWANGI</p>')
      expect(minutes).toContain('<p class="doc-office">Badan Kesatuan Bangsa dan Politik</p>')
      expect(minutes).toContain('<p class="doc-address">Jl. Dr. Sutomo No. 1, Banyuwangi</p>')
      expect(minutes).toContain('Notulen Rapat Koordinasi Sinergitas Tiga Pilar')
      expect(minutes).toContain('Nomor: 005/017/429.601/2027')
      expect(minutes).toContain('Kamis, 14 Januari 2027')
      expect(minutes).toContain('09.00–12.00 WIB')
      expect(minutes).toContain(`: ${f.districtReviewer.name}, Kapolsek Pesanggaran`)
      expect(minutes).toContain('Ronda malam diaktifkan.')
      expect(minutes).toContain('Peltu Sugeng')
      // Signed by the three pillars' heads, with rank and NRP where the profile has them.
      expect(minutes).toContain(
        `<p>Kapolsek Pesanggaran</p><div class="signature-space"></div><p class="signature-name">${f.districtReviewer.name}</p><p>Iptu</p><p>NRP 85051234</p>`,
      )
      expect(minutes).toContain('<p>Danramil Pesanggaran</p>')
      expect(minutes).toContain('<th>Tanda tangan</th>')

      // Organisers invite by username and remove people from the page.
      const invite = await h.fetch(`${url}/participants`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, username: 'bangorejo.admin' }),
        headers: headers(),
      })
      expect(invite.status).toBe(422)
      const added = await h.fetch(`${url}/participants`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, username: 'kapolsek.pesanggaran' }),
        headers: headers(),
      })
      expect(added.status).toBe(303)
      // Removing goes through a confirmation step that names the person; the page only links to it.
      const meetingPage = await (await h.fetch(url, { headers: headers() })).text()
      expect(meetingPage).toContain(`href="${url}/participants/${danramil.id}/remove"`)
      expect(meetingPage).not.toContain('formaction')
      const confirm = await h.fetch(`${url}/participants/${danramil.id}/remove`, { headers: headers() })
      expect(confirm.status).toBe(200)
      const question = await confirm.text()
      expect(question).toContain(`Keluarkan ${danramil.name} dari daftar peserta`)
      expect(question).toContain(`action="${url}/participants/remove"`)
      expect((await h.fetch(`${url}/participants/${f.otherDistrictAdmin.id}/remove`, { headers: headers() })).status).toBe(404)
      const removed = await h.fetch(`${url}/participants/remove`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(question), user_id: danramil.id }),
        headers: headers(),
      })
      expect(removed.status).toBe(303)
      expect(await (await h.fetch(url, { headers: headers() })).text()).not.toContain('Diwakili oleh: danramil.pesanggaran.m')

      // An invited village pillar sees the page but none of the organisers' forms.
      const village = await signIn(h, 'babinsa.sarongan')
      const seen = await (await h.fetch(url, { headers: village.headers() })).text()
      expect(seen).toContain('Pendopo Kecamatan')
      expect(seen).not.toContain('name="bulk"')
      // The home page leads with the next three scheduled Rakor the user sees.
      const home = await (await h.fetch('/', { headers: village.headers() })).text()
      expect(home).toContain('Rakor mendatang')
      const villageToken = await apiLogin(h, 'babinsa.sarongan')
      const next = await send<{ items: MeetingJson[] }>(h, villageToken, '/api/v1/meetings?from=2026-12-01&status=scheduled', 'GET')
      const shown = [...home.matchAll(/href="\/meetings\/([0-9a-f-]{36})"/g)].map((m) => m[1])
      expect(shown).toEqual(next.body.items.slice(0, 3).map((m) => m.id))
    })
  })
}
