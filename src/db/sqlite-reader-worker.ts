// A worker thread that answers read queries on its own read-only connection to the database file,
// so a long read blocks this thread instead of the one that serves every request. Written with
// erasable types only: Node runs it as it is.
import { parentPort, workerData } from 'node:worker_threads'
import SqliteDatabase from 'better-sqlite3'
import { cachedPrepare } from './statement-cache.ts'

interface ReadRequest {
  id: number
  sql: string
  parameters: unknown[]
}

const sqlite = new SqliteDatabase((workerData as { file: string }).file, { readonly: true })
sqlite.pragma('busy_timeout = 5000')
const prepare = cachedPrepare(sqlite)

parentPort!.on('message', ({ id, sql, parameters }: ReadRequest) => {
  try {
    const statement = prepare(sql)
    if (!statement.reader) throw new Error('the reader thread answers reads only')
    parentPort!.postMessage({ id, rows: statement.all(...parameters) })
  } catch (error) {
    parentPort!.postMessage({ id, error: (error as Error).message })
  }
})
