import { sql } from 'kysely'
import { readSheet } from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import type { User } from '../../src/db/schema.ts'
import { auditTrail } from '../../src/domain/audit-archive.ts'
import { dashboardFor } from '../../src/domain/dashboard.ts'
import { homeSummary } from '../../src/domain/home.ts'
import { recountReports } from '../../src/domain/report-counts.ts'
import { archiveTimelines } from '../../src/domain/report-events.ts'
import { createUser } from '../../src/domain/users.ts'
import {
  apiLogin,
  bearer,
  countRows,
  csrfTokenIn,
  type Fixtures,
  type Harness,
  json,
  latestAuditAfter,
  PASSWORD,
  signIn,
} from './harness.ts'

/** A harness whose clock the flows set. */
export interface ClockedHarness extends Harness {
  setNow: (instant: Date) => void
}

type Setup = () => { h: ClockedHarness; f: Fixtures }

const NOW = new Date('2026-11-20T03:00:00Z') // Friday 10:00 WIB, quarter 2026-Q4
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString()

interface ReportJson {
  id: string
  client_id: string | null
  village_code: string
  alert_level: string
  status: string
  version: number
  occurred_at: string
  restricted: boolean
  title: string
  reporter: { id: string; name: string; pillar: string }
}

function report(village: string, overrides: Record<string, unknown> = {}) {
  return {
    village_code: village,
    category: 'social_conflict',
    alert_level: 'waspada',
    title: 'Ketegangan antarwarga',
    description: 'Dua kelompok pemuda bersitegang setelah pertandingan bola.',
    occurred_at: daysAgo(1),
    ...overrides,
  }
}

