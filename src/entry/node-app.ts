import { Hono } from 'hono'
import { COMPRESSIBLE_CONTENT_TYPE_REGEX, compress } from 'hono/compress'
import { createApp } from '../app.tsx'
import type { Deps } from '../deps.ts'
import { setFinalHeader } from '../http/final-header.ts'

/**
 * The app as the Node server serves it: text answers (pages, CSS, the page script, JSON, CSV)
 * compressed with gzip or deflate as the client accepts. On Workers the platform compresses.
 */
export function nodeApp(deps: Deps) {
  return (
    new Hono()
      .use(compress())
      // `Vary: Accept-Encoding` said in place before compress looks for it: compress's own
      // `c.header` would rebuild every text answer, compressed or not (see setFinalHeader).
      .use(async (c, next) => {
        await next()
        const type = c.res.headers.get('Content-Type')
        if (type && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) setFinalHeader(c, 'Vary', 'Accept-Encoding', { append: true })
      })
      .route('/', createApp(deps))
  )
}
