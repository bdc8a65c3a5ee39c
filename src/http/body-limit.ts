import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from './env.ts'

/** How large a request body a route accepts; the first matching pattern decides. */
export interface BodySize {
  path: RegExp
  maxBytes: number
}

/**
 * Refuses a request whose body is larger than its route allows, before anything reads it:
 * by `Content-Length` when the client sends one, otherwise by counting the stream and stopping
 * at the limit. Nothing above the limit is ever held in memory.
 */
export function sizedBodyLimit(options: {
  sizes: BodySize[]
  defaultMaxBytes: number
  onError: (c: Context<AppEnv>) => Response | Promise<Response>
}): MiddlewareHandler<AppEnv> {
  const limits = [...options.sizes, { path: /^/, maxBytes: options.defaultMaxBytes }].map(({ path, maxBytes }) => ({
    path,
    check: bodyLimit({ maxSize: maxBytes, onError: options.onError }),
  }))
  return (c, next) => limits.find((limit) => limit.path.test(c.req.path))!.check(c, next)
}