/** The early-warning report flows, run unchanged against Node + SQLite and Workers + D1. */
export function reportFlows(setup: Setup) {
  let tokens: Record<string, string> | undefined
  let extra: { neighbour: User; otherVillage: User } | undefined

  async function prepare() {
    const { h } = setup()
    h.setNow(NOW)
    if (!tokens) {
      const make = (username: string, pillar: User['pillar'], scope: string) =>
        createUser(
          h.deps,
          { username, name: username, role: 'reporter', pillar, scope_code: scope, position: null },
          { actor: null, password: PASSWORD, temporary: false },
        )
      extra = {
        neighbour: await make('kades.sarongan.r', 'government', '35.10.01.2001'),
        otherVillage: await make('babinsa.2002.r', 'military', '35.10.01.2002'),
      }
      tokens = {}
      for (const username of [
        'babinsa.sarongan',
        'kades.sarongan.r',
        'babinsa.2002.r',
        'kapolsek.pesanggaran',
        'pesanggaran.admin',
        'bangorejo.admin',
        'bwi.admin',
      ])
        tokens[username] = await apiLogin(h, username)
    }
    return { h, t: tokens, extra: extra! }
  }

  async function file(h: Harness, token: string, body: unknown) {
    const response = await h.fetch('/api/v1/reports', bearer(token, json(body)))
    return { response, body: (await response.json()) as ReportJson & { errors?: { path: string }[] } }
  }

  describe('filing', () => {
    it('files a report for one’s own village, in local time', async () => {
      const { h, t } = await prepare()
      const { response, body } = await file(
        h,
        t['babinsa.sarongan']!,
        report('35.10.01.2001', { occurred_at: '2026-11-19T20:15:00+07:00' }),
      )
      expect(response.status).toBe(201)
      expect(body).toMatchObject({
        village_code: '35.10.01.2001',
        category: 'social_conflict',
        alert_level: 'waspada',
        status: 'new',
        version: 1,
        restricted: false,
        latitude: null,
        occurred_at: '2026-11-19T20:15:00+07:00',
        reporter: { name: 'Serda Agus Riyadi', pillar: 'military' },
      })
    })

    it('is idempotent with a client_id: a retry returns the stored report', async () => {
      const { h, t } = await prepare()
      const body = report('35.10.01.2001', { client_id: '3f0c8f5e-5b7a-4d0e-9c61-2f6f1d1b7a11', latitude: -8.55, longitude: 114.0 })
      const first = await file(h, t['babinsa.sarongan']!, body)
      expect(first.response.status).toBe(201)
      const before = await countRows(h, 'reports')
      const again = await file(h, t['babinsa.sarongan']!, body)
      expect(again.response.status).toBe(200)
      expect(again.body.id).toBe(first.body.id)
      expect(await countRows(h, 'reports')).toBe(before)

      // The same key with another report is refused, never answered with the stored one.
      const audited = await countRows(h, 'audit_log')
      for (const change of [
        { title: 'Kejadian lain' },
        { alert_level: 'awas' },
        { latitude: -8.6, longitude: 114.1 },
        { restricted: true },
      ]) {
        const reused = await file(h, t['babinsa.sarongan']!, { ...body, ...change })
        expect(reused.response.status, JSON.stringify(change)).toBe(409)
        expect((reused.body as unknown as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['client_id'])
      }
      expect([await countRows(h, 'reports'), await countRows(h, 'audit_log')]).toEqual([before, audited])
    })

    it('refuses bad input naming the field, and stores nothing', async () => {
      const { h, t } = await prepare()
      const token = t['babinsa.sarongan']!
      const before = await countRows(h, 'reports')
      const cases: [Record<string, unknown>, number, string][] = [
        [{ category: 'ufo_sighting' }, 422, 'category'],
        [{ alert_level: 'merah' }, 422, 'alert_level'],
        [{ title: 'x'.repeat(201) }, 422, 'title'],
        [{ description: 'x'.repeat(5001) }, 422, 'description'],
        [{ occurred_at: '2026-11-20 10:00' }, 422, 'occurred_at'],
        [{ occurred_at: new Date(NOW.getTime() + 2 * 3600_000).toISOString() }, 422, 'occurred_at'],
        [{ latitude: 40, longitude: 114 }, 422, 'latitude'],
        [{ latitude: -8.5 }, 422, 'longitude'],
        [{ client_id: 'not-a-uuid' }, 422, 'client_id'],
        [{ village_code: '35.10.01.2002' }, 403, 'village_code'],
      ]
      for (const [overrides, status, field] of cases) {
        const { response, body } = await file(h, token, report('35.10.01.2001', overrides))
        expect(response.status, JSON.stringify(overrides)).toBe(status)
        expect(
          body.errors?.map((e) => e.path),
          JSON.stringify(overrides),
        ).toContain(field)
      }
      // Messages in plain words: the limit named, no format codes.
      const long = await file(h, token, report('35.10.01.2001', { description: 'x'.repeat(5001), occurred_at: '' }))
      const messages = Object.fromEntries((long.body.errors ?? []).map((e) => [e.path, (e as { message?: string }).message]))
      expect(messages).toEqual({
        description: 'Terlalu panjang: paling banyak 5.000 karakter.',
        occurred_at: 'Isi tanggal dan jam dengan lengkap.',
      })
      const malformed = await h.fetch(
        '/api/v1/reports',
        bearer(token, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' }),
      )
      expect(malformed.status).toBe(400)
      const reviewer = await file(h, t['kapolsek.pesanggaran']!, report('35.10.01.2001'))
      expect(reviewer.response.status).toBe(403)
      expect(await countRows(h, 'reports')).toBe(before)
    })
  })

  describe('who sees what', () => {
    it('applies the village, restricted and scope rules, and hides the rest as 404', async () => {
      const { h, t } = await prepare()
      const open = (await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { title: 'Laporan terbuka' }))).body
      const secret = (await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { title: 'Laporan terbatas', restricted: true }))).body
      const get = (token: string, id: string) => h.fetch(`/api/v1/reports/${id}`, bearer(token))

      // The village's other pillars: the open report yes, the restricted one does not exist.
      expect((await get(t['kades.sarongan.r']!, open.id)).status).toBe(200)
      expect((await get(t['kades.sarongan.r']!, secret.id)).status).toBe(404)
      // Its reporter, and reviewers of the district and the regency: both.
      for (const who of ['babinsa.sarongan', 'kapolsek.pesanggaran', 'bwi.admin'])
        expect((await get(t[who]!, secret.id)).status, who).toBe(200)
      // Another village, another district: neither.
      for (const who of ['babinsa.2002.r', 'bangorejo.admin']) {
        expect((await get(t[who]!, open.id)).status, who).toBe(404)
        const list = (await (await h.fetch('/api/v1/reports?limit=200', bearer(t[who]!))).json()) as { items: ReportJson[] }
        expect(
          list.items.map((r) => r.id),
          who,
        ).not.toContain(open.id)
      }
      const neighbourList = (await (await h.fetch('/api/v1/reports?limit=200', bearer(t['kades.sarongan.r']!))).json()) as {
        items: ReportJson[]
      }
      expect(neighbourList.items.map((r) => r.id)).toContain(open.id)
      expect(neighbourList.items.map((r) => r.id)).not.toContain(secret.id)
      // Listing a region outside one's scope is refused.
      expect((await h.fetch('/api/v1/reports?region=35.10.02', bearer(t['kapolsek.pesanggaran']!))).status).toBe(403)
    })
  })

  describe('review workflow', () => {
    it('moves through the statuses with notes, refuses stale versions and impossible moves', async () => {
      const { h, t } = await prepare()
      const filed = (await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { alert_level: 'siaga' }))).body
      const event = (token: string, body: unknown) => h.fetch(`/api/v1/reports/${filed.id}/events`, bearer(token, json(body)))

      expect((await event(t['babinsa.sarongan']!, { type: 'status', status: 'acknowledged', note: 'x', version: 1 })).status).toBe(403)
      const ack = await event(t['kapolsek.pesanggaran']!, {
        type: 'status',
        status: 'acknowledged',
        note: 'Diterima, Bhabinkamtibmas meluncur.',
        version: 1,
      })
      expect(ack.status).toBe(201)
      expect(await ack.json()).toMatchObject({ status: 'acknowledged', version: 2 })

      const eventsBefore = await countRows(h, 'report_events')
      const stale = await event(t['bwi.admin']!, { type: 'status', status: 'in_progress', note: 'Dari versi lama', version: 1 })
      expect(stale.status).toBe(409)
      expect((await event(t['bwi.admin']!, { type: 'status', status: 'resolved', note: 'Lompat', version: 2 })).status).toBe(422)
      expect((await event(t['bwi.admin']!, { type: 'status', status: 'in_progress', note: '', version: 2 })).status).toBe(422)
      expect(await countRows(h, 'report_events')).toBe(eventsBefore)

      expect((await event(t['kades.sarongan.r']!, { type: 'comment', note: 'Warga sudah tenang.' })).status).toBe(201)
      expect(
        (await event(t['kapolsek.pesanggaran']!, { type: 'status', status: 'in_progress', note: 'Mediasi.', version: 2 })).status,
      ).toBe(201)
      expect((await event(t['kapolsek.pesanggaran']!, { type: 'status', status: 'resolved', note: 'Damai.', version: 3 })).status).toBe(201)
      const reopened = await event(t['bwi.admin']!, { type: 'status', status: 'in_progress', note: 'Muncul lagi.', version: 4 })
      expect(reopened.status).toBe(201)

      const detail = (await (await h.fetch(`/api/v1/reports/${filed.id}`, bearer(t['babinsa.sarongan']!))).json()) as {
        version: number
        timeline: { type: string; status: string | null; note: string; author: { pillar: string } }[]
      }
      expect(detail.version).toBe(5)
      expect(detail.timeline.map((e) => [e.type, e.status])).toEqual([
        ['status', 'acknowledged'],
        ['comment', null],
        ['status', 'in_progress'],
        ['status', 'resolved'],
        ['status', 'in_progress'],
      ])
      expect(detail.timeline[0]!.author.pillar).toBe('police')
      // Someone outside the report's view cannot comment either.
      expect((await event(t['bangorejo.admin']!, { type: 'comment', note: 'Halo' })).status).toBe(404)

      // The audit keeps who, when and what changed: the filing, each comment and each status change
      // made from the report's own rows (the row keeps what was filed, the timeline each change with
      // its note), not written into the audit log a second time.
      const events = await h.deps.db.selectFrom('report_events').select('id').where('report_id', '=', filed.id).orderBy('seq').execute()
      const trail = await auditTrail(h.deps, 'report', filed.id)
      const expected = [
        ['report.file', null, { photos: 0 }],
        ['report.status', { status: 'new', version: 1 }, { status: 'acknowledged', version: 2, event: events[0]!.id }],
        ['report.comment', null, { event: events[1]!.id, photos: 0 }],
        ['report.status', { status: 'acknowledged', version: 2 }, { status: 'in_progress', version: 3, event: events[2]!.id }],
        ['report.status', { status: 'in_progress', version: 3 }, { status: 'resolved', version: 4, event: events[3]!.id }],
        ['report.status', { status: 'resolved', version: 4 }, { status: 'in_progress', version: 5, event: events[4]!.id }],
      ]
      const summary = (entries: typeof trail) =>
        entries.map((entry) => [entry.action, entry.before_json && JSON.parse(entry.before_json), JSON.parse(entry.after_json!)])
      expect(summary(trail)).toEqual(expected)
      const usernames = new Map((await h.deps.db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.id, u.username]))
      expect(trail.map((entry) => usernames.get(entry.actor_id!))).toEqual([
        'babinsa.sarongan',
        'kapolsek.pesanggaran',
        'kades.sarongan.r',
        'kapolsek.pesanggaran',
        'kapolsek.pesanggaran',
        'bwi.admin',
      ])
      expect(
        await h.deps.db
          .selectFrom('audit_log')
          .select('id')
          .where('entity_type', '=', 'report')
          .where('entity_id', '=', filed.id)
          .execute(),
      ).toEqual([])
      // A database written before migration 0018 holds such entries in its audit log: each write is
      // read from there, not made a second time.
      const [first, second] = trail
      await h.deps.db
        .insertInto('audit_log')
        .values([first!, second!].map(({ id, ...entry }) => entry))
        .execute()
      expect(summary(await auditTrail(h.deps, 'report', filed.id))).toEqual(expected)
      // So what was filed cannot change afterwards, by any path.
      for (const change of [sql`title = 'Diubah'`, sql`alert_level = 'normal', alert_rank = 0`, sql`restricted = 1`])
        await expect(sql`UPDATE reports SET ${change} WHERE id = ${filed.id}`.execute(h.deps.db)).rejects.toThrow(/keeps what was filed/)
    })

    it('archives the timelines of old resolved reports and reads them back as they were', async () => {
      const { h, t } = await prepare()
      const reviewer = t['kapolsek.pesanggaran']!
      const reporter = t['babinsa.sarongan']!
      const later = (days: number, hours = 0) => new Date(NOW.getTime() + days * 86_400_000 + hours * 3_600_000)
      const event = async (id: string, token: string, body: object) =>
        expect((await h.fetch(`/api/v1/reports/${id}/events`, bearer(token, json(body)))).status).toBe(201)
      const resolve = async (id: string) => {
        for (const [version, status] of ['acknowledged', 'in_progress', 'resolved'].entries())
          await event(id, reviewer, { type: 'status', status, note: `Tahap ${status}`, version: version + 1 })
      }
      const fileNow = async (title: string) =>
        (await file(h, reporter, report('35.10.01.2001', { title, occurred_at: new Date(NOW.getTime() - 3_600_000).toISOString() }))).body
      const old = await fileNow('Arsip: selesai lama')
      const open = await fileNow('Arsip: masih ditangani')
      const commented = await fileNow('Arsip: selesai, dikomentari lagi')
      await resolve(old.id)
      await event(old.id, reporter, { type: 'comment', note: 'Terima kasih, sudah aman.' })
      await event(open.id, reviewer, { type: 'status', status: 'acknowledged', note: 'Diterima.', version: 1 })
      await resolve(commented.id)
      const timeline = async (id: string) =>
        ((await (await h.fetch(`/api/v1/reports/${id}`, bearer(reporter))).json()) as { timeline: { note: string }[] }).timeline
      const reporterUser = await h.deps.db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', 'babinsa.sarongan')
        .executeTakeFirstOrThrow()
      const before = { old: await timeline(old.id), open: await timeline(open.id) }
      const home = await homeSummary(h.deps, reporterUser)
      expect(home.ownReports?.find((own) => own.id === old.id)?.handled_by).toMatch(/Kapolsek/)
      // The segments holding a report's archived events, each with how many of them it holds.
      const archiveOf = async (id: string) =>
        (
          await h.deps.db
            .selectFrom('report_event_segment_reports as held')
            .innerJoin('reports', 'reports.seq', 'held.report_seq')
            .innerJoin('report_event_segments as segment', 'segment.id', 'held.segment_id')
            .select(['segment.body'])
            .where('reports.id', '=', id)
            .orderBy('held.last_seq')
            .execute()
        ).length
      const liveOf = (id: string) => h.deps.db.selectFrom('report_events').select('note').where('report_id', '=', id).execute()

      // A day later someone comments on the third: its timeline is not old yet.
      h.setNow(later(1))
      await event(commented.id, reporter, { type: 'comment', note: 'Kambuh sedikit, dipantau.' })
      const moved = await archiveTimelines(h.deps, later(0, 1))
      expect(moved.reports).toBeGreaterThanOrEqual(1)
      expect(await archiveOf(old.id)).toBe(1)
      expect(await liveOf(old.id)).toEqual([])
      expect(await archiveOf(open.id)).toBe(0)
      expect(await archiveOf(commented.id)).toBe(0)
      expect({ old: await timeline(old.id), open: await timeline(open.id) }).toEqual(before)
      expect(await homeSummary(h.deps, reporterUser)).toEqual(home)
      expect(await latestAuditAfter(h, 'timeline.archive')).toEqual({ before: later(0, 1).toISOString(), ...moved })
      // Nothing more to move: nothing written, not even an audit entry.
      const auditRows = await countRows(h, 'audit_log')
      expect(await archiveTimelines(h.deps, later(0, 1))).toEqual({ reports: 0, events: 0 })
      expect(await countRows(h, 'audit_log')).toBe(auditRows)

      // A comment after archiving joins the timeline after the archived events, and a later run
      // archives it (and the third report's, now old) in a segment of its own.
      await event(old.id, reporter, { type: 'comment', note: 'Catatan susulan.' })
      await event(open.id, reporter, { type: 'comment', note: 'Masih dipantau.' })
      h.setNow(later(2))
      await archiveTimelines(h.deps, later(1, 1))
      expect(await archiveOf(old.id)).toBe(2)
      expect(await archiveOf(commented.id)).toBe(1)
      expect(await archiveOf(open.id)).toBe(0)
      const oldNow = await timeline(old.id)
      expect(oldNow.slice(0, 4)).toEqual(before.old)
      expect(oldNow.map((entry) => entry.note).at(-1)).toBe('Catatan susulan.')
      expect((await timeline(commented.id)).map((entry) => entry.note).at(-1)).toBe('Kambuh sedikit, dipantau.')

      // The table's newest event stays, so its seq is never given again: archived seqs stay unique.
      await event(old.id, reporter, { type: 'comment', note: 'Terakhir.' })
      h.setNow(later(3))
      await archiveTimelines(h.deps, later(2, 1))
      expect((await liveOf(old.id)).map((row) => row.note)).toEqual(['Terakhir.'])
      await event(open.id, reporter, { type: 'comment', note: 'Sesudahnya.' })
      const [newest] = await h.deps.db.selectFrom('report_events').select('seq').orderBy('seq', 'desc').limit(1).execute()
      const archivedSeqs = await h.deps.db
        .selectFrom('report_event_segment_reports')
        .select((eb) => eb.fn.max('last_seq').as('seq'))
        .execute()
      expect(newest!.seq).toBeGreaterThan(archivedSeqs[0]!.seq!)
      expect((await timeline(old.id)).map((entry) => entry.note).slice(-2)).toEqual(['Catatan susulan.', 'Terakhir.'])

      // Events leave the timeline only into the archive, and the archive never changes.
      await expect(sql`DELETE FROM report_events WHERE report_id = ${open.id}`.execute(h.deps.db)).rejects.toThrow(/append-only/)
      await expect(sql`DELETE FROM report_events WHERE report_id = ${old.id}`.execute(h.deps.db)).rejects.toThrow(/append-only/)
      for (const [table, column] of [
        ['report_event_segments', 'events'],
        ['report_event_segment_reports', 'last_seq'],
      ] as const) {
        await expect(sql`DELETE FROM ${sql.table(table)}`.execute(h.deps.db)).rejects.toThrow(/append-only/)
        await expect(sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 0`.execute(h.deps.db)).rejects.toThrow(/append-only/)
      }
    })
  })

  describe('lists and export', () => {
    it('filters and pages newest first with a stable cursor', async () => {
      const { h, t } = await prepare()
      const reporter = t['babinsa.2002.r']!
      for (let i = 0; i < 5; i++)
        await file(
          h,
          reporter,
          report('35.10.01.2002', {
            category: 'land_dispute',
            title: `Sengketa batas sawah ${i}`,
            occurred_at: daysAgo(10 + i),
            alert_level: i === 0 ? 'awas' : 'waspada',
          }),
        )
      const query = '/api/v1/reports?region=35.10.01.2002&category=land_dispute&limit=2'
      const seen: ReportJson[] = []
      let next: string | null = query
      while (next) {
        const page = (await (await h.fetch(next, bearer(t['kapolsek.pesanggaran']!))).json()) as {
          items: ReportJson[]
          next_cursor: string | null
        }
        seen.push(...page.items)
        if (seen.length === 2)
          await file(h, reporter, report('35.10.01.2002', { category: 'land_dispute', title: 'Sisipan baru', occurred_at: daysAgo(0.5) }))
        next = page.next_cursor ? `${query}&cursor=${page.next_cursor}` : null
      }
      expect(seen.map((r) => r.title)).toEqual([0, 1, 2, 3, 4].map((i) => `Sengketa batas sawah ${i}`))
      const awas = (await (
        await h.fetch('/api/v1/reports?region=35.10.01.2002&min_alert_level=siaga', bearer(t['bwi.admin']!))
      ).json()) as { items: ReportJson[] }
      // Other tests file in this village too: every item passes the filter, ours among them.
      expect(awas.items.map((r) => r.title)).toContain('Sengketa batas sawah 0')
      expect(awas.items.filter((r) => r.title.startsWith('Sengketa batas sawah')).map((r) => r.title)).toEqual(['Sengketa batas sawah 0'])
      for (const item of awas.items)
        expect([item.village_code, item.alert_level]).toEqual(['35.10.01.2002', expect.stringMatching(/^(siaga|awas)$/)])
      const search = (await (await h.fetch('/api/v1/reports?q=BATAS%20SAWAH%203', bearer(t['bwi.admin']!))).json()) as {
        items: ReportJson[]
      }
      expect(search.items.map((r) => r.title)).toEqual(['Sengketa batas sawah 3'])
      const dated = (await (
        await h.fetch(
          `/api/v1/reports?region=35.10.01.2002&from=${daysAgo(11).slice(0, 10)}&to=${daysAgo(10).slice(0, 10)}`,
          bearer(t['bwi.admin']!),
        )
      ).json()) as { items: ReportJson[] }
      const ours = dated.items.map((r) => r.title).filter((title) => title.startsWith('Sengketa batas sawah'))
      expect(ours.sort()).toEqual(['Sengketa batas sawah 0', 'Sengketa batas sawah 1'])
      const bad = await h.fetch('/api/v1/reports?min_alert_level=merah&limit=9999', bearer(t['bwi.admin']!))
      expect(bad.status).toBe(422)
      expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort()).toEqual(['limit', 'min_alert_level'])
    })

    it('searches words in titles and descriptions, case and diacritics aside, within the viewer’s view', async () => {
      const { h, t } = await prepare()
      // A word of its own per run, so other tests' reports never match.
      const word = `kode${crypto.randomUUID().slice(0, 8)}`
      const cattle = (
        await file(
          h,
          t['babinsa.sarongan']!,
          report('35.10.01.2001', { title: `Pencurián sapi ${word}`, description: 'Di kandang warga.' }),
        )
      ).body
      const hidden = (await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { title: `Sapi hilang ${word}`, restricted: true })))
        .body
      const elsewhere = (await file(h, t['babinsa.2002.r']!, report('35.10.01.2002', { description: `Kandang sapi ${word} terbakar` })))
        .body
      const search = async (who: string, query: string) => {
        const response = await h.fetch(`/api/v1/reports?q=${encodeURIComponent(query)}&limit=200`, bearer(t[who]!))
        expect(response.status, query).toBe(200)
        return ((await response.json()) as { items: ReportJson[] }).items.map((r) => r.id)
      }
      // Case, diacritics, word order, a word in the description; whole words, not parts of one.
      expect(await search('bwi.admin', `${word.toUpperCase()} PENCURIAN`)).toEqual([cattle.id])
      expect(await search('bwi.admin', `sapi pencurian ${word}`)).toEqual([cattle.id])
      expect(await search('bwi.admin', `sapi pencuri ${word}`)).toEqual([])
      expect((await search('bwi.admin', `kandang ${word}`)).sort()).toEqual([elsewhere.id, cattle.id].sort())
      expect((await search('bwi.admin', `sapi ${word}`)).sort()).toEqual([cattle.id, hidden.id, elsewhere.id].sort())
      // The region filter and the viewer's scope and restriction apply to matches as to lists.
      expect(
        (await h.fetch(`/api/v1/reports?q=sapi+${word}&region=35.10.01.2002`, bearer(t['bwi.admin']!)).then((r) => r.json())) as {
          items: ReportJson[]
        },
      ).toMatchObject({ items: [{ id: elsewhere.id }] })
      expect(await search('kades.sarongan.r', `sapi ${word}`)).toEqual([cattle.id])
      expect(await search('bangorejo.admin', `sapi ${word}`)).toEqual([])
      // Punctuation is no word; quotes and FTS syntax are words or nothing, never an error; D1's
      // 50-byte LIKE limit no longer bounds the box (200 characters).
      expect(await search('bwi.admin', '"*:()-^')).toEqual([])
      expect(await search('bwi.admin', `${word} OR NOT "sapi" NEAR(x)`)).toEqual([])
      expect(await search('bwi.admin', `${'panjang '.repeat(20)}${word}`.slice(-200))).toEqual([])
      expect(await search('bwi.admin', `pencurian ${word} ${'di '.repeat(55)}`.trim())).toEqual([cattle.id])
      // Marks the index reads as spaces (enclosing, spacing, a non-diacritic one), decomposed
      // diacritics, and the private-use character of its place words: words or nothing, never an error.
      for (const marked of ['x\u20ddy', 'kata\u0903lagi', 'a\u0345b', '\ue000r3510'])
        expect(await search('bwi.admin', `${marked} ${word}`), marked).toEqual([])
      expect(await search('bwi.admin', `pencuria\u0301n ${word}`)).toEqual([cattle.id])
      // A region's code is the index's word for the place, not a word of the text.
      expect(await search('bwi.admin', `r3510 ${word}`)).toEqual([])
      expect(await search('bwi.admin', `v3510012002 sapi ${word}`)).toEqual([])
    })

    it('exports CSV with a BOM, Indonesian headers and neutralised formulas', async () => {
      const { h, t } = await prepare()
      await file(h, t['babinsa.2002.r']!, report('35.10.01.2002', { title: '=HYPERLINK("http://x")', category: 'crime' }))
      const response = await h.fetch(
        '/api/v1/reports.csv?region=35.10.01.2002&category=crime',
        bearer(t['bwi.admin']!, { headers: { 'Accept-Language': 'id' } }),
      )
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      const bytes = new Uint8Array(await response.arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      // TextDecoder drops the BOM it has just been shown to carry.
      const lines = new TextDecoder().decode(bytes).trimEnd().split('\r\n')
      expect(lines[0]).toMatch(/^ID,Kode desa,Desa,Kategori,Tingkat,Judul/)
      // Other tests file crimes in this village too: every row passes the filter, ours among them.
      const ours = lines.find((line) => line.includes('HYPERLINK'))
      expect(ours).toContain(`"'=HYPERLINK(""http://x"")"`)
      for (const line of lines.slice(1)) expect(line).toMatch(/,35\.10\.01\.2002,.*,Kriminalitas,/)
    })
    it('streams every matching report into the CSV, however many, each once', async () => {
      const { h } = await prepare()
      const village = (
        await h.deps.db.selectFrom('regions').select('code').where('parent_code', '=', '35.10.05').orderBy('code').executeTakeFirstOrThrow()
      ).code
      const reporter = (await h.deps.db.selectFrom('users').select('id').where('username', '=', 'bwi.admin').executeTakeFirstOrThrow()).id
      // 1,234 reports straight into the table, one JSON parameter per statement (D1 binds at most 100).
      const count = 1234
      const at = (i: number) => new Date(NOW.getTime() - (i + 1) * 60_000).toISOString()
      for (let from = 0; from < count; from += 500) {
        const rows = Array.from({ length: Math.min(500, count - from) }, (_, k) => ({
          id: crypto.randomUUID(),
          n: from + k,
          at: at(from + k),
        }))
        await h.deps.atomic([
          sql`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code, category, alert_level, alert_rank,
                title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at, acknowledged_at,
                last_event_id, created_at, updated_at)
              SELECT json_extract(value, '$.id'), NULL, ${reporter}, ${village}, '35.10.05', '35.10', 'crime', 'normal', 0,
                'Massal ' || json_extract(value, '$.n'), 'Ekspor besar', json_extract(value, '$.at'), NULL, NULL, 0, 'resolved', 1,
                NULL, NULL, NULL, json_extract(value, '$.at'), json_extract(value, '$.at')
              FROM json_each(${JSON.stringify(rows)})`.compile(h.deps.db),
        ])
      }
      // Loaded straight into the table: the dashboards' counts are rebuilt, as after any bulk load.
      await recountReports(h.deps)
      const response = await h.fetch(`/api/v1/reports.csv?region=${village}`, bearer((await prepare()).t['bwi.admin']!))
      expect(response.status).toBe(200)
      const lines = (await response.text()).trimEnd().split('\r\n').slice(1)
      expect(lines).toHaveLength(count)
      // Newest first, each exactly once, across the export's pages of 500.
      expect(lines.map((line) => line.split(',')[5])).toEqual(Array.from({ length: count }, (_, i) => `Massal ${i}`))
      // A region outside the viewer's scope is refused before anything is sent.
      const refused = await h.fetch('/api/v1/reports.csv?region=35.10.05', bearer((await prepare()).t['kapolsek.pesanggaran']!))
      expect(refused.status).toBe(403)
      expect(refused.headers.get('Content-Type')).toContain('application/problem+json')
      // The page says before the download how much the Excel file holds.
      const { headers } = await signIn(h, 'bwi.admin')
      expect(await (await h.fetch('/reports', { headers: headers() })).text()).toContain(
        'Excel memuat paling banyak 20.000 laporan terbaru; CSV memuat semua laporan.',
      )
    })
  })

  describe('dashboard', () => {
    it('gives each user a budget of expensive requests, answered 429 with Retry-After beyond it', async () => {
      const { h, t } = await prepare()
      await createUser(
        h.deps,
        { username: 'camat.budget', name: 'Camat', role: 'reviewer', pillar: 'government', scope_code: '35.10.01', position: null },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const token = await apiLogin(h, 'camat.budget')
      for (let i = 0; i < 60; i++) expect((await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(token))).status).toBe(200)
      const refused = await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(token))
      expect(refused.status).toBe(429)
      expect(refused.headers.get('Retry-After')).toBe('60')
      expect((await h.fetch('/api/v1/reports.csv', bearer(token))).status).toBe(429)
      // Everyone else is served meanwhile, and the user again a minute later.
      expect((await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(t['kapolsek.pesanggaran']!))).status).toBe(200)
      h.setNow(new Date(NOW.getTime() + 61_000))
      expect((await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(token))).status).toBe(200)
      h.setNow(NOW)
    })

    it('computes one dashboard for reviewers asking at once, after each one’s permission check', async () => {
      const { h } = await prepare()
      const user = (username: string) =>
        h.deps.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow()
      const [regency, district, outsider] = await Promise.all([user('bwi.admin'), user('kapolsek.pesanggaran'), user('bangorejo.admin')])
      const [first, second, refused] = await Promise.allSettled([
        dashboardFor(h.deps, regency, '35.10.01'),
        dashboardFor(h.deps, district, '35.10.01'),
        dashboardFor(h.deps, outsider, '35.10.01'),
      ])
      expect(first.status === 'fulfilled' && second.status === 'fulfilled' && first.value === second.value).toBe(true)
      expect(refused).toMatchObject({ status: 'rejected', reason: { kind: 'forbidden' } })
      // Once answered, the next one is computed afresh.
      const later = await dashboardFor(h.deps, regency, '35.10.01')
      expect(later).not.toBe((first as PromiseFulfilledResult<unknown>).value)
      expect(later).toEqual((first as PromiseFulfilledResult<unknown>).value)
    })

    it('counts, flags attention and overdue, finds hotspots with reasons and silent villages', async () => {
      const { h, t } = await prepare()
      const sarongan = t['babinsa.sarongan']!
      // 35.10.01.2002: five reports above normal in the last 30 days (one awas), one in the 90 days
      // before (a third of one per 30 days): rising.
      for (let i = 0; i < 5; i++)
        await file(
          h,
          t['babinsa.2002.r']!,
          report('35.10.01.2002', { category: 'crime', occurred_at: daysAgo(10 + i), alert_level: i === 0 ? 'awas' : 'waspada' }),
        )
      await file(h, t['babinsa.2002.r']!, report('35.10.01.2002', { category: 'crime', occurred_at: daysAgo(45) }))
      // 35.10.01.2001 (Sarongan): an awas 3 hours ago, unacknowledged: past its 2-hour deadline.
      const awas = (
        await file(
          h,
          sarongan,
          report('35.10.01.2001', {
            alert_level: 'awas',
            title: 'Massa berkumpul',
            occurred_at: new Date(NOW.getTime() - 3 * 3600_000).toISOString(),
          }),
        )
      ).body
      h.setNow(new Date(NOW.getTime() + 3 * 3600_000))
      const summary = (await (await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(t['kapolsek.pesanggaran']!))).json()) as {
        by_alert_level: Record<string, number>
        by_status: Record<string, number>
        by_region: { code: string; total: number }[]
        needs_attention: { id: string; overdue: boolean }[]
        overdue: { id: string }[]
        hotspots: { village_code: string; reasons: { kind: string }[] }[]
        silent_villages: { code: string }[]
        quarterly: { quarter: string; awas: number }[]
      }
      expect(Object.keys(summary).sort()).toEqual([
        'by_alert_level',
        'by_category',
        'by_region',
        'by_status',
        'hotspots',
        'needs_attention',
        'overdue',
        'period',
        'quarterly',
        'silent_villages',
      ])
      expect(summary.by_alert_level.awas).toBeGreaterThanOrEqual(2)
      expect(summary.needs_attention.find((item) => item.id === awas.id)).toMatchObject({ overdue: true })
      expect(summary.overdue.map((item) => item.id)).toContain(awas.id)
      const sar = summary.hotspots.find((spot) => spot.village_code === '35.10.01.2001')
      expect(sar?.reasons.map((r) => r.kind)).toContain('awas')
      const other = summary.hotspots.find((spot) => spot.village_code === '35.10.01.2002')
      expect(other?.reasons.map((r) => r.kind)).toEqual(['awas', 'rising'])
      // The page writes the average as Indonesians write numbers.
      const page = await (
        await h.fetch('/dashboard?region=35.10.01', { headers: (await signIn(h, 'kapolsek.pesanggaran')).headers() })
      ).text()
      expect(page).toContain('laporan di atas Normal dalam 30 hari (rata-rata sebelumnya 0,33 per 30 hari)')
      expect(summary.by_region).toHaveLength(5) // Pesanggaran has five villages
      expect(summary.by_region.find((r) => r.code === '35.10.01.2001')!.total).toBeGreaterThan(0)
      expect(summary.silent_villages.map((v) => v.code)).not.toContain('35.10.01.2001')
      expect(summary.silent_villages).toHaveLength(3)
      expect(summary.quarterly.map((q) => q.quarter)).toEqual([
        '2025-Q1',
        '2025-Q2',
        '2025-Q3',
        '2025-Q4',
        '2026-Q1',
        '2026-Q2',
        '2026-Q3',
        '2026-Q4',
      ])
      expect(summary.quarterly[7]!.awas).toBe(summary.by_alert_level.awas)

      expect((await h.fetch('/api/v1/dashboard?region=35.10', bearer(t['kapolsek.pesanggaran']!))).status).toBe(403)
      expect((await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(sarongan))).status).toBe(403)
      const regency = (await (await h.fetch('/api/v1/dashboard?region=35.10', bearer(t['bwi.admin']!))).json()) as { by_region: unknown[] }
      expect(regency.by_region).toHaveLength(25)
    })
  })

  describe('report pages', () => {
    const SCRIPT_TITLE = '<script>alert(1)</script>'

    it('files through the plain form once, even when sent twice, and shows hostile text as text', async () => {
      const { h } = await prepare()
      const { headers } = await signIn(h, 'babinsa.sarongan')
      const form = await (await h.fetch('/reports/new', { headers: headers() })).text()
      expect(form).toContain('name="client_id"')
      const clientId = /name="client_id" value="([^"]+)"/.exec(form)![1]!
      const fields = {
        _csrf: csrfTokenIn(form),
        client_id: clientId,
        alert_level: 'siaga',
        category: 'protest',
        title: SCRIPT_TITLE,
        description: 'Uraian <b>tebal</b> & "kutip"',
        occurred_at: '2026-11-20T08:30',
        latitude: '-8,55',
        longitude: '114,01',
      }
      const before = await countRows(h, 'reports')
      const bad = await h.fetch('/reports', { method: 'POST', body: new URLSearchParams({ ...fields, title: '' }), headers: headers() })
      expect(bad.status).toBe(422)
      expect(await bad.text()).toContain('Wajib diisi.')
      expect(await countRows(h, 'reports')).toBe(before)

      const sent = await h.fetch('/reports', { method: 'POST', body: new URLSearchParams(fields), headers: headers() })
      expect(sent.status).toBe(303)
      const again = await h.fetch('/reports', { method: 'POST', body: new URLSearchParams(fields), headers: headers() })
      expect(again.headers.get('Location')).toBe(sent.headers.get('Location'))
      expect(await countRows(h, 'reports')).toBe(before + 1)

      // Back to the used form, another incident typed in: refused, re-shown with the entries and a fresh key.
      const reused = await h.fetch('/reports', {
        method: 'POST',
        body: new URLSearchParams({ ...fields, title: 'Kebakaran gudang' }),
        headers: headers(),
      })
      expect(reused.status).toBe(409)
      const reshown = await reused.text()
      expect(reshown).toContain('Formulir ini sudah dipakai untuk mengirim laporan lain.')
      expect(reshown).toContain('value="Kebakaran gudang"')
      const freshKey = /name="client_id" value="([^"]+)"/.exec(reshown)![1]!
      expect(freshKey).not.toBe(clientId)
      expect(await countRows(h, 'reports')).toBe(before + 1)
      const second = await h.fetch('/reports', {
        method: 'POST',
        body: new URLSearchParams({ ...fields, _csrf: csrfTokenIn(reshown), client_id: freshKey, title: 'Kebakaran gudang' }),
        headers: headers(),
      })
      expect(second.status).toBe(303)
      expect(second.headers.get('Location')).not.toBe(sent.headers.get('Location'))
      expect(await countRows(h, 'reports')).toBe(before + 2)

      const page = await (await h.fetch(sent.headers.get('Location')!, { headers: headers() })).text()
      expect(page).toContain('Laporan telah dikirim.')
      expect(page).toContain('20 November 2026 pukul 08.30 WIB')
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(page).toContain('Uraian &lt;b&gt;tebal&lt;/b&gt; &amp; &quot;kutip&quot;')
      expect(page).not.toContain(SCRIPT_TITLE)
      const list = await (await h.fetch('/reports', { headers: headers() })).text()
      expect(list).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(list).not.toContain(SCRIPT_TITLE)
    })

    it('exports the filtered reports as an Excel workbook a real parser reads: dates, names, Ya/Tidak', async () => {
      const { h, t } = await prepare()
      const title = `Untuk Excel ${crypto.randomUUID().slice(0, 8)}`
      await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { title, occurred_at: '2026-11-20T08:30:00+07:00', restricted: true }))
      const response = await h.fetch(`/api/v1/reports.xlsx?q=${encodeURIComponent(title)}`, bearer(t['kapolsek.pesanggaran']!))
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      const rows = await readSheet(await response.arrayBuffer())
      expect(rows[0]).toEqual([
        'Waktu kejadian',
        'Kecamatan',
        'Desa',
        'Kategori',
        'Tingkat',
        'Status',
        'Judul',
        'Uraian',
        'Terbatas',
        'Pelapor',
        'Pilar',
        'Lintang',
        'Bujur',
        'Dilaporkan',
      ])
      expect(rows).toHaveLength(2)
      const [occurred, district, village, category, level, status, rowTitle, , restricted] = rows[1]!
      // A real date, holding the wall-clock time of the village (WIB).
      expect(occurred).toBeInstanceOf(Date)
      expect((occurred as unknown as Date).toISOString()).toBe('2026-11-20T08:30:00.000Z')
      expect([district, village, category, level, status, rowTitle, restricted]).toEqual([
        'Pesanggaran',
        'Sarongan',
        'Konflik sosial',
        'Waspada',
        'Baru',
        title,
        'Ya',
      ])
      // The list page offers it beside the CSV, with the same filter.
      const { headers } = await signIn(h, 'kapolsek.pesanggaran')
      const list = await (await h.fetch(`/reports?q=${encodeURIComponent(title)}`, { headers: headers() })).text()
      expect(list).toContain(`href="/reports.xlsx?q=${encodeURIComponent(title).replaceAll('%20', '+')}"`)
    })

    it('lists by region chosen by name, and takes the filter form as sent, empty fields included', async () => {
      const { h, t } = await prepare()
      const title = `Dicari menurut wilayah ${crypto.randomUUID()}`
      await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { title, occurred_at: daysAgo(0.2) }))
      const { headers } = await signIn(h, 'kapolsek.pesanggaran')
      const form = { q: title, region: '35.10.01.2001', status: '', min_alert_level: '', category: '', from: '', to: '' }
      const response = await h.fetch(`/reports?${new URLSearchParams(form)}`, { headers: headers() })
      expect(response.status).toBe(200)
      const page = await response.text()
      expect(page).toContain(title)
      // The district reviewer chooses among the district's villages by name; no code is typed.
      expect(page).toContain('<option value="35.10.01.2001" selected="">Desa Sarongan</option>')
      expect(page).not.toMatch(/<input[^>]*name="region"/)
      const api = await h.fetch(`/api/v1/reports?${new URLSearchParams(form)}`, bearer(t['kapolsek.pesanggaran']!))
      expect(api.status).toBe(200)
    })

    it('shows the reviewer the report on the dashboard, escaped, and takes status changes by form', async () => {
      const { h, t } = await prepare()
      const filed = await file(
        h,
        t['babinsa.sarongan']!,
        report('35.10.01.2001', { alert_level: 'siaga', title: SCRIPT_TITLE, occurred_at: daysAgo(0.1) }),
      )
      const { headers } = await signIn(h, 'kapolsek.pesanggaran')
      const dashboard = await (await h.fetch('/dashboard', { headers: headers() })).text()
      expect(dashboard).toContain('Dasbor deteksi dini')
      expect(dashboard).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(dashboard).not.toContain(SCRIPT_TITLE)
      expect(dashboard).toContain('<svg')
      // The village by name, its code only as a quiet detail.
      expect(dashboard).toContain('<span>Sarongan <small class="muted">(35.10.01.2001)</small></span>')

      const id = filed.body.id
      const page = await (await h.fetch(`/reports/${id}`, { headers: headers() })).text()
      expect(page).toContain('Perlu perhatian')
      const change = { _csrf: csrfTokenIn(page), type: 'status', status: 'acknowledged', version: '1', note: 'Diterima.' }
      const done = await h.fetch(`/reports/${id}/events`, { method: 'POST', body: new URLSearchParams(change), headers: headers() })
      expect(done.status).toBe(303)
      // A second reviewer, on the page opened before the first one's change: refused, the note kept,
      // the report shown as it now is.
      const stale = await h.fetch(`/reports/${id}/events`, {
        method: 'POST',
        body: new URLSearchParams({ ...change, status: 'in_progress', note: 'Babinsa sudah di lokasi & menengahi.' }),
        headers: headers(),
      })
      expect(stale.status).toBe(409)
      const reshown = await stale.text()
      expect(reshown).toContain('Laporan telah diubah orang lain sejak Anda membukanya.')
      expect(reshown).toMatch(/<textarea id="status-note"[^>]*>Babinsa sudah di lokasi &amp; menengahi\.<\/textarea>/)
      expect(reshown).toContain('<option value="in_progress" selected="">')
      expect(reshown).toContain('name="version" value="2"')
    })
  })

  describe('regency settings', () => {
    it('lets regency admins add and retire categories; retired codes stay on old reports', async () => {
      const { h, t } = await prepare()
      const admin = t['bwi.admin']!
      const add = (token: string, body: unknown) => h.fetch('/api/v1/regencies/35.10/categories', bearer(token, json(body)))
      const fishing = { code: 'illegal_fishing', label_id: 'Penangkapan ikan ilegal', label_en: 'Illegal fishing' }
      expect((await add(t['pesanggaran.admin']!, fishing)).status).toBe(403)
      const bad = await add(admin, { ...fishing, code: 'Ikan Ilegal!' })
      expect(bad.status).toBe(422)
      expect(((await bad.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['code'])
      expect((await add(admin, fishing)).status).toBe(201)
      expect((await add(admin, fishing)).status).toBe(409)

      const filed = await file(
        h,
        t['babinsa.sarongan']!,
        report('35.10.01.2001', { category: 'illegal_fishing', title: 'Bom ikan di pantai' }),
      )
      expect(filed.response.status).toBe(201)
      expect((await h.fetch('/api/v1/regencies/35.10/categories/illegal_fishing/retire', bearer(admin, { method: 'POST' }))).status).toBe(
        200,
      )
      const refused = await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { category: 'illegal_fishing' }))
      expect(refused.response.status).toBe(422)
      expect(refused.body.errors?.map((e) => e.path)).toEqual(['category'])
      const old = (await (await h.fetch(`/api/v1/reports/${filed.body.id}`, bearer(t['babinsa.sarongan']!))).json()) as { category: string }
      expect(old.category).toBe('illegal_fishing')
      const list = (await (
        await h.fetch('/api/v1/regencies/35.10/categories', bearer(t['babinsa.sarongan']!, { headers: { 'Accept-Language': 'en' } }))
      ).json()) as {
        items: { code: string; label: string; retired: boolean }[]
      }
      expect(list.items.find((c) => c.code === 'illegal_fishing')).toEqual({
        code: 'illegal_fishing',
        label: 'Illegal fishing',
        builtin: false,
        retired: true,
      })
      // Only Banyuwangi is loaded here: another regency does not exist for anyone.
      expect((await h.fetch('/api/v1/regencies/35.11/categories', bearer(t['babinsa.sarongan']!))).status).toBe(404)
      expect((await h.fetch('/api/v1/regencies/35.10.01/categories', bearer(t['babinsa.sarongan']!))).status).toBe(422)
    })

    it('applies a regency’s own acknowledgement deadlines', async () => {
      const { h, t } = await prepare()
      const put = (token: string, body: unknown) =>
        h.fetch('/api/v1/regencies/35.10/deadlines', bearer(token, json(body, { method: 'PUT' })))
      const invalid = await put(t['bwi.admin']!, { awas: 0, siaga: 6 })
      expect(invalid.status).toBe(422)
      expect(((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['awas'])
      expect((await put(t['kapolsek.pesanggaran']!, { awas: 1, siaga: 6 })).status).toBe(403)
      expect((await put(t['bwi.admin']!, { awas: 1, siaga: 6 })).status).toBe(200)
      expect(await (await h.fetch('/api/v1/regencies/35.10/deadlines', bearer(t['babinsa.sarongan']!))).json()).toEqual({
        awas: 1,
        siaga: 6,
      })

      const filed = (await file(h, t['babinsa.sarongan']!, report('35.10.01.2001', { alert_level: 'awas', title: 'Tenggat satu jam' })))
        .body
      const summary = (await (await h.fetch('/api/v1/dashboard?region=35.10.01', bearer(t['kapolsek.pesanggaran']!))).json()) as {
        needs_attention: { id: string; ack_due_at: string }[]
      }
      expect(summary.needs_attention.find((item) => item.id === filed.id)?.ack_due_at).toBe(
        new Date(NOW.getTime() + 3600_000).toISOString(),
      )
    })

    it('takes a letterhead logo recognised by its bytes, refuses other files and large ones, and removes it', async () => {
      const { h } = await prepare()
      const { headers } = await signIn(h, 'bwi.admin')
      const csrf = csrfTokenIn(await (await h.fetch('/admin/regencies/35.10', { headers: headers() })).text())
      const upload = (bytes: Uint8Array<ArrayBuffer>, name: string, type: string) => {
        const body = new FormData()
        body.set('_csrf', csrf)
        body.set('logo', new File([bytes], name, { type }))
        return h.fetch('/admin/regencies/35.10/logo', { method: 'POST', body, headers: headers() })
      }
      const png = Uint8Array.from(
        atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
        (ch) => ch.charCodeAt(0),
      )
      const audited = await countRows(h, 'audit_log')
      // A text file named and typed as PNG is still text; a PNG over 256 KB is too large.
      const fake = await upload(new TextEncoder().encode('bukan gambar'), 'logo.png', 'image/png')
      expect(fake.status).toBe(422)
      expect(await fake.text()).toContain('Logo harus berupa gambar PNG, JPEG, atau WebP.')
      const huge = new Uint8Array(300 * 1024)
      huge.set(png)
      const large = await upload(huge, 'besar.png', 'image/png')
      expect(large.status).toBe(422)
      expect(await large.text()).toContain('Logo terlalu besar: paling besar 256 KB.')
      expect(await countRows(h, 'audit_log')).toBe(audited)

      expect((await upload(png, 'pemkab.txt', 'text/plain')).status).toBe(303)
      const page = await (await h.fetch('/admin/regencies/35.10', { headers: headers() })).text()
      expect(page).toContain(`<img class="doc-logo" src="data:image/png;base64,${btoa(String.fromCharCode(...png))}"`)
      const removed = await h.fetch('/admin/regencies/35.10/logo', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrf, remove: '1' }),
        headers: headers(),
      })
      expect(removed.status).toBe(303)
      expect(await (await h.fetch('/admin/regencies/35.10', { headers: headers() })).text()).not.toContain('class="doc-logo"')
    })

    it('serves the settings page to regency admins only', async () => {
      const { h, t } = await prepare()
      const logging = { code: 'illegal_logging', label_id: 'Pembalakan liar', label_en: 'Illegal logging' }
      expect((await h.fetch('/api/v1/regencies/35.10/categories', bearer(t['bwi.admin']!, json(logging)))).status).toBe(201)
      const admin = await signIn(h, 'bwi.admin')
      const page = await h.fetch('/admin/regencies/35.10', { headers: admin.headers() })
      expect(page.status).toBe(200)
      const html = await page.text()
      // Labels first, the code as a quiet detail, and words an operator uses.
      expect(html).toContain('Pembalakan liar <small class="muted">illegal_logging</small>')
      expect(html).toContain('Hentikan pemakaian')
      const saved = await h.fetch('/admin/regencies/35.10/deadlines', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(html), awas: '3', siaga: 'dua' }),
        headers: admin.headers(),
      })
      expect(saved.status).toBe(422)
      const rule = await h.fetch('/admin/regencies/35.10/rakor-rule', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(html), week: '2', weekday: '2', start_time: '13:00', end_time: '10:00' }),
        headers: admin.headers(),
      })
      expect(rule.status).toBe(422)
      expect(await rule.text()).toContain('Waktu selesai harus setelah waktu mulai.')
      const holiday = await h.fetch('/admin/regencies/35.10/holidays', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(html), date: '2027-01-12', name: 'Libur uji' }),
        headers: admin.headers(),
      })
      expect([holiday.status, holiday.headers.get('Location')]).toEqual([303, '/admin/regencies/35.10?saved=1'])
      const settingsPage = await (await h.fetch(holiday.headers.get('Location')!, { headers: admin.headers() })).text()
      expect(settingsPage).toContain('Libur uji')
      expect(settingsPage).toContain('<td>12 Januari 2027</td>')
      expect(settingsPage).toContain('Pengaturan kabupaten telah disimpan.')
      const district = await signIn(h, 'pesanggaran.admin')
      expect((await h.fetch('/admin/regencies/35.10', { headers: district.headers() })).status).toBe(403)
    })
  })
}
