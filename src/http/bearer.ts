import { createMiddleware } from 'hono/factory'
import { apiTokenUser } from '../domain/api-tokens.ts'
import type { AppEnv } from './env.ts'
import { problem } from './problem.ts'

// Paths a user holding a temporary password may still use: to see itself, change it, leave.
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/me', '/api/v1/me/password', '/api/v1/auth/logout'])

/** API authentication: `Authorization: Bearer <token>`, else 401 problem+json. */
export function requireBearer() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')
    const found = match ? await apiTokenUser(c.var.deps, match[1]!) : undefined
    if (!found) {
      c.header('WWW-Authenticate', 'Bearer realm="tigapilar"')
      return problem(c, 401, 'unauthorized')
    }
    c.set('user', found.user)
    c.set('tokenId', found.tokenId)
    if (found.user.must_change_password === 1 && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(c.req.path))
      return problem(c, 403, 'passwordChangeRequired')
    await next()
  })
}
