// The photo thread: decodes and re-encodes uploaded photos away from the thread serving requests.
import { parentPort } from 'node:worker_threads'
import { PhotoRefused, preparePhoto } from '../photos/prepare-photo.ts'

parentPort!.on('message', ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  try {
    const prepared = preparePhoto(bytes)
    parentPort!.postMessage({ id, prepared }, [prepared.display.buffer, prepared.thumbnail.buffer] as ArrayBuffer[])
  } catch (error) {
    parentPort!.postMessage({ id, refused: error instanceof PhotoRefused ? error.reason : undefined, error: String(error) })
  }
})
