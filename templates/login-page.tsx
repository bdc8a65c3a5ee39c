import { CsrfField, FormAlert, PasswordField, TextField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface LoginPageProps {
  ctx: PageContext
  username?: string
  next?: string
  error?: string
}

export function LoginPage({ ctx, username, next, error }: LoginPageProps) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t.login.title}>
      <section class="card narrow">
        <h1>{t.login.title}</h1>
        <p class="muted">{t.app.tagline}</p>
        <FormAlert message={error} />
        <form method="post" action="/login">
          <CsrfField token={ctx.csrfToken} />
          {next && <input type="hidden" name="next" value={next} />}
          <TextField
            name="username"
            label={t.login.username}
            value={username}
            errors={{}}
            autocomplete="username"
            autocapitalize="none"
            required
          />
          <PasswordField name="password" label={t.login.password} errors={{}} />
          <button type="submit" class="primary">
            {t.login.submit}
          </button>
        </form>
      </section>
    </Layout>
  )
}
