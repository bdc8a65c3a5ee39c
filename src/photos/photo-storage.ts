/**
 * Where photo files are kept: a directory on Node (`PHOTO_DIR`), an R2 bucket on Workers. Keys
 * are made by the app (`photoKey`), never from user input.
 */
export interface PhotoStorage {
  put(key: string, bytes: Uint8Array): Promise<void>
  /** The file's bytes, or null when there is none under `key`. */
  get(key: string): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer> | null>
  delete(keys: string[]): Promise<void>
}

/** The two sizes kept of every photo. */
export type PhotoSize = 'display' | 'thumbnail'

/** The storage key of one size of a photo. */
export function photoKey(photoId: string, size: PhotoSize): string {
  return `photos/${photoId.slice(0, 2)}/${photoId}-${size}.jpg`
}
