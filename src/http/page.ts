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
  }
}

/** A same-site path to return to, never another origin (`//evil`, `https://…`). */
export function safeNext(next: string | undefined, fallback = '/'): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback
}
