import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { agendaOf } from '../../src/domain/agenda.ts'
import { createMeeting } from '../../src/domain/meetings.ts'
import { apiLogin, bearer, type Fixtures } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures }

const NOW = new Date('2026-11-20T03:00:00Z')

/**
 * A regency Rakor's agenda when the regency has more open siaga/awas reports and hotspots than a
 * meeting can read one by one: the most urgent listed, the rest counted; on both runtimes.
 */
export function agendaScaleFlows(setup: Setup) {
  describe('a regency agenda at scale', () => {
    it('lists the ten most urgent reports and hotspots, counts the rest per district, and drafting again adds nothing', async () => {
      const { h, f } = setup()
      h.setNow(NOW)
      const villages = (
        await h.deps.db.selectFrom('regions').select('code').where('level', '=', 'village').orderBy('code').limit(45).execute()
      ).map((row) => row.code)
      // 30 open siaga reports (5 of them restricted) and 15 open awas ones, a week old, loaded in bulk.
      const rows = villages.map((village, i) => ({
        village,
        level: i < 30 ? 'siaga' : 'awas',
        rank: i < 30 ? 2 : 3,
        restricted: i < 5 ? 1 : 0,
        at: new Date(NOW.getTime() - (7 * 86_400_000 - i * 60_000)).toISOString(),
      }))
      await h.deps.atomic([
        sql`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code, category, alert_level, alert_rank,
              title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at, acknowledged_at,
              last_event_id, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), NULL, ${f.regencyAdmin.id}, json_extract(value, '$.village'),
              substr(json_extract(value, '$.village'), 1, 8), '35.10', 'crime', json_extract(value, '$.level'),
              json_extract(value, '$.rank'), 'Laporan ' || json_extract(value, '$.village'), 'Uji agenda',
              json_extract(value, '$.at'), NULL, NULL, json_extract(value, '$.restricted'), 'new', 1, NULL, NULL, NULL,
              json_extract(value, '$.at'), json_extract(value, '$.at')
            FROM json_each(${JSON.stringify(rows)})`.compile(h.deps.db),
      ])
      const meeting = await createMeeting(h.deps, f.regencyAdmin, {
        scope_code: '35.10',
        kind: 'quarterly',
        title: 'Rakor Kabupaten skala besar',
        starts_at: '2026-12-15T09:00',
        ends_at: '2026-12-15T12:00',
        venue: 'Pendopo',
        online_url: null,
        description: '',
        visibility: 'public',
        include_villages: false,
      })
      const agenda = await agendaOf(h.deps, meeting.id)
      const kinds = agenda.map((item) => (JSON.parse(item.draft_json ?? '{}') as { kind?: string }).kind)
      expect(kinds.filter((kind) => kind === 'report')).toHaveLength(10)
      expect(kinds.filter((kind) => kind === 'hotspot')).toHaveLength(10)
      const summary = agenda.find((item) => item.title.startsWith('Ringkasan'))!
      // The 40 unrestricted ones are counted; restricted ones only appear one by one, to those who may see them.
      expect(summary.title).toBe('Ringkasan 40 laporan Siaga/Awas yang belum selesai')
      // Pesanggaran's five reports are the restricted ones: it is not in the counts at all.
      expect(summary.notes).toMatch(/^Bangorejo: 0 Awas, 7 Siaga; /)
      expect(summary.notes).not.toContain('Pesanggaran')
      const listed = agenda.filter((item) => item.report_id)
      // Awas first, the oldest first.
      expect(listed.map((item) => item.title.slice(0, 6))).toEqual(Array(10).fill('[AWAS]'))
      expect(agenda.find((item) => item.title === '5 titik rawan lainnya')?.notes.split(', ')).toHaveLength(5)
      expect(agenda.length).toBeLessThanOrEqual(22)

      const token = await apiLogin(h, 'bwi.admin')
      const again = await h.fetch(`/api/v1/meetings/${meeting.id}/agenda/draft`, bearer(token, { method: 'POST' }))
      expect(again.status).toBe(200)
      expect(((await again.json()) as { added: number }).added).toBe(0)
    })
  })
}
