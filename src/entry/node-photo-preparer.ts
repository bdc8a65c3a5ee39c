import { Worker } from 'node:worker_threads'
import { type PhotoPreparer, PhotoRefused, type PreparedPhoto } from '../photos/prepare-photo.ts'

// Beside this module: the TypeScript source (Node strips its types) or, in the build, its bundle.
const WORKER_FILE = new URL(import.meta.url.endsWith('.ts') ? './photo-worker.ts' : './photo-worker.js', import.meta.url)

type Answer = { id: number; prepared?: PreparedPhoto; refused?: PhotoRefused['reason']; error?: string }

/**
 * Photos prepared on one worker thread, in turn: decoding a 12-megapixel JPEG takes about half a
 * second of CPU, which on the main thread would hold every other request. Started on first use.
 */
export function nodePhotoPreparer(): PhotoPreparer & { close: () => Promise<void> } {
  let worker: Worker | undefined
  const pending = new Map<number, { resolve: (photo: PreparedPhoto) => void; reject: (error: Error) => void }>()
  let ids = 0

  function started(): Worker {
    if (worker) return worker
    const thread = new Worker(WORKER_FILE)
    thread.on('message', (answer: Answer) => {
      const waiting = pending.get(answer.id)
      pending.delete(answer.id)
      if (pending.size === 0) thread.unref()
      if (answer.prepared) waiting?.resolve(answer.prepared)
      else waiting?.reject(answer.refused ? new PhotoRefused(answer.refused) : new Error(answer.error))
    })
    thread.on('error', (error) => {
      for (const waiting of pending.values()) waiting.reject(error)
      pending.clear()
      worker = undefined
    })
    worker = thread
    return thread
  }

  const prepare = (bytes: Uint8Array) =>
    new Promise<PreparedPhoto>((resolve, reject) => {
      const thread = started()
      const id = ++ids
      // A thread with work keeps the process alive until it answers; an idle one does not.
      thread.ref()
      pending.set(id, { resolve, reject })
      thread.postMessage({ id, bytes })
    })
  return Object.assign(prepare, { close: async () => void (await worker?.terminate()) })
}
