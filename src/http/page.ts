import type { PageContext } from '../../templates/page-context.ts'
import { capabilities } from '../domain/permissions.ts'
import { userJson } from '../domain/views.ts'
import type { AnyContext } from './env.ts'

/** What every template needs from the request, with the user's capabilities as data. */
export function pageContext(c: AnyContext): PageContext {
  const url = new URL(c.req.url)
  const { user } = c.var
  return {
    t: c.var.t,
    lang: c.var.lang,
    csrfToken: c.var.csrfToken ?? '',
    user: user && userJson(user),
    can: user ? capabilities(user) : undefined,
    path: url.pathname + url.search,
    unread: c.var.unread ?? 0,
  }
}

/**
 * A path on this site to return to after login or a language change, or `fallback`. The value
 * must parse, as a browser would, to a path of this origin: `//evil`, `/\\evil`, `/\t/evil` (browsers
 * drop tabs and newlines) and anything with control characters are refused.
 */
export function safeNext(next: string | undefined, fallback = '/'): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (!next?.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return fallback
  const base = 'http://tigapilar.invalid'
  const url = URL.canParse(next, base) ? new URL(next, base) : undefined
  return url?.origin === base ? url.pathname + url.search : fallback
}
