import type { Context } from 'hono'
import { secretHash } from '../domain/secrets.ts'
import { RecentlyUsedMap } from '../recently-used-map.ts'

// Rendered feeds by ETag: a feed is rendered again only when a meeting in it changed. Bounded, and
// per process (per isolate on Workers).
const rendered = new RecentlyUsedMap<string, string>(64)

// ETags by feed key: a calendar polled again with nothing changed costs a lookup, not a digest.
const etags = new RecentlyUsedMap<string, Promise<string>>(1_000)

/**
 * A calendar response with the validators calendar clients poll with: a strong ETag derived from
 * `key` (what the bytes depend on, known before they are made) and Last-Modified, answering 304
 * to If-None-Match (or, without it, If-Modified-Since) without rendering. Private feeds are kept
 * out of shared caches. No Vary on Accept: Google's fetcher sends none.
 */
export async function calendarResponse(
  c: Context,
  feed: { key: string; render: () => string; lastModified: Date },
  options: { private: boolean; filename: string },
): Promise<Response> {
  const etag = await etags.getOrAdd(feed.key, async () => `"${await secretHash(feed.key)}"`)
  const headers: Record<string, string> = {
    ETag: etag,
    'Last-Modified': feed.lastModified.toUTCString(),
    'Cache-Control': options.private ? 'private, no-cache' : 'public, max-age=3600',
    'Content-Disposition': `inline; filename="${options.filename}"`,
  }
  const ifNoneMatch = c.req.header('If-None-Match')
  const ifModifiedSince = c.req.header('If-Modified-Since')
  const unchanged = ifNoneMatch
    ? // Weak comparison (RFC 9110 §13.1.2): a compressing server or proxy marks the tag weak, W/"…".
      ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
    : ifModifiedSince !== undefined && Date.parse(ifModifiedSince) >= feed.lastModified.getTime()
  if (unchanged) return c.body(null, 304, headers)
  return c.body(rendered.getOrAdd(etag, feed.render), 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' })
}
