import { LIMITS } from '../src/domain/input-limits.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { ROLES } from '../src/domain/roles.ts'
import type { UserJson } from '../src/domain/views.ts'
import { CsrfField, type FieldErrors, FormAlert, PillarField, RegionSelect, SelectField, TextField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

/** The values shown in the form: what was entered, or the stored user. */
export interface UserFormValues {
  username?: string
  name?: string
  role?: string
  pillar?: string
  scope_code?: string
  position?: string | null
  rank?: string | null
  id_number?: string | null
}

export interface UserFormPageProps {
  ctx: PageContext
  /** Present when editing. */
  user?: UserJson
  values: UserFormValues
  /** The regions under the admin's scope, to choose the user's region of duty from. */
  regions: RegionChoices
  errors: FieldErrors
  alert?: string
  notice?: string
  /** A temporary password just issued, shown once. */
  temporaryPassword?: string
}

/** Create or edit an account; when editing, also deactivate and reset the password. */
export function UserFormPage({ ctx, user, values, regions, errors, alert, notice, temporaryPassword }: UserFormPageProps) {
  const { t } = ctx
  const title = user ? t.users.edit : t.users.new
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card">
        <p>
          <a href="/admin/users">← {t.users.title}</a>
        </p>
        <h1>{title}</h1>
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {temporaryPassword && (
          <div class="secret" role="status">
            <p>
              {t.users.temporaryPassword}: <code id="temporary-password">{temporaryPassword}</code>
            </p>
            <p class="muted">{t.users.temporaryPasswordNote}</p>
          </div>
        )}
        <FormAlert message={alert} />
        <form method="post" action={user ? `/admin/users/${user.id}` : '/admin/users'}>
          <CsrfField token={ctx.csrfToken} />
          {user ? (
            <p>
              {t.users.username}: <strong>{user.username}</strong>
            </p>
          ) : (
            <TextField
              name="username"
              label={t.users.username}
              value={values.username}
              errors={errors}
              autocomplete="off"
              autocapitalize="none"
              required
              maxlength={LIMITS.username}
            />
          )}
          <TextField name="name" label={t.users.name} value={values.name} errors={errors} required maxlength={LIMITS.personName} />
          <SelectField
            name="role"
            label={t.users.role}
            value={values.role}
            errors={errors}
            options={ROLES.map((role) => ({ value: role, label: t.roles[role] }))}
          />
          <PillarField t={t} value={values.pillar} errors={errors} />
          <RegionSelect
            name="scope_code"
            label={t.users.scope}
            hint={t.users.scopeHint}
            value={values.scope_code}
            errors={errors}
            choices={regions}
            t={t}
          />
          <TextField
            name="position"
            label={t.users.position}
            hint={t.users.positionHint}
            value={values.position}
            errors={errors}
            maxlength={LIMITS.position}
          />
          <div class="pair">
            <TextField
              name="rank"
              label={t.users.rank}
              hint={t.users.rankHint}
              value={values.rank}
              errors={errors}
              maxlength={LIMITS.rank}
            />
            <TextField
              name="id_number"
              label={t.users.idNumber}
              hint={t.users.idNumberHint}
              value={values.id_number}
              errors={errors}
              maxlength={LIMITS.idNumber}
            />
          </div>
          <button type="submit" class="primary">
            {user ? t.users.save : t.users.create}
          </button>
        </form>
        {user && (
          <div class="actions">
            <form method="post" action={`/admin/users/${user.id}/active`}>
              <CsrfField token={ctx.csrfToken} />
              <input type="hidden" name="active" value={user.active ? '0' : '1'} />
              <button type="submit" class={user.active ? 'danger' : ''}>
                {user.active ? t.users.deactivate : t.users.activate}
              </button>
            </form>
            <form method="post" action={`/admin/users/${user.id}/password`}>
              <CsrfField token={ctx.csrfToken} />
              <button type="submit">{t.users.resetPassword}</button>
            </form>
          </div>
        )}
      </section>
    </Layout>
  )
}
