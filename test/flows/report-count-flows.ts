import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../scripts/demo-history.ts'
import { ALERT_LEVELS, nextStatuses } from '../../src/domain/alert-levels.ts'
import { BUILTIN_CATEGORIES } from '../../src/domain/categories.ts'
import type { dashboardFor } from '../../src/domain/dashboard.ts'
import { DomainError } from '../../src/domain/errors.ts'
import { recountReports } from '../../src/domain/report-counts.ts'
import { addReportEvent, fileReport } from '../../src/domain/reports.ts'
import { createUser } from '../../src/domain/users.ts'
import { apiLogin, bearer, type Fixtures, PASSWORD } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures }

const NOW = new Date('2026-11-20T03:00:00Z') // 2026-Q4 in WIB
const VILLAGES = ['35.10.01.2001', '35.10.01.2002', '35.10.02.2001', '35.10.05.2003']

/** What the kept counts must say, recounted here from the reports themselves (WIB is UTC+7 in Banyuwangi). */
async function recount(h: ClockedHarness) {
  const reports = await h.deps.db
    .selectFrom('reports')
    .select(['village_code', 'district_code', 'regency_code', 'occurred_at', 'alert_level', 'category', 'status'])
    .execute()
  // Each report counts in its village, its district and its regency.
  const tally = (key: (r: (typeof reports)[number], region: string) => string) => {
    const counts: Record<string, number> = {}
    for (const report of reports)
      for (const region of [report.village_code, report.district_code, report.regency_code])
        counts[key(report, region)] = (counts[key(report, region)] ?? 0) + 1
    return counts
  }
  const month = (instant: string) => new Date(Date.parse(instant) + 7 * 3600_000).toISOString().slice(0, 7)
  return {
    counts: tally((r, region) => [region, month(r.occurred_at), r.alert_level, r.category].join(' ')),
    statuses: tally((r, region) => [region, r.status].join(' ')),
  }
}

async function kept(h: ClockedHarness) {
  const counts = await h.deps.db.selectFrom('report_counts').selectAll().execute()
  const statuses = await h.deps.db.selectFrom('report_status_counts').selectAll().execute()
  const asMap = <T extends { n: number }>(rows: T[], key: (row: T) => string) =>
    Object.fromEntries(rows.filter((row) => Number(row.n) !== 0).map((row) => [key(row), Number(row.n)]))
  return {
    counts: asMap(counts, (r) => [r.region_code, r.month, r.alert_level, r.category].join(' ')),
    statuses: asMap(statuses, (r) => [r.region_code, r.status].join(' ')),
  }
}

/**
 * The dashboards' kept counts against a recount from the reports, after a random sequence of
 * filings (backdated ones, some on a local month's edge), status changes and refused stale
 * changes; run on Node + SQLite and Workers + D1.
 */
