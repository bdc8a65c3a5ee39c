import { promisify } from 'node:util'
import { deflate, gzip } from 'node:zlib'
import type { MiddlewareHandler } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress'
import { changeFinalHeaders } from '../http/final-header.ts'

type Encoding = 'gzip' | 'deflate'

// Below this, compressing costs more than it saves: a small answer's gzip is hardly smaller, and a
// stream through CompressionStream cost /api/v1/me three quarters of its throughput.
const THRESHOLD_BYTES = 1024

// zlib's own (asynchronous: on libuv's threads, not the event loop); its Buffers are ArrayBuffer-backed.
const compressWhole = {
  gzip: promisify(gzip),
  deflate: promisify(deflate),
} as Record<Encoding, (bytes: Uint8Array) => Promise<Uint8Array<ArrayBuffer>>>

/** The encoding the client accepts that the server prefers (gzip, then deflate), if any. */
export function acceptedEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined
  const weights = new Map<string, number>()
  for (const part of header.split(',')) {
    const [name, ...parameters] = part.trim().toLowerCase().split(';')
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='))
    weights.set(name!, q ? Number(q.slice(2)) : 1)
  }
  const weight = (encoding: Encoding) => weights.get(encoding) ?? weights.get('*') ?? 0
  return (['gzip', 'deflate'] as const).find((encoding) => weight(encoding) > 0)
}

/**
 * gzip or deflate for text answers (pages, CSS, the page script, JSON, feeds, CSV) as the client
 * accepts, on the Node server; on Workers the platform compresses. Every text answer says
 * `Vary: Accept-Encoding`, compressed or not. An answer built whole (all but downloads) is
 * compressed whole, off the event loop, when it is at least 1 KB; a download (`Content-Disposition:
 * attachment`, the CSV export) is compressed as it streams.
 */
export function compressText(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    const type = c.res.headers.get('Content-Type')
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return
    // In place: compress looked for it and said it with `c.header`, rebuilding every text answer.
    changeFinalHeaders(c, (headers) => headers.append('Vary', 'Accept-Encoding'))
    const encoding = acceptedEncoding(c.req.header('Accept-Encoding'))
    const { headers, status } = c.res
    if (
      !encoding ||
      c.req.method === 'HEAD' ||
      // No body to compress (asking node-server for the body would build a full Response).
      [204, 205, 206, 304].includes(status) ||
      headers.has('Content-Encoding') ||
      /(^|,)\s*no-transform\s*(,|$)/i.test(headers.get('Cache-Control') ?? '') ||
      Number(headers.get('Content-Length') ?? THRESHOLD_BYTES) < THRESHOLD_BYTES
    )
      return
    const download = headers.get('Content-Disposition')?.startsWith('attachment')
    let body: BodyInit
    if (download && c.res.body) body = c.res.body.pipeThrough(new CompressionStream(encoding))
    else {
      const whole = new Uint8Array(await c.res.arrayBuffer())
      if (whole.byteLength < THRESHOLD_BYTES) {
        c.res = new Response(whole, { status, headers })
        return
      }
      body = await compressWhole[encoding](whole)
    }
    c.res = new Response(body, { status, headers })
    c.res.headers.delete('Content-Length')
    c.res.headers.set('Content-Encoding', encoding)
    // Another encoding is another representation: a strong validator would claim the same bytes.
    const etag = c.res.headers.get('ETag')
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`)
  }
}
