import type { Context, MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'

/** How large a request body a route accepts; the first matching pattern decides. */
export interface BodySize {
  path: RegExp
  maxBytes: number
}

/** Reads and drops the rest of a stream, up to `maxBytes` in all; false when there was more. */
async function drained(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number, maxBytes: number): Promise<boolean> {
  let read = alreadyRead
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return true
      read += value.length
      if (read > maxBytes) return false
    }
  } catch {
    return false
  }
}

/**
 * Refuses a request whose body is larger than its route allows, without holding more than the
 * limit in memory: by `Content-Length` when the client sends one, otherwise by counting the
 * stream. When a route refuses a request without reading its body (a 401, a 404), the body is
 * read to its end before the answer goes, so it is never left arriving on a connection the server
 * then cuts off (on Node, @hono/node-server gives an unread body 500 ms). A refused body of up to
 * `drainBytes` is read to its end and dropped too: a server that answers while a body is arriving
 * and closes makes TCP reset the connection, and a browser then shows "connection reset" instead
 * of the refusal (a few megabytes of photos over the limit are worth receiving for the user to
 * read why). `onError` learns whether it was (`drainedBody`); when not, the answer should end
 * the connection.
 */
export function sizedBodyLimit(options: {
  sizes: BodySize[]
  defaultMaxBytes: number
  drainBytes: number
  onError: (c: Context<AppEnv>, drainedBody: boolean) => Response | Promise<Response>
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A GET or HEAD has no body to limit (the Request never carries one), and asking for it would
    // make node-server build the full Request object on every page view.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const maxBytes = options.sizes.find((size) => size.path.test(c.req.path))?.maxBytes ?? options.defaultMaxBytes
    const length = c.req.header('Content-Length')
    if (length !== undefined && !c.req.header('Transfer-Encoding')) {
      // The declared length decides without touching the body: asking node-server for the body as
      // a stream would build the full Request and lose its direct read of a JSON body (a tenth of a
      // filing's time).
      const declared = Number.parseInt(length, 10)
      if (declared > maxBytes) {
        const body = c.req.raw.body
        return options.onError(c, declared <= options.drainBytes && !!body && (await drained(body.getReader(), 0, declared)))
      }
      await next()
      if (c.res.status >= 400 && declared > 0 && !c.req.raw.bodyUsed) {
        const unread = c.req.raw.body
        if (unread && !unread.locked) await drained(unread.getReader(), 0, maxBytes)
      }
      return
    }
    const body = c.req.raw.body
    if (!body) return next()
    // No length given: count the stream, keeping at most the limit.
    const reader = body.getReader()
    const chunks: Uint8Array[] = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      size += value.length
      if (size > maxBytes) return options.onError(c, await drained(reader, size, options.drainBytes))
      chunks.push(value)
    }
    const whole = new Uint8Array(size)
    let offset = 0
    for (const chunk of chunks) {
      whole.set(chunk, offset)
      offset += chunk.length
    }
    c.req.raw = new Request(c.req.raw, { body: whole })
    return next()
  }
}
