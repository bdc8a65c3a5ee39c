import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { OperatorError } from '../operator-error.ts'
import { MIGRATIONS_DIR, unknownMigrations } from './migrate.ts'

/**
 * Writes a consistent copy of the live database `dbFile` to `to` while the server keeps serving:
 * `VACUUM INTO` reads one snapshot (WAL lets writers go on beside it) into a compact new file,
 * written under a temporary name and renamed only when complete. Refuses to overwrite `to`.
 */
export function backupDatabase(dbFile: string, to: string): { bytes: number } {
  if (!existsSync(dbFile)) throw new OperatorError(`no database at ${dbFile}`)
  if (existsSync(to)) throw new OperatorError(`${to} already exists; choose a new name (backups are never overwritten)`)
  const partial = `${to}.partial`
  rmSync(partial, { force: true })
  const sqlite = new SqliteDatabase(dbFile, { readonly: true, fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    sqlite.prepare('VACUUM INTO ?').run(partial)
  } catch (error) {
    rmSync(partial, { force: true })
    throw new OperatorError(`cannot back up ${dbFile} to ${to} (${(error as Error).message})`)
  } finally {
    sqlite.close()
  }
  renameSync(partial, to)
  return { bytes: statSync(to).size }
}

/** Problems that make `file` unfit to restore, as sentences; empty when it is a sound backup. */
export function backupProblems(file: string, migrationsDir = MIGRATIONS_DIR): string[] {
  let sqlite: SqliteDatabase.Database
  try {
    sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true })
  } catch (error) {
    return [`cannot open ${file} (${(error as Error).message})`]
  }
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') return [`${file} fails PRAGMA integrity_check: ${integrity}`]
    const hasMigrations = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'd1_migrations'").get()
    if (!hasMigrations) return [`${file} is not a Tiga Pilar database (no d1_migrations table)`]
    const unknown = unknownMigrations(sqlite, migrationsDir)
    return unknown.length ? [`${file} comes from a newer version of Tiga Pilar (migration ${unknown.at(-1)})`] : []
  } catch (error) {
    return [`${file} is not a readable SQLite database (${(error as Error).message})`]
  } finally {
    sqlite.close()
  }
}

/**
 * Replaces the database `dbFile` with the backup `from`, after checking the backup. The
 * database it replaces (with its -wal and -shm files) is kept beside it as
 * `<dbFile>.before-restore-<time>`. The caller makes sure no server is using `dbFile`.
 */
export function restoreDatabase(from: string, dbFile: string, now: Date): { keptAs: string | null } {
  const problems = backupProblems(from)
  if (problems.length) throw new OperatorError(problems.join('; '))
  const incoming = `${dbFile}.restoring`
  mkdirSync(dirname(dbFile), { recursive: true })
  copyFileSync(from, incoming)
  const keptAs = existsSync(dbFile) ? `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}` : null
  if (keptAs) for (const suffix of ['', '-wal', '-shm']) if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, keptAs + suffix)
  renameSync(incoming, dbFile)
  return { keptAs }
}
