import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type SqliteDatabase from 'better-sqlite3'
import { OperatorError } from '../operator-error.ts'

/** db/migrations, resolved from this file so the CLI works from any working directory. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations')

/**
 * Applies the pending db/migrations/*.sql files in name order, each in its own transaction.
 * Progress is kept in `d1_migrations`, the table wrangler uses, so one database file could
 * be handed from one runtime's tooling to the other. Returns the names applied now. Refuses a
 * database that has a migration this code does not know: a newer version wrote it.
 */
export function migrate(sqlite: SqliteDatabase.Database, dir = MIGRATIONS_DIR): string[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS d1_migrations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT UNIQUE,
    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
  )`)
  const applied = appliedMigrations(sqlite)
  const known = migrationFiles(dir)
  const unknown = notIn(applied, known)
  if (unknown.length > 0)
    throw new OperatorError(
      `the database ${sqlite.name} was migrated by a newer version of Tiga Pilar (migration ${unknown.at(-1)}); ` +
        'run that version, or restore a backup taken with this one',
    )
  const pending = notIn(known, applied).sort()
  for (const name of pending) {
    const sql = readFileSync(join(dir, name), 'utf8')
    // IMMEDIATE, as group-commit.ts explains: waits for a writer beside it instead of failing.
    sqlite
      .transaction(() => {
        sqlite.exec(sql)
        sqlite.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(name)
      })
      .immediate()
  }
  return pending
}

function migrationFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.sql'))
}

function appliedMigrations(sqlite: SqliteDatabase.Database): string[] {
  return sqlite.prepare('SELECT name FROM d1_migrations ORDER BY name').pluck().all() as string[]
}

/** The names of `names` missing from `others`, in their order. */
function notIn(names: string[], others: string[]): string[] {
  const present = new Set(others)
  return names.filter((name) => !present.has(name))
}

/** Migrations recorded in the database that this code does not have, in name order. */
export function unknownMigrations(sqlite: SqliteDatabase.Database, dir = MIGRATIONS_DIR): string[] {
  return notIn(appliedMigrations(sqlite), migrationFiles(dir))
}
