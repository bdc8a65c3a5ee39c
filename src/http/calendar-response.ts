import type { Context } from 'hono'
import { secretHash } from '../domain/secrets.ts'

// Rendered feeds by ETag: a feed is rendered again only when a meeting in it changed. Bounded, and
// per process (per isolate on Workers).
const RENDERED_KEPT = 64
const rendered = new Map<string, string>()

function cachedRender(etag: string, render: () => string): string {
  let body = rendered.get(etag)
  if (body === undefined) {
    body = render()
    if (rendered.size >= RENDERED_KEPT) rendered.delete(rendered.keys().next().value!)
  } else rendered.delete(etag)
  // Most recently used last: the first key is the one to drop.
  rendered.set(etag, body)
  return body
}

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
  const etag = `"${await secretHash(feed.key)}"`
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
  return c.body(cachedRender(etag, feed.render), 200, { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' })
}
