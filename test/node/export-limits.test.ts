import { readSheet } from 'read-excel-file/universal'
import { describe, expect, it } from 'vitest'
import { XLSX_LIMIT } from '../../src/domain/report-list.ts'
import type { nodeDeps } from '../../src/entry/node-deps.ts'
import { apiLogin, bearer } from '../flows/harness.ts'
import { nodeHarness } from './node-harness.ts'

// The workbook's limit needs more than 20,000 reports: filled straight into SQLite, Node only.
const state = nodeHarness()

describe('the Excel export past its limit', () => {
  it('holds the newest 20,000 reports and says so in its last row and a header; the CSV holds them all', async () => {
    const { h, f } = state()
    const count = XLSX_LIMIT + 7
    // The Node harness's deps are nodeDeps(): SQLite itself is at hand.
    const { sqlite } = (h.deps as ReturnType<typeof nodeDeps>).handle
    const insert = sqlite.prepare(`INSERT INTO reports (id, client_id, reporter_id, village_code, district_code, regency_code,
      category, alert_level, alert_rank, title, description, occurred_at, latitude, longitude, restricted, status, version, ack_due_at,
      acknowledged_at, last_event_id, created_at, updated_at)
      VALUES (?, NULL, ?, '35.10.01.2001', '35.10.01', '35.10', 'crime', 'normal', 0, ?, 'Ekspor', ?, NULL, NULL, 0, 'resolved', 1, NULL, NULL, NULL, ?, ?)`)
    const start = Date.now()
    sqlite.transaction(() => {
      for (let i = 0; i < count; i++) {
        const at = new Date(start - (i + 1) * 60_000).toISOString()
        insert.run(crypto.randomUUID(), f.reporter.id, `Laporan ${i}`, at, at, at)
      }
    })()
    const token = await apiLogin(h, 'bwi.admin')
    const xlsx = await h.fetch('/api/v1/reports.xlsx', bearer(token))
    expect(xlsx.status).toBe(200)
    expect(xlsx.headers.get('X-Export-Limited')).toBe(String(XLSX_LIMIT))
    const rows = await readSheet(await xlsx.arrayBuffer())
    // Header, 20,000 reports, and the note.
    expect(rows).toHaveLength(XLSX_LIMIT + 2)
    expect(rows[1]![6]).toBe('Laporan 0')
    expect(rows[XLSX_LIMIT]![6]).toBe(`Laporan ${XLSX_LIMIT - 1}`)
    expect(rows.at(-1)![0]).toBe('Hanya 20.000 laporan terbaru yang dimuat. Unduh CSV untuk semua laporan, atau persempit saringan.')
    const csv = await h.fetch('/api/v1/reports.csv', bearer(token))
    expect((await csv.text()).trimEnd().split('\r\n')).toHaveLength(count + 1)
  })
})
