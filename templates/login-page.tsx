import { FormAlert } from './form-fields.tsx'
import { CsrfField, Layout } from './layout.tsx'
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
          <div class="field">
            <label for="username">{t.login.username}</label>
            <input id="username" name="username" value={username ?? ''} autocomplete="username" autocapitalize="none" required />
          </div>
          <div class="field">
            <label for="password">{t.login.password}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit" class="primary">{t.login.submit}</button>
        </form>
      </section>
    </Layout>
  )
}
