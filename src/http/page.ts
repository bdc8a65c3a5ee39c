import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type * as v from 'valibot'
import { type FieldErrors, fieldErrors } from '../../templates/form-fields.tsx'
import type { PageContext } from '../../templates/page-context.ts'
import { userView } from '../domain/users.ts'
import type { AppEnv } from './env.ts'
import { translateProblems } from './problem.ts'
import { fieldProblems } from './validate.ts'

/** What every template needs from the request. */
export function pageContext(c: Context<AppEnv>): PageContext {
  const url = new URL(c.req.url)
  return {
    t: c.var.t,
    lang: c.var.lang,
    csrfToken: c.var.csrfToken,
    user: c.var.user && userView(c.var.user),
    path: url.pathname + url.search,
  }
}

/** The string fields of a submitted form (files and repeated fields are ignored). */
export async function formFields(c: Context<AppEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody()
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/** A same-site path to return to, never another origin (`//evil`, `https://…`). */
export function safeNext(next: string | undefined, fallback = '/'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : fallback
}

/**
 * Pages for signed-in users: others go to the login page; a user still holding a
 * temporary password goes to the password page first.
 */
export function requireSignedIn() {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.user
    if (!user) return c.redirect(`/login?next=${encodeURIComponent(pageContext(c).path)}`, 303)
    if (user.must_change_password === 1 && new URL(c.req.url).pathname !== '/password') return c.redirect('/password', 303)
    await next()
  })
}

/** A failed form parse as messages by field, in the user's language, for re-showing the form. */
export function formErrors(c: Context<AppEnv>, issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  return fieldErrors(translateProblems(c.var.t, fieldProblems(issues)))
}
