import { getCookie } from 'hono/cookie'
import { base64url, fromBase64url } from '../domain/secrets.ts'
import { serverSecret } from '../domain/server-secret.ts'
import { setAppCookie } from './cookies.ts'
import type { AnyContext } from './env.ts'

// A secret shown once after a form POST (a temporary password, a new calendar link) has to cross
// the redirect that keeps a reload from repeating the action. It travels sealed (AES-GCM under a
// key derived from the installation secret) in an HttpOnly cookie sent only to the page that
// shows it, for five minutes: a reload within them shows it again, nothing else can read it.
const COOKIE = 'tp_flash'
const LIFETIME_SECONDS = 300

async function flashKey(c: AnyContext): Promise<CryptoKey> {
  const secret = await serverSecret(c.var.deps)
  const material = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`flash:${secret}`))
  return crypto.subtle.importKey('raw', material, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

/** Carries `value` to the page at `path`, the one the POST redirects to. */
export async function setFlash(c: AnyContext, path: string, value: string): Promise<void> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plain = new TextEncoder().encode(JSON.stringify({ path, value }))
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await flashKey(c), plain))
  setAppCookie(c, COOKIE, base64url(new Uint8Array([...iv, ...sealed])), LIFETIME_SECONDS, path)
}

/** The value carried to the page at `path`, if one came with the request and is intact. */
export async function readFlash(c: AnyContext, path: string): Promise<string | undefined> {
  const cookie = getCookie(c, COOKIE)
  if (!cookie) return undefined
  try {
    const bytes = fromBase64url(cookie)
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12) }, await flashKey(c), bytes.slice(12))
    const flash = JSON.parse(new TextDecoder().decode(plain)) as { path: string; value: string }
    return flash.path === path ? flash.value : undefined
  } catch {
    return undefined
  }
}
