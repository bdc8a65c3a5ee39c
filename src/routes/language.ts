import { Hono } from 'hono'
import { setUserLanguage } from '../domain/users.ts'
import { setAppCookie } from '../http/cookies.ts'
import type { AppEnv } from '../http/env.ts'
import { formFields } from '../http/form.ts'
import { LANGUAGE_COOKIE } from '../http/language.ts'
import { safeNext } from '../http/page.ts'
import { LANGUAGES, type Language } from '../i18n/index.ts'

/** The language switch: remembers the choice for a year and returns to the page. */
export const languageRoutes = new Hono<AppEnv>().post('/language', async (c) => {
  const form = await formFields(c)
  if (LANGUAGES.includes(form.lang as Language)) {
    setAppCookie(c, LANGUAGE_COOKIE, form.lang!, 365 * 24 * 3600)
    if (c.var.user) await setUserLanguage(c.var.deps, c.var.user, form.lang as Language)
  }
  return c.redirect(safeNext(form.next), 303)
})
