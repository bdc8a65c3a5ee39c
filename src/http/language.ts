import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { messagesFor, pickLanguage } from '../i18n/index.ts'
import type { AppEnv } from './env.ts'
import { setFinalHeader } from './final-header.ts'

export const LANGUAGE_COOKIE = 'tp_lang'

/** Picks the UI language (cookie, then Accept-Language, then Indonesian) and its catalog. */
export function language() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const lang = pickLanguage(getCookie(c, LANGUAGE_COOKIE), c.req.header('Accept-Language'))
    c.set('lang', lang)
    c.set('t', messagesFor(lang))
    await next()
    setFinalHeader(c, 'Content-Language', lang)
    setFinalHeader(c, 'Vary', 'Accept-Language, Cookie', { append: true })
  })
}
