import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { constantTimeEqual } from '../domain/secrets.ts'
import type { AppEnv } from './env.ts'

export const CSRF_FIELD = '_csrf'

/** Refuses a state-changing form post whose `_csrf` field does not match the page's token. */
export function csrfProtection(onFailure: (c: Context<AppEnv>) => Response | Promise<Response>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const body = await c.req.parseBody()
    const sent = typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : ''
    const encoder = new TextEncoder()
    if (!constantTimeEqual(encoder.encode(sent), encoder.encode(c.var.csrfToken))) return onFailure(c)
    await next()
  })
}
