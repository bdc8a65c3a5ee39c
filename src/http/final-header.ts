import type { Context } from 'hono'

/**
 * Changes the headers of the answer a handler has already made (for middleware, after `next()`),
 * in place. Hono's `c.header` would copy that answer into a new Response, which on Node first turns
 * node-server's light Response into a full one: a profile of `/api/v1/me` spent a quarter of its
 * time there, once per header. Only an answer whose headers are immutable (a fetched one) is
 * copied, once: its first change throws before anything was changed.
 */
export function changeFinalHeaders(c: Context, change: (headers: Headers) => void): void {
  try {
    change(c.res.headers)
  } catch (error) {
    if (!(error instanceof TypeError)) throw error
    c.res = new Response(c.res.body, c.res)
    change(c.res.headers)
  }
}
