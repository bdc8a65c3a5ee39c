import { Hono } from 'hono'
import * as v from 'valibot'
import { PasswordPage } from '../../templates/password-page.tsx'
import { LoginPage } from '../../templates/login-page.tsx'
import { fieldErrors } from '../../templates/form-fields.tsx'
import { DomainError } from '../domain/errors.ts'
import { logIn } from '../domain/login.ts'
import { endSession, startSession } from '../domain/sessions.ts'
import { secretHash } from '../domain/secrets.ts'
import { passwordSchema } from '../domain/user-input.ts'
import { changeOwnPassword } from '../domain/users.ts'
import type { AppEnv } from '../http/env.ts'
import { formFields, pageContext, requireSignedIn, safeNext } from '../http/page.ts'
import { statusOf, translateProblems } from '../http/problem.ts'
import { setSessionCookie } from '../http/session.ts'
import { fieldProblems } from '../http/validate.ts'

/** Browser login, logout and password change. */
export const webAuth = new Hono<AppEnv>()
  .get('/login', (c) => {
    if (c.var.user) return c.redirect('/', 303)
    return c.html(<LoginPage ctx={pageContext(c)} next={c.req.query('next')} />)
  })
  .post('/login', async (c) => {
    const form = await formFields(c)
    const next = safeNext(form.next)
    try {
      const user = await logIn(c.var.deps, form.username ?? '', form.password ?? '', c.var.deps.clientAddress(c))
      setSessionCookie(c, await startSession(c.var.deps, user))
      return c.redirect(user.must_change_password ? '/password' : next, 303)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      const page = <LoginPage ctx={pageContext(c)} username={form.username} next={form.next} error={c.var.t.errors[error.key]} />
      return c.html(page, statusOf(error))
    }
  })
  .post('/logout', async (c) => {
    if (c.var.user && c.var.sessionId) await endSession(c.var.deps, c.var.sessionId, c.var.user)
    setSessionCookie(c, null)
    return c.redirect('/login', 303)
  })
  .get('/password', requireSignedIn(), (c) =>
    c.html(<PasswordPage ctx={pageContext(c)} mustChange={c.var.user!.must_change_password === 1} errors={{}} />),
  )
  .post('/password', requireSignedIn(), async (c) => {
    const user = c.var.user!
    const form = await formFields(c)
    const render = (errors: Record<string, string>, status: 200 | 422 = 422, notice?: string) =>
      c.html(
        <PasswordPage
          ctx={pageContext(c)}
          mustChange={user.must_change_password === 1 && !notice}
          errors={errors}
          alert={Object.keys(errors).length ? c.var.t.errors.validation : undefined}
          notice={notice}
        />,
        status,
      )
    const parsed = v.safeParse(passwordSchema, form.new_password ?? '')
    if (!parsed.success)
      return render(fieldErrors(translateProblems(c.var.t, fieldProblems(parsed.issues).map((p) => ({ ...p, path: 'new_password' })))))
    if (form.new_password !== form.confirm_password) return render({ confirm_password: c.var.t.errors.passwordMismatch })
    try {
      await changeOwnPassword(c.var.deps, user, form.current_password ?? '', parsed.output, await secretHash(c.var.sessionId!))
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return render({ [error.field]: c.var.t.errors[error.key] })
    }
    if (user.must_change_password === 1) return c.redirect('/', 303)
    return render({}, 200, c.var.t.password.changed)
  })
