import { Worker } from 'node:worker_threads'
import type { SqliteHandle } from '../db/sqlite.ts'
import type { Logger } from '../http/request-log.ts'

// Beside the reader worker: its TypeScript source (Node strips the types) or, in the build, its bundle.
const WORKER_FILE = new URL(
  import.meta.url.endsWith('.ts') ? '../db/sqlite-upkeep-worker.ts' : './sqlite-upkeep-worker.js',
  import.meta.url,
)

/**
 * Moves checkpoints and statistics off the serving thread for as long as the server runs: the
 * server's connection stops checkpointing on commit, and a worker thread does it every second
 * (src/db/sqlite-upkeep-worker.ts). Returns the stop to await on shutdown.
 */
export function startUpkeep(handle: SqliteHandle, file: string, log: Logger): () => Promise<void> {
  const worker = new Worker(WORKER_FILE, { workerData: { file, checkpointMs: 1000, optimizeMs: 6 * 3600_000 } })
  worker.on('message', ({ job, error }: { job: string; error: string }) => log({ level: 'error', msg: `${job} failed`, error }))
  worker.unref()
  handle.sqlite.pragma('wal_autocheckpoint = 0')
  return async () => {
    handle.sqlite.pragma('wal_autocheckpoint = 1000')
    const exited = new Promise((resolve) => worker.once('exit', resolve))
    // Referenced again: waiting for its last checkpoint must keep the process alive.
    worker.ref()
    worker.postMessage('stop')
    await exited
  }
}
