import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.ts'
import { openSqlite } from '../../src/db/sqlite.ts'
import { childRegionsQuery } from '../../src/domain/regions.ts'
import { usersWithinQuery } from '../../src/domain/users.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'

const dirs: string[] = []
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tigapilar-db-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

describe('SQLite on Node', () => {
  it('opens with WAL, foreign keys and a busy timeout', async () => {
    const handle = openSqlite(join(tempDir(), 'nested', 'db.sqlite'))
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(handle.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000)
    await handle.close()
  })

  it('applies each migration once and records it where wrangler does', async () => {
    const handle = openSqlite(join(tempDir(), 'db.sqlite'))
    const first = migrate(handle.sqlite)
    expect(first).toContain('0001_foundation.sql')
    expect(migrate(handle.sqlite)).toEqual([])
    const names = handle.sqlite.prepare('SELECT name FROM d1_migrations ORDER BY id').pluck().all()
    expect(names).toEqual(first)
    await handle.close()
  })

  it('rolls back a migration that fails, leaving it pending', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, '0001_ok.sql'), 'CREATE TABLE a (x INTEGER);')
    writeFileSync(join(dir, '0002_bad.sql'), 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);')
    const handle = openSqlite(':memory:')
    expect(() => migrate(handle.sqlite, dir)).toThrow(/missing/)
    const tables = handle.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").pluck().all()
    expect(tables).toEqual(['a'])
    expect(handle.sqlite.prepare('SELECT name FROM d1_migrations').pluck().all()).toEqual(['0001_ok.sql'])
    await handle.close()
  })

  it('enforces foreign keys', async () => {
    const handle = openSqlite(':memory:')
    migrate(handle.sqlite, MIGRATIONS_DIR)
    expect(() =>
      handle.sqlite.prepare("INSERT INTO regions VALUES ('35.10', 'X', 'regency', '35', 'Asia/Jakarta')").run(),
    ).toThrow(/FOREIGN KEY/)
    await handle.close()
  })
})

describe('query plans', () => {
  it('serve user lists by scope and region children from indexes, never a full scan', async () => {
    const deps = nodeDeps({ dbFile: ':memory:', trustProxy: false })
    const plan = (query: { sql: string; parameters: readonly unknown[] }) =>
      (deps.handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as { detail: string }[])
        .map((row) => row.detail)
        .join('\n')
    const users = usersWithinQuery(deps, '35.10').compile()
    const children = childRegionsQuery(deps.db, '35.10').compile()
    for (const [query, index] of [[users, 'users_scope'], [children, 'regions_parent']] as const) {
      const detail = plan(query)
      expect(detail).toContain(index)
      expect(detail).not.toMatch(/^SCAN (users|regions)$/m)
      expect(detail).not.toContain('TEMP B-TREE')
    }
    await deps.handle.close()
  })
})
