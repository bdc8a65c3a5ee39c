import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely } from 'kysely'
import { OperatorError } from '../operator-error.ts'
import type { AtomicWrite } from './atomic.ts'
import { groupCommit } from './group-commit.ts'
import { forgettingWrites } from './remembered-reads.ts'
import type { Database } from './schema.ts'
import { InlineLimitSqliteDialect } from './sqlite-compiler.ts'
import { cachedPrepare } from './statement-cache.ts'
import { TurnTakingSqliteDialect } from './turn-taking.ts'

export interface SqliteHandle {
  db: Kysely<Database>
  /**
   * The same connection, each query in a turn of the event loop of its own: for expensive work made
   * of many short reads (dashboards), which then never holds other requests for longer than one query.
   */
  turnTakingDb: Kysely<Database>
  atomic: AtomicWrite
  sqlite: SqliteDatabase.Database
  close: () => Promise<void>
}

/**
 * Opens (creating if needed) the SQLite file, with WAL, foreign keys and a busy timeout.
 * `':memory:'` gives a private in-memory database.
 */
export function openSqlite(file: string): SqliteHandle {
  const sqlite = openWritable(file)
  sqlite.pragma('foreign_keys = ON')
  // Writers queue for up to 5 s instead of failing at once with SQLITE_BUSY (CLI beside the server).
  sqlite.pragma('busy_timeout = 5000')
  // FULL: a commit is on disk (WAL fsynced) before it is acknowledged, so an acknowledged report
  // survives power loss; NORMAL would only survive a crash of the process. Its cost is measured by
  // `npm run bench:durability`.
  sqlite.pragma('synchronous = FULL')
  // Each filing runs in a savepoint of its group's transaction (group-commit.ts), and a savepoint
  // keeps the pages it changes in a statement journal: in memory, not in a temporary file, which
  // took a third of a filing's statement time. Only this writing connection: the readers' large sorts
  // (exports) keep spilling to disk.
  sqlite.pragma('temp_store = MEMORY')
  // Kysely prepares every query it runs; the same few hundred texts come again on every request.
  const prepare = cachedPrepare(sqlite)
  const db = new Kysely<Database>({ dialect: new InlineLimitSqliteDialect({ database: { prepare, close: () => sqlite.close() } }) })
  // Its own driver, so its queries queue apart from the others'; closing the connection is db's.
  const turnTakingDb = new Kysely<Database>({ dialect: new TurnTakingSqliteDialect({ database: { prepare, close: () => {} } }) })
  return {
    db,
    turnTakingDb,
    // Committed writes forget the remembered reads of the tables they changed.
    atomic: forgettingWrites(groupCommit(sqlite, prepare)),
    sqlite,
    close: async () => void (await Promise.all([turnTakingDb.destroy(), db.destroy()])),
  }
}

/** The connection in WAL mode, or an OperatorError saying why the file or its directory cannot be written. */
function openWritable(file: string): SqliteDatabase.Database {
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
    const sqlite = new SqliteDatabase(file)
    // WAL needs the -wal and -shm files beside the database: this also proves the directory writable.
    const mode = sqlite.pragma('journal_mode = WAL', { simple: true })
    if (file !== ':memory:' && mode !== 'wal') throw new Error(`journal mode stays ${mode}`)
    return sqlite
  } catch (error) {
    throw new OperatorError(`cannot write the database ${file} or its directory (${(error as Error).message})`)
  }
}
