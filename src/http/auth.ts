import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { User } from '../db/schema.ts'
import { apiTokenUser } from '../domain/api-tokens.ts'
import { assertCan } from '../domain/permissions.ts'
import { sameText } from '../domain/secrets.ts'
import { sessionUser } from '../domain/sessions.ts'
import type { AppEnv, SignedInEnv } from './env.ts'
import { problem } from './problem.ts'
import { csrfTokenOf, SESSION_COOKIE } from './session.ts'

// API paths a user holding a temporary password may still use: to see itself, change it, leave.
const API_BEFORE_PASSWORD_CHANGE = new Set(['/api/v1/me', '/api/v1/me/password', '/api/v1/auth/logout'])

/**
 * Pages for signed-in users: others go to the login page (and come back after); a user still
 * holding a temporary password goes to the password page first.
 */
export function requireSignedIn() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user
    const url = new URL(c.req.url)
    if (!user) return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303)
    if (user.must_change_password === 1 && url.pathname !== '/password') return c.redirect('/password', 303)
    await next()
  })
}

// API paths the app's own page scripts call with the browser session: offline filing (reports,
// their photos and comments) and subscribing this device to push.
const API_FOR_PAGE_SCRIPTS = /^\/api\/v1\/(reports|push-subscriptions)(\/|$)/

/**
 * The browser session's user, for a page script's API call: the session cookie and, in
 * `X-CSRF-Token`, the token its pages embed. A cross-site page can send the cookie but cannot
 * set that header without a CORS preflight, which the API never grants.
 */
async function pageScriptUser(c: Context<AppEnv>): Promise<{ user: User; sessionId: string } | undefined> {
  const sent = c.req.header('X-CSRF-Token')
  const sessionId = getCookie(c, SESSION_COOKIE)
  if (!sent || !sessionId || !API_FOR_PAGE_SCRIPTS.test(c.req.path)) return undefined
  if (!sameText(sent, await csrfTokenOf(c.var.deps, sessionId))) return undefined
  const user = await sessionUser(c.var.deps, sessionId)
  return user && { user, sessionId }
}

/**
 * API authentication: `Authorization: Bearer <token>`, or for the page scripts' few paths the
 * browser session with its CSRF token; else 401 problem+json.
 */
export function requireBearer() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')
    const found = match ? await apiTokenUser(c.get('deps'), match[1]!) : await pageScriptUser(c)
    if (!found) {
      c.header('WWW-Authenticate', 'Bearer realm="tigapilar"')
      return problem(c, 401, 'unauthorized')
    }
    c.set('user', found.user)
    if ('tokenId' in found) c.set('tokenId', found.tokenId)
    else c.set('sessionId', found.sessionId)
    if (found.user.must_change_password === 1 && !API_BEFORE_PASSWORD_CHANGE.has(c.req.path))
      return problem(c, 403, 'passwordChangeRequired')
    await next()
  })
}

/**
 * Mounts route modules behind a sign-in guard: the one way a `Hono<SignedInEnv>` module is
 * served, so `c.var.user` is always there in them. The guard runs for requests that reach one
 * of the group's endpoints; mount public routes of the same path before the group.
 */
function guarded(guard: MiddlewareHandler<AppEnv>, modules: Hono<SignedInEnv>[]): Hono<AppEnv> {
  const group = new Hono<AppEnv>().use((c, next) => {
    // Only a request that reaches one of the group's endpoints is guarded: an unknown path
    // falls through to the parent's 404, signed in or not.
    const endpoint = matchedRoutes(c)
      .slice(c.req.routeIndex + 1)
      .some((route) => route.method !== 'ALL')
    return endpoint ? guard(c, next) : next()
  })
  for (const module of modules) group.route('/', module)
  return group
}

/** Pages that need a browser session. */
export function signedInPages(...modules: Hono<SignedInEnv>[]): Hono<AppEnv> {
  return guarded(requireSignedIn(), modules)
}

/** API routes that need a bearer token: every API route that does not say it is public. */
export function signedInApi(...modules: Hono<SignedInEnv>[]): Hono<AppEnv> {
  return guarded(requireBearer(), modules)
}

/**
 * A section only some users reach (user administration): 403 unless the permissions module
 * lets the signed-in user do `action` on its own scope.
 */
export function requireOwnScope(action: 'user.manage' | 'meeting.organise' | 'report.review' | 'notification.log') {
  return createMiddleware<SignedInEnv>(async (c, next) => {
    assertCan(c.var.user, action, c.var.user.scope_code)
    await next()
  })
}
