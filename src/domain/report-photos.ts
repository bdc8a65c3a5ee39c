import type { CompiledQuery } from 'kysely'
import { jsonList } from '../db/chunks.ts'
import type { ReportPhoto } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { type PhotoSize, photoKey } from '../photos/photo-storage.ts'
import { PhotoRefused } from '../photos/prepare-photo.ts'
import { DomainError } from './errors.ts'
import { newId } from './ids.ts'
import { imageType } from './image-type.ts'
import { type Actor, NOT_FOUND } from './permissions.ts'
import { visibleReport } from './reports.ts'

/** Photos on one report or comment, and their total size as sent (before the server shrinks them). */
export const PHOTO_LIMITS = { perUpload: 4, totalBytes: 10 * 1024 * 1024 } as const

export type PhotoDeps = Pick<Deps, 'photos'>

/** A photo as the pages and the API list it. */
export type PhotoView = Pick<ReportPhoto, 'id' | 'report_id' | 'event_id' | 'width' | 'height'>

/**
 * Refuses uploads the app will not keep: more than four, more than 10 MB together, or a file that
 * is not a JPEG, PNG or WebP by its content (its name and declared type are not trusted).
 */
export function checkUploads(files: Uint8Array[]): void {
  if (files.length > PHOTO_LIMITS.perUpload) throw new DomainError('invalid', 'tooManyPhotos', 'photos')
  if (files.reduce((sum, file) => sum + file.length, 0) > PHOTO_LIMITS.totalBytes)
    throw new DomainError('invalid', 'photosTooLarge', 'photos')
  if (files.some((file) => !imageType(file))) throw new DomainError('invalid', 'photoType', 'photos')
}

/** The SHA-256 of each upload, in order: what tells a retry of a report from another report. */
export async function uploadDigests(files: Uint8Array[]): Promise<string[]> {
  const digests = await Promise.all(files.map((file) => crypto.subtle.digest('SHA-256', file as Uint8Array<ArrayBuffer>)))
  return digests.map((digest) => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join(''))
}

/** The upload digests stored for a report's filing photos, in order. */
export async function filingDigests(deps: Pick<Deps, 'db'>, reportId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('report_photos')
    .select('upload_sha256')
    .where('report_id', '=', reportId)
    .where('event_id', 'is', null)
    .orderBy('position')
    .execute()
  return rows.map((row) => row.upload_sha256)
}

/**
 * Prepares uploads (metadata removed, display size and thumbnail) and stores their files. Returns
 * the statement that records them, for the caller's atomic write, and `discard` to remove the
 * files when that write fails: a photo row never points at nothing, and no file stays unowned
 * for long.
 */
export async function storedPhotos(
  deps: PhotoDeps & Pick<Deps, 'db'>,
  files: Uint8Array[],
  owner: { reportId: string; eventId: string | null; uploaderId: string; at: string },
): Promise<{ statements: CompiledQuery[]; discard: () => Promise<void> }> {
  if (files.length === 0) return { statements: [], discard: async () => {} }
  const digests = await uploadDigests(files)
  const keys: string[] = []
  const discard = () => deps.photos.storage.delete(keys)
  try {
    const rows = []
    for (const [position, file] of files.entries()) {
      const prepared = await deps.photos.prepare(file)
      const id = newId()
      for (const [size, bytes] of [
        ['display', prepared.display],
        ['thumbnail', prepared.thumbnail],
      ] as const) {
        keys.push(photoKey(id, size))
        await deps.photos.storage.put(photoKey(id, size), bytes)
      }
      rows.push({
        id,
        report_id: owner.reportId,
        event_id: owner.eventId,
        uploader_id: owner.uploaderId,
        position,
        width: prepared.width,
        height: prepared.height,
        bytes: prepared.display.length,
        thumbnail_bytes: prepared.thumbnail.length,
        upload_sha256: digests[position]!,
        created_at: owner.at,
      })
    }
    // At most four rows of eleven values: within D1's 100 bound parameters.
    return { statements: [deps.db.insertInto('report_photos').values(rows).compile()], discard }
  } catch (error) {
    await discard()
    if (error instanceof PhotoRefused) throw new DomainError('invalid', error.reason, 'photos')
    throw error
  }
}

/** The photos of the given reports (visible to the caller already), in the order they were added. */
export async function photosOfReports(deps: Pick<Deps, 'db'>, reportIds: string[]): Promise<PhotoView[]> {
  if (reportIds.length === 0) return []
  return deps.db
    .selectFrom('report_photos')
    .select(['id', 'report_id', 'event_id', 'width', 'height'])
    .where('report_id', 'in', jsonList(reportIds))
    .orderBy('created_at')
    .orderBy('position')
    .execute()
}

/** One size of a photo, for a viewer who may see its report; 404 otherwise, as for the report. */
export async function photoFile(
  deps: PhotoDeps & Pick<Deps, 'db'>,
  viewer: Actor,
  reportId: string,
  photoId: string,
  size: PhotoSize,
): Promise<ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>> {
  await visibleReport(deps, viewer, reportId)
  const photo = await deps.db
    .selectFrom('report_photos')
    .select('id')
    .where('id', '=', photoId)
    .where('report_id', '=', reportId)
    .executeTakeFirst()
  const file = photo && (await deps.photos.storage.get(photoKey(photo.id, size)))
  if (!file) throw NOT_FOUND()
  return file
}
