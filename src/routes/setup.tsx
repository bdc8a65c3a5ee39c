import { Hono } from 'hono'
import * as v from 'valibot'
import { SetupPage } from '../../templates/setup-page.tsx'
import { ErrorPage } from '../../templates/error-page.tsx'
import { DomainError } from '../domain/errors.ts'
import { listRegencies } from '../domain/regions.ts'
import { startSession } from '../domain/sessions.ts'
import { completeSetup, setupTokenValid } from '../domain/setup.ts'
import { newUserSchema, passwordSchema } from '../domain/user-input.ts'
import type { AppEnv } from '../http/env.ts'
import { formErrors, formFields, pageContext } from '../http/page.ts'
import { setSessionCookie } from '../http/session.ts'

const setupSchema = v.object({
  username: newUserSchema.entries.username,
  name: newUserSchema.entries.name,
  pillar: newUserSchema.entries.pillar,
  password: passwordSchema,
  regency_code: v.pipe(v.string('required'), v.regex(/^\d{2}\.\d{2}$/, 'regionUnknown')),
})

/** Regencies to choose from: the official tables where readable, else those already loaded. */
function regencyChoices(deps: AppEnv['Variables']['deps']) {
  return deps.regionSource ? deps.regionSource.regencies() : listRegencies(deps.db)
}

/** First-run setup through the one-time link printed at start. */
export const setupRoutes = new Hono<AppEnv>()
  .use('/setup/:token', async (c, next) => {
    if (await setupTokenValid(c.var.deps, c.req.param('token'))) return next()
    return c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.setup.invalid} />, 404)
  })
  .get('/setup/:token', async (c) => {
    const regencies = await regencyChoices(c.var.deps)
    return c.html(<SetupPage ctx={pageContext(c)} token={c.req.param('token')} regencies={regencies} values={{}} errors={{}} />)
  })
  .post('/setup/:token', async (c) => {
    const { deps, t } = c.var
    const form = await formFields(c)
    const token = c.req.param('token')
    const reshow = async (errors: Record<string, string>) => {
      const regencies = await regencyChoices(deps)
      const page = <SetupPage ctx={pageContext(c)} token={token} regencies={regencies} values={form} errors={errors} alert={t.errors.validation} />
      return c.html(page, 422)
    }
    const parsed = v.safeParse(setupSchema, form)
    if (!parsed.success) return reshow(formErrors(c, parsed.issues))
    try {
      const admin = await completeSetup(deps, token, parsed.output)
      setSessionCookie(c, await startSession(deps, admin))
      return c.redirect('/', 303)
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return reshow({ [error.field]: t.errors[error.key] })
    }
  })
