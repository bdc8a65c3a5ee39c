import { setCookie } from 'hono/cookie'
import type { AnyContext } from './env.ts'

/**
 * Sets an HttpOnly, SameSite=Lax cookie for the whole site (or only `path`); `maxAge` 0 deletes
 * it. Secure when the app is served over https (`PUBLIC_URL`), whatever the request claims.
 */
export function setAppCookie(c: AnyContext, name: string, value: string, maxAgeSeconds?: number, path = '/'): void {
  setCookie(c, name, value, {
    path,
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.deps.publicUrl.startsWith('https:'),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  })
}
