import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Deps } from '../deps.ts'
import { randomSecret } from '../domain/secrets.ts'
import { keyedHash, serverSecret } from '../domain/server-secret.ts'
import { SESSION_HOURS, sessionUser } from '../domain/sessions.ts'
import { setAppCookie } from './cookies.ts'
import type { AppEnv } from './env.ts'

export const SESSION_COOKIE = 'tp_session'
const ANONYMOUS_COOKIE = 'tp_anon'

/** Sets the session cookie after login, or clears it (`null`) at logout. */
export function setSessionCookie(c: Context, sessionId: string | null): void {
  setAppCookie(c, SESSION_COOKIE, sessionId ?? '', sessionId ? SESSION_HOURS * 3600 : 0)
}

/**
 * Loads the browser session's user, and derives the CSRF token that every form embeds: an HMAC,
 * under the installation's secret, of the session id (or, before login, of a random anonymous
 * cookie). Without the secret nobody can compute a token, not even for a cookie they planted
 * (OWASP CSRF cheat sheet, signed double-submit); nothing per session is stored.
 */
export function browserSession() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const sessionId = getCookie(c, SESSION_COOKIE)
    const user = sessionId ? await sessionUser(c.var.deps, sessionId) : undefined
    let binding: string
    if (user && sessionId) {
      c.set('user', user)
      c.set('sessionId', sessionId)
      binding = sessionId
    } else {
      binding = getCookie(c, ANONYMOUS_COOKIE) ?? ''
      if (binding.length < 32) {
        binding = randomSecret()
        setAppCookie(c, ANONYMOUS_COOKIE, binding)
      }
    }
    c.set('csrfToken', await csrfTokenOf(c.var.deps, binding))
    await next()
  })
}

/** The CSRF token of a browser bound to `binding` (its session id, or its anonymous cookie). */
export async function csrfTokenOf(deps: Deps, binding: string): Promise<string> {
  return keyedHash(await serverSecret(deps), `csrf:${binding}`)
}
