import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type SqliteDatabase from 'better-sqlite3'

/** db/migrations, resolved from this file so the CLI works from any working directory. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations')

/**
 * Applies the pending db/migrations/*.sql files in name order, each in its own transaction.
 * Progress is kept in `d1_migrations`, the table wrangler uses, so one database file could
 * be handed from one runtime's tooling to the other. Returns the names applied now.
 */
export function migrate(sqlite: SqliteDatabase.Database, dir = MIGRATIONS_DIR): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
  )`)
  const applied = new Set(sqlite.prepare('SELECT name FROM d1_migrations').pluck().all() as string[])
  const pending = readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && !applied.has(name))
    .sort()
  for (const name of pending) {
    const sql = readFileSync(join(dir, name), 'utf8')
    sqlite.transaction(() => {
      sqlite.exec(sql)
      sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name)
    })()
  }
  return pending
}
