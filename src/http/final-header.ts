import type { Context } from 'hono'

/**
 * Sets a header on the answer a handler has already made (for middleware, after `next()`).
 * Hono's `c.header` would copy that answer into a new Response, which on Node first turns
 * node-server's light Response into a full one: a profile of `/api/v1/me` spent a quarter of
 * its time there, once per header. The answer's own headers are changed in place; only a
 * Response whose headers are immutable (a fetched one) still needs `c.header`'s copy.
 */
export function setFinalHeader(c: Context, name: string, value: string, options?: { append?: boolean }): void {
  try {
    if (options?.append) c.res.headers.append(name, value)
    else c.res.headers.set(name, value)
  } catch {
    c.header(name, value, options)
  }
}
