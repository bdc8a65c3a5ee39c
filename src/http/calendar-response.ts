import type { Context } from 'hono'
import { secretHash } from '../domain/secrets.ts'

/**
 * A calendar response with the validators calendar clients poll with: a strong ETag of the
 * exact bytes and Last-Modified, answering 304 to If-None-Match (or, without it,
 * If-Modified-Since). Private feeds are kept out of shared caches. No Vary on Accept:
 * Google's fetcher sends none.
 */
export async function calendarResponse(
  c: Context,
  body: string,
  lastModified: Date,
  options: { private: boolean; filename: string },
): Promise<Response> {
  const etag = `"${await secretHash(body)}"`
  const headers: Record<string, string> = {
    ETag: etag,
    'Last-Modified': lastModified.toUTCString(),
    'Cache-Control': options.private ? 'private, no-cache' : 'public, max-age=3600',
    'Content-Disposition': `inline; filename="${options.filename}"`,
  }
  const ifNoneMatch = c.req.header('If-None-Match')
  const ifModifiedSince = c.req.header('If-Modified-Since')
  const unchanged = ifNoneMatch
    ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
    : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= lastModified.getTime()
  if (unchanged) return c.body(null, 304, headers)
  return c.body(body, 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' })
}
