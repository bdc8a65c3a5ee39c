import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { sameText } from '../domain/secrets.ts'
import type { AppEnv } from './env.ts'
import { formFields } from './form.ts'

/**
 * Refuses a state-changing form post whose `field` does not carry the page's CSRF token
 * (the token the session middleware derived for this browser).
 */
export function csrfProtection(options: { field: string; onFailure: (c: Context<AppEnv>) => Response | Promise<Response> }) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const sent = (await formFields(c))[options.field]
    if (typeof sent !== 'string' || !sameText(sent, c.var.csrfToken)) return options.onFailure(c)
    await next()
  })
}
