import type { PhotoStorage } from '../photos/photo-storage.ts'

/** Photo files in an R2 bucket (the `PHOTOS` binding). */
export function r2PhotoStorage(bucket: R2Bucket): PhotoStorage {
  return {
    async put(key, bytes) {
      await bucket.put(key, bytes, { httpMetadata: { contentType: 'image/jpeg' } })
    },
    async get(key) {
      const object = await bucket.get(key)
      return object ? object.body : null
    },
    async delete(keys) {
      if (keys.length > 0) await bucket.delete(keys)
    },
  }
}