export function reportCountFlows(setup: Setup) {
  describe('dashboard counts', () => {
    it('stay equal to a recount of the reports through random filings, status changes and backdated reports', async () => {
      const { h, f } = setup()
      h.setNow(NOW)
      const reporters = await Promise.all(
        VILLAGES.map((village, i) =>
          createUser(
            h.deps,
            {
              username: `pelapor.hitung.${i}`,
              name: `Pelapor ${i}`,
              role: 'reporter',
              pillar: 'government',
              scope_code: village,
              position: null,
            },
            { actor: null, password: PASSWORD, temporary: false },
          ),
        ),
      )
      const seed = 20261120
      const next = seededRandom(seed)
      const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!
      const filed: { id: string; version: number; status: string }[] = []
      for (let step = 0; step < 120; step++) {
        if (filed.length === 0 || next() < 0.6) {
          const village = Math.floor(next() * VILLAGES.length)
          // Up to two years back; one in five at 00:30 WIB on a month's first day, which is the previous day in UTC.
          const back = Math.floor(next() * 730)
          const day = new Date(NOW.getTime() - back * 86_400_000)
          const occurred =
            next() < 0.2
              ? new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1) - 6.5 * 3600_000)
              : new Date(day.getTime() - next() * 3600_000)
          const { report } = await fileReport(h.deps, reporters[village]!, {
            village_code: VILLAGES[village]!,
            category: pick(BUILTIN_CATEGORIES),
            alert_level: pick(ALERT_LEVELS),
            title: `Laporan acak ${step}`,
            description: 'Urutan acak untuk menguji hitungan dasbor.',
            occurred_at: occurred.toISOString(),
            latitude: null,
            longitude: null,
            restricted: false,
            client_id: null,
          })
          filed.push({ id: report.id, version: 1, status: 'new' })
          continue
        }
        const report = pick(filed)
        const to = pick(nextStatuses(report.status as 'new'))
        // Now and then a change from a version already gone: refused, and it changes no count.
        const stale = next() < 0.15 && report.version > 1
        try {
          await addReportEvent(h.deps, f.regencyAdmin, report.id, {
            type: 'status',
            status: to,
            note: 'Tindak lanjut acak.',
            version: stale ? report.version - 1 : report.version,
          })
          expect(stale, `seed ${seed}, step ${step}`).toBe(false)
          report.version++
          report.status = to
        } catch (error) {
          expect(error instanceof DomainError && error.key === 'staleVersion' && stale, `seed ${seed}, step ${step}`).toBe(true)
        }
      }
      const expected = await recount(h)
      expect(await kept(h)).toEqual(expected)

      // The dashboard's counts are the recount's for this quarter (October to December 2026, WIB).
      const token = await apiLogin(h, 'bwi.admin')
      const dashboard = (await (await h.fetch('/api/v1/dashboard?region=35.10', bearer(token))).json()) as Awaited<
        ReturnType<typeof dashboardFor>
      >
      expect(dashboard.period).toBe('2026-Q4')
      const inQuarter = Object.entries(expected.counts).filter(([key]) => /^35\.10\.\d\d\.\d{4} 2026-(10|11|12) /.test(key))
      for (const level of ALERT_LEVELS)
        expect(dashboard.by_alert_level[level]).toBe(
          inQuarter.filter(([key]) => key.split(' ')[2] === level).reduce((sum, [, n]) => sum + n, 0),
        )
      const pesanggaran = dashboard.by_region.find((row) => row.code === '35.10.01')!
      expect(pesanggaran.total).toBe(inQuarter.filter(([key]) => key.startsWith('35.10.01.')).reduce((sum, [, n]) => sum + n, 0))
      expect(Object.values(dashboard.by_status).reduce((sum, n) => sum + n, 0)).toBe(filed.length)
      const chart = dashboard.quarterly.at(-1)!
      expect(ALERT_LEVELS.reduce((sum, level) => sum + chart[level], 0)).toBe(inQuarter.reduce((sum, [, n]) => sum + n, 0))
    })

    it('serves a regency dashboard with 150 hotspot villages (more than D1 binds in one statement)', async () => {
      const { h, f } = setup()
      h.setNow(NOW)
      const villages = (
        await h.deps.db.selectFrom('regions').select('code').where('level', '=', 'village').orderBy('code').limit(150).execute()
      ).map((row) => row.code)
      // An awas report a week ago in each, loaded in bulk (one JSON parameter), then the counts rebuilt.
      const at = new Date(NOW.getTime() - 7 * 86_400_000).toISOString()
      await h.deps.atomic([
        sql`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code, category, alert_level, alert_rank,
              title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at, acknowledged_at,
              last_event_id, created_at, updated_at)
            SELECT lower(hex(randomblob(16))), NULL, ${f.regencyAdmin.id}, value, substr(value, 1, 8), '35.10', 'crime', 'awas', 3,
              'Awas massal', 'Uji titik rawan', ${at}, NULL, NULL, 0, 'resolved', 1, NULL, NULL, NULL, ${at}, ${at}
            FROM json_each(${JSON.stringify(villages)})`.compile(h.deps.db),
      ])
      await recountReports(h.deps)
      const token = await apiLogin(h, 'bwi.admin')
      const response = await h.fetch('/api/v1/dashboard?region=35.10', bearer(token))
      expect(response.status).toBe(200)
      const dashboard = (await response.json()) as Awaited<ReturnType<typeof dashboardFor>>
      expect(dashboard.hotspots.length).toBeGreaterThanOrEqual(150)
      expect(dashboard.hotspots.every((spot) => spot.village_name !== spot.village_code)).toBe(true)
      expect(await kept(h)).toEqual(await recount(h))
    })
  })
}
