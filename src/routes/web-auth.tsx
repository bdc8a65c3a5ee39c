import { Hono } from 'hono'
import { LoginPage } from '../../templates/login-page.tsx'
import { PasswordPage } from '../../templates/password-page.tsx'
import { DomainError, Throttled } from '../domain/errors.ts'
import { logIn } from '../domain/login.ts'
import { presentedSecretHash } from '../domain/secrets.ts'
import { endSession, startSession } from '../domain/sessions.ts'
import { passwordFormSchema } from '../domain/user-input.ts'
import { changeOwnPassword } from '../domain/users.ts'
import type { AppEnv, SignedInEnv } from '../http/env.ts'
import { type FormFeedback, formFields, handleForm } from '../http/form.ts'
import { pageContext, safeNext } from '../http/page.ts'
import { announceRetry, statusOf } from '../http/problem.ts'
import { setSessionCookie } from '../http/session.ts'
import { parseOrProblem } from '../http/validate.ts'

/** Browser login and logout. */
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
      announceRetry(c, error)
      const message = error instanceof Throttled ? c.var.t.login.wait(Math.ceil(error.retryAfterSeconds / 60)) : c.var.t.errors[error.key]
      const page = <LoginPage ctx={pageContext(c)} username={form.username} next={form.next} error={message} />
      return c.html(page, statusOf(error))
    }
  })
  .post('/logout', async (c) => {
    if (c.var.user && c.var.sessionId) await endSession(c.var.deps, c.var.sessionId, c.var.user)
    setSessionCookie(c, null)
    return c.redirect('/login', 303)
  })

/** A signed-in user's own password change (first of all for a temporary password). */
export const passwordRoutes = new Hono<SignedInEnv>()
  .get('/password', (c) => {
    const notice = c.req.query('changed') ? c.var.t.password.changed : undefined
    return c.html(<PasswordPage ctx={pageContext(c)} mustChange={c.var.user.must_change_password === 1} errors={{}} notice={notice} />)
  })
  .post('/password', async (c) => {
    const { user } = c.var
    const form = await formFields(c)
    const reshow = ({ errors, alert, status }: FormFeedback) =>
      c.html(<PasswordPage ctx={pageContext(c)} mustChange={user.must_change_password === 1} errors={errors} alert={alert} />, status)
    return handleForm(c, reshow, async () => {
      const input = parseOrProblem(passwordFormSchema, form)
      await changeOwnPassword(c.var.deps, user, input.current_password, input.new_password, {
        sessionHash: await presentedSecretHash(c.var.sessionId ?? ''),
      })
      if (user.must_change_password === 1) return c.redirect('/', 303)
      return c.redirect('/password?changed=1', 303)
    })
  })
