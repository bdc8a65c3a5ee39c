import { CsrfField, type FieldErrors, FormAlert, PasswordField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface PasswordPageProps {
  ctx: PageContext
  mustChange: boolean
  errors: FieldErrors
  alert?: string
  notice?: string
}

export function PasswordPage({ ctx, mustChange, errors, alert, notice }: PasswordPageProps) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t.password.title}>
      <section class="card narrow">
        <h1>{t.password.title}</h1>
        {mustChange && <p class="notice">{t.password.mustChange}</p>}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <FormAlert message={alert} />
        <p class="muted">{t.password.endsOthers}</p>
        <form method="post" action="/password">
          <CsrfField token={ctx.csrfToken} />
          <PasswordField name="current_password" label={t.password.current} errors={errors} />
          <PasswordField name="new_password" label={t.password.next} hint={t.password.hint} errors={errors} fresh />
          <PasswordField name="confirm_password" label={t.password.confirm} errors={errors} fresh />
          <button type="submit" class="primary">
            {t.password.submit}
          </button>
        </form>
      </section>
    </Layout>
  )
}
