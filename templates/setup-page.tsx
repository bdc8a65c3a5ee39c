import type { Region } from '../src/db/schema.ts'
import { LIMITS } from '../src/domain/input-limits.ts'
import { CsrfField, type FieldErrors, FormAlert, PasswordField, PillarField, SelectField, TextField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface SetupPageProps {
  ctx: PageContext
  token: string
  regencies: Pick<Region, 'code' | 'name'>[]
  values: { username?: string; name?: string; pillar?: string; regency_code?: string }
  errors: FieldErrors
  alert?: string
}

/** First-run setup: the first admin and the home regency. */
export function SetupPage({ ctx, token, regencies, values, errors, alert }: SetupPageProps) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t.setup.title}>
      <section class="card narrow">
        <h1>{t.setup.title}</h1>
        <p>{t.setup.intro}</p>
        <FormAlert message={alert} />
        {regencies.length === 0 ? (
          <p class="alert">{t.setup.noRegions}</p>
        ) : (
          <form method="post" action={`/setup/${token}`}>
            <CsrfField token={ctx.csrfToken} />
            <SelectField
              name="regency_code"
              label={t.setup.regency}
              value={values.regency_code ?? '35.10'}
              errors={errors}
              options={regencies.map((regency) => ({ value: regency.code, label: `${regency.name} (${regency.code})` }))}
            />
            <TextField name="name" label={t.users.name} value={values.name} errors={errors} required maxlength={LIMITS.personName} />
            <PillarField t={t} value={values.pillar} errors={errors} />
            <TextField
              name="username"
              label={t.users.username}
              value={values.username}
              errors={errors}
              autocomplete="username"
              required
              maxlength={LIMITS.username}
            />
            <PasswordField name="password" label={t.login.password} hint={t.password.hint} errors={errors} fresh />
            <button type="submit" class="primary">
              {t.setup.submit}
            </button>
          </form>
        )}
      </section>
    </Layout>
  )
}
