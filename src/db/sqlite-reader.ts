import { Worker } from 'node:worker_threads'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
} from 'kysely'
import type { Database } from './schema.ts'
import { InlineLimitSqliteCompiler } from './sqlite-compiler.ts'

// Beside this module: the TypeScript source (Node strips its types) or, in the build, its bundle.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './sqlite-reader-worker.ts' : './sqlite-reader-worker.js', import.meta.url)

type Pending = { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }

/** Worker threads, each with a read-only connection, taking queries in turn. Started on first use. */
class ReaderPool {
  private workers: { worker: Worker; pending: Map<number, Pending> }[] = []
  private next = 0
  private ids = 0

  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  run(sql: string, parameters: readonly unknown[]): Promise<unknown[]> {
    if (this.workers.length === 0) this.start()
    const slot = this.workers[this.next++ % this.workers.length]!
    const id = ++this.ids
    return new Promise((resolve, reject) => {
      // A reader with work keeps the process alive until it answers; an idle one does not.
      if (slot.pending.size === 0) slot.worker.ref()
      slot.pending.set(id, { resolve, reject })
      slot.worker.postMessage({ id, sql, parameters })
    })
  }

  private start() {
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(WORKER_FILE, { workerData: { file: this.file } })
      const pending = new Map<number, Pending>()
      worker.on('message', ({ id, rows, error }: { id: number; rows?: unknown[]; error?: string }) => {
        const waiting = pending.get(id)
        pending.delete(id)
        if (pending.size === 0) worker.unref()
        if (error === undefined) waiting?.resolve(rows ?? [])
        else waiting?.reject(new Error(error))
      })
      worker.on('error', (error) => {
        for (const waiting of pending.values()) waiting.reject(error)
        pending.clear()
        worker.unref()
      })
      worker.unref()
      this.workers.push({ worker, pending })
    }
  }

  async close() {
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()))
    this.workers = []
  }
}

/**
 * A Kysely instance whose queries run on reader threads (`size` of them) over the same SQLite
 * file. For heavy reads (dashboards, exports, compliance): better-sqlite3 is synchronous, and on
 * the main thread such a query would hold every other request. WAL lets readers run beside the
 * writer; each query sees everything committed before it started. Reads only.
 */
export function openSqliteReader(file: string, size: number): { db: Kysely<Database>; close: () => Promise<void> } {
  const pool = new ReaderPool(file, size)
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
      return { rows: (await pool.run(query.sql, query.parameters)) as R[] }
    },
    // biome-ignore lint/correctness/useYield: streaming is not offered; the error says so.
    async *streamQuery() {
      throw new Error('the reader threads do not stream')
    },
  }
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: async () => {
      throw new Error('the reader threads do not run transactions')
    },
    commitTransaction: async () => {},
    rollbackTransaction: async () => {},
    releaseConnection: async () => {},
    destroy: () => pool.close(),
  }
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (kysely) => new SqliteIntrospector(kysely),
      createQueryCompiler: () => new InlineLimitSqliteCompiler(),
    },
  })
  return { db, close: () => db.destroy() }
}
