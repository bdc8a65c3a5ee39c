// A worker thread that keeps the database file in shape beside the server, so neither job runs on
// the thread that serves requests: it copies the write-ahead log into the database (a checkpoint)
// every second, instead of the writer doing it inline every ~1,000 pages (which gave filings a
// p99 of half a second), and refreshes the planner's statistics (`PRAGMA optimize`, as SQLite
// recommends for long-lived connections) at start and every few hours. Written with erasable
// types only: Node runs it as it is.
import { parentPort, workerData } from 'node:worker_threads'
import SqliteDatabase from 'better-sqlite3'

const { file, checkpointMs, optimizeMs } = workerData as { file: string; checkpointMs: number; optimizeMs: number }
const sqlite = new SqliteDatabase(file)
sqlite.pragma('busy_timeout = 5000')
// ANALYZE looks at a sample of each index, so even a table of millions of rows takes milliseconds.
sqlite.pragma('analysis_limit = 1000')

function upkeep(job: string, work: () => unknown) {
  try {
    work()
  } catch (error) {
    parentPort!.postMessage({ job, error: (error as Error).message })
  }
}

// PASSIVE: copies what no reader still needs and never waits for, or blocks, the writer.
const checkpoint = () => upkeep('checkpoint', () => sqlite.pragma('wal_checkpoint(PASSIVE)'))
// 0x10002: analyse every table whose statistics are missing or stale, not only those this
// connection queried.
const optimize = () => upkeep('optimize', () => sqlite.pragma('optimize = 0x10002'))
optimize()
setInterval(checkpoint, checkpointMs)
setInterval(optimize, optimizeMs)
parentPort!.on('message', (message: string) => {
  if (message !== 'stop') return
  checkpoint()
  sqlite.close()
  process.exit(0)
})
