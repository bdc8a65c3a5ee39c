import type { Context } from 'hono'
import { photoFile } from '../domain/report-photos.ts'
import type { PhotoSize } from '../photos/photo-storage.ts'
import type { SignedInEnv } from './env.ts'

/**
 * One size of a report photo (`:id` the report, `:photoId` the photo), for a viewer who may see
 * the report; 404 otherwise. A photo never changes under its id, so the viewer's own browser may
 * keep it; no shared cache may.
 */
export async function photoResponse(c: Context<SignedInEnv>, size: PhotoSize): Promise<Response> {
  const file = await photoFile(c.var.deps, c.var.user, c.req.param('id') ?? '', c.req.param('photoId') ?? '', size)
  return c.body(file, 200, { 'Content-Type': 'image/jpeg', 'Cache-Control': 'private, max-age=604800, immutable' })
}
