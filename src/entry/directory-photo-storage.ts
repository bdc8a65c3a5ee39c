import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { PhotoStorage } from '../photos/photo-storage.ts'

/** Photo files in a directory (`PHOTO_DIR`); each written whole to a temporary name, then renamed. */
export function directoryPhotoStorage(root: string): PhotoStorage {
  return {
    async put(key, bytes) {
      const path = join(root, key)
      await mkdir(dirname(path), { recursive: true })
      const partial = `${path}.${crypto.randomUUID()}.partial`
      await writeFile(partial, bytes)
      await rename(partial, path)
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(root, key)))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async delete(keys) {
      await Promise.all(keys.map((key) => rm(join(root, key), { force: true })))
    },
  }
}
