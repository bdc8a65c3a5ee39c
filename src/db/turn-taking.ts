import { type DatabaseConnection, type Driver, type SqliteDialectConfig, SqliteDriver } from 'kysely'
import { InlineLimitSqliteDialect } from './sqlite-compiler.ts'

/**
 * A driver whose every query waits for a turn of the event loop of its own, holding the connection
 * meanwhile. better-sqlite3 runs a query to its end on the serving thread, so work made of many
 * short reads (a dashboard's eleven) would otherwise hold every other request until all of them
 * are done; this way a request arriving meanwhile waits for one query at most.
 */
class TurnTakingDriver extends SqliteDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    // The turn is taken after the lock: queries waiting for it go one per turn, not all in one.
    const connection = await super.acquireConnection()
    await new Promise((resolve) => setImmediate(resolve))
    return connection
  }
}

/** The app's SQLite dialect with each query in a turn of the event loop of its own (see TurnTakingDriver). */
export class TurnTakingSqliteDialect extends InlineLimitSqliteDialect {
  readonly #config: SqliteDialectConfig

  constructor(config: SqliteDialectConfig) {
    super(config)
    this.#config = config
  }

  override createDriver(): Driver {
    return new TurnTakingDriver(this.#config)
  }
}
