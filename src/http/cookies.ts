import type { Context } from 'hono'
import { setCookie } from 'hono/cookie'

/** Cookies are Secure whenever the request came over https (always on Workers). */
function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('X-Forwarded-Proto') === 'https'
}

/** Sets an HttpOnly, SameSite=Lax cookie for the whole site; `maxAge` 0 deletes it. */
export function setAppCookie(c: Context, name: string, value: string, maxAgeSeconds?: number): void {
  setCookie(c, name, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  })
}
