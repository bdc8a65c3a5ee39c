import SqliteDatabase from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AtomicWrite } from './atomic.ts'
import type { Database } from './schema.ts'

export interface SqliteHandle {
  db: Kysely<Database>
  atomic: AtomicWrite
  sqlite: SqliteDatabase.Database
  close: () => Promise<void>
}

/**
 * Opens (creating if needed) the SQLite file, with WAL, foreign keys and a busy timeout.
 * `':memory:'` gives a private in-memory database.
 */
export function openSqlite(file: string): SqliteHandle {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  // Writers queue for up to 5 s instead of failing at once with SQLITE_BUSY (CLI beside the server).
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })

  const atomic: AtomicWrite = async (statements) => {
    const runAll = sqlite.transaction(() =>
      statements.map((q) => ({ changes: sqlite.prepare(q.sql).run(...(q.parameters as unknown[])).changes })),
    )
    return runAll()
  }

  return { db, atomic, sqlite, close: () => db.destroy() }
}
