import type { Context } from 'hono'
import { Hono } from 'hono'
import { ErrorPage } from '../../templates/error-page.tsx'
import { SetupPage } from '../../templates/setup-page.tsx'
import { listRegencies } from '../domain/regions.ts'
import { startSession } from '../domain/sessions.ts'
import { completeSetup, setupTokenValid } from '../domain/setup.ts'
import { setupSchema } from '../domain/user-input.ts'
import type { AppEnv } from '../http/env.ts'
import { type FormFeedback, formFields, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { setSessionCookie } from '../http/session.ts'
import { parseOrProblem } from '../http/validate.ts'

/** The setup page, with the regencies to choose from: the official tables where readable, else those already loaded. */
async function renderSetup(c: Context<AppEnv>, values: Record<string, string>, feedback?: FormFeedback) {
  const { deps } = c.var
  const regencies = await (deps.regionSource ? deps.regionSource.regencies() : listRegencies(deps.db))
  const page = (
    <SetupPage
      ctx={pageContext(c)}
      token={c.req.param('token') ?? ''}
      regencies={regencies}
      values={values}
      errors={feedback?.errors ?? {}}
      alert={feedback?.alert}
    />
  )
  return c.html(page, feedback?.status ?? 200)
}

/** First-run setup through the one-time link printed at start. */
export const setupRoutes = new Hono<AppEnv>()
  .use('/setup/:token', async (c, next) => {
    if (await setupTokenValid(c.var.deps, c.req.param('token'))) return next()
    return c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.setup.invalid} />, 404)
  })
  .get('/setup/:token', (c) => renderSetup(c, {}))
  .post('/setup/:token', async (c) => {
    const form = await formFields(c)
    return handleForm(
      c,
      (feedback) => renderSetup(c, form, feedback),
      async () => {
        const admin = await completeSetup(c.var.deps, c.req.param('token'), parseOrProblem(setupSchema, form))
        setSessionCookie(c, await startSession(c.var.deps, admin))
        return c.redirect('/', 303)
      },
    )
  })
