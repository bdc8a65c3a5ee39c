import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { messagesFor, pickLanguage } from '../i18n/index.ts'
import type { AppEnv } from './env.ts'

export const LANGUAGE_COOKIE = 'tp_lang'

/** Picks the UI language (cookie, then Accept-Language, then Indonesian) and its catalog. */
export function language() {
  return createMiddleware<AppEnv>((c, next) => {
    const lang = pickLanguage(getCookie(c, LANGUAGE_COOKIE), c.req.header('Accept-Language'))
    c.set('lang', lang)
    c.set('t', messagesFor(lang))
    // answerHeaders says the language, and what it was picked from, on the answer.
    return next()
  })
}
