import type { SqliteHandle } from '../../src/db/sqlite.ts'
import { INDEX_DRIVEN_LIMIT } from '../../src/domain/report-search.ts'

/**
 * A Babinsa of Sarongan (35.10, regions imported) and reports a minute apart from 1 January 2026:
 * one "Pencurián sapi", then more "Banjir N" than a search reads through the word index. Returns
 * how to add one more report (written straight to the table, as the tests' checks need).
 */
export function seedSearchReports(sqlite: SqliteHandle['sqlite']): (title: string, at: string) => void {
  sqlite
    .prepare(`INSERT INTO users (id, username, name, role, pillar, scope_code, password_hash, created_at, updated_at)
      VALUES ('x', 'babinsa', 'Babinsa', 'reporter', 'military', '35.10.01.2001', '-', '', '')`)
    .run()
  const insert = sqlite.prepare(`INSERT INTO reports (id, reporter_id, village_code, district_code, regency_code, category,
    alert_level, alert_rank, title, description, occurred_at, restricted, status, version, created_at, updated_at)
    VALUES (?, 'x', '35.10.01.2001', '35.10.01', '35.10', 'crime', 'normal', 0, ?, 'Air naik', ?, 0, 'new', 1, ?, ?)`)
  const add = (title: string, at: string) => void insert.run(crypto.randomUUID(), title, at, at, at)
  sqlite.transaction(() => {
    for (let i = 0; i <= INDEX_DRIVEN_LIMIT + 1; i++)
      add(i === 0 ? 'Pencurián sapi' : `Banjir ${i}`, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString())
  })()
  return add
}
