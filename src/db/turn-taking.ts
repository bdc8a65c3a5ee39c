import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely'

/**
 * A driver whose every query waits for a turn of the event loop of its own, holding the connection
 * meanwhile. better-sqlite3 runs a query to its end on the serving thread, so work made of many
 * short reads (a dashboard's eleven) would otherwise hold every other request until all of them
 * are done; this way a request arriving meanwhile waits for one query at most.
 */
class TurnTakingDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init()
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // The turn is taken after the lock: queries waiting for it go one per turn, not all in one.
    const connection = await this.inner.acquireConnection()
    await new Promise((resolve) => setImmediate(resolve))
    return connection
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings)
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection)
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection)
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection)
  }

  destroy() {
    return this.inner.destroy()
  }
}

/** `dialect` with each query in a turn of the event loop of its own (see TurnTakingDriver). */
export function turnTaking(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TurnTakingDriver(dialect.createDriver()),
    createIntrospector: (db: Kysely<unknown>) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  }
}
