import type { Context } from 'hono'
import { Hono } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { UserFormPage } from '../../templates/user-form-page.tsx'
import { UsersPage } from '../../templates/users-page.tsx'
import type { User } from '../db/schema.ts'
import { DomainError } from '../domain/errors.ts'
import { regionChoices } from '../domain/region-choices.ts'
import { isRegionCode, regionNames } from '../domain/regions.ts'
import { newUserSchema, userPatchSchema } from '../domain/user-input.ts'
import { createUser, listUsersFor, managedUser, resetPassword, temporaryPassword, updateUser } from '../domain/users.ts'
import { userJson } from '../domain/views.ts'
import { requireOwnScope } from '../http/auth.ts'
import type { SignedInEnv } from '../http/env.ts'
import { readFlash, setFlash } from '../http/flash.ts'
import { formFields, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { parseOrProblem } from '../http/validate.ts'

type FormPage = Parameters<typeof UserFormPage>[0]

async function renderForm(c: Context<SignedInEnv>, props: Omit<FormPage, 'ctx' | 'regions'>, status: ContentfulStatusCode = 200) {
  const regions = await regionChoices(c.var.deps.db, c.var.user.scope_code)
  return c.html(<UserFormPage ctx={pageContext(c)} regions={regions} {...props} />, status)
}

/** What the form shows of a stored user. */
function valuesOf(user: User) {
  const { name, role, pillar, scope_code } = user
  return { name, role, pillar, scope_code, position: user.position ?? '', rank: user.rank ?? '', id_number: user.id_number ?? '' }
}

/** The stored user of the form, with the form's own values re-shown after a refusal. */
function userForm(
  c: Context<SignedInEnv>,
  user: User,
  shown: Partial<Omit<FormPage, 'ctx' | 'user' | 'regions'>> = {},
  status: ContentfulStatusCode = 200,
) {
  return renderForm(c, { user: userJson(user), values: valuesOf(user), errors: {}, ...shown }, status)
}

/** User administration pages for admins, limited to their scope. */
export const adminUserRoutes = new Hono<SignedInEnv>()
  .use('/admin/users/*', requireOwnScope('user.manage'))
  .get('/admin/users', async (c) => {
    const scope = c.req.query('scope')?.trim() || c.var.user.scope_code
    if (!isRegionCode(scope)) throw new DomainError('forbidden', 'outsideScope', 'scope')
    const users = await listUsersFor(c.var.deps, c.var.user, scope)
    const names = await regionNames(
      c.var.deps.db,
      users.map((user) => user.scope_code),
    )
    const rows = users.map((user) => ({ ...userJson(user), scope_name: names.get(user.scope_code) ?? user.scope_code }))
    const regions = await regionChoices(c.var.deps.db, c.var.user.scope_code)
    return c.html(<UsersPage ctx={pageContext(c)} scope={scope} regions={regions} users={rows} />)
  })
  .get('/admin/users/new', (c) => renderForm(c, { values: { scope_code: c.var.user.scope_code, role: 'reporter' }, errors: {} }))
  .post('/admin/users', async (c) => {
    const form = await formFields(c)
    return handleForm(
      c,
      ({ errors, alert, status }) => renderForm(c, { values: form, errors, alert }, status),
      async () => {
        const password = temporaryPassword()
        const user = await createUser(c.var.deps, parseOrProblem(newUserSchema, form), { actor: c.var.user, password, temporary: true })
        await setFlash(c, `/admin/users/${user.id}`, password)
        return c.redirect(`/admin/users/${user.id}?created=1`, 303)
      },
    )
  })
  .get('/admin/users/:id', async (c) => {
    const { saved, created } = c.req.query()
    const notice = created ? c.var.t.users.created : saved ? c.var.t.users.saved : undefined
    const user = await managedUser(c.var.deps, c.var.user, c.req.param('id'))
    return userForm(c, user, { notice, temporaryPassword: await readFlash(c, `/admin/users/${user.id}`) })
  })
  .post('/admin/users/:id', async (c) => {
    const user = await managedUser(c.var.deps, c.var.user, c.req.param('id'))
    const form = await formFields(c)
    return handleForm(
      c,
      ({ errors, alert, status }) => userForm(c, user, { values: form, errors, alert }, status),
      async () => {
        const input = parseOrProblem(userPatchSchema, {
          name: form.name,
          role: form.role,
          pillar: form.pillar,
          scope_code: form.scope_code,
          position: form.position ?? '',
          rank: form.rank ?? '',
          id_number: form.id_number ?? '',
        })
        await updateUser(c.var.deps, c.var.user, user.id, input)
        return c.redirect(`/admin/users/${user.id}?saved=1`, 303)
      },
    )
  })
  .post('/admin/users/:id/active', async (c) => {
    const user = await managedUser(c.var.deps, c.var.user, c.req.param('id'))
    const form = await formFields(c)
    return handleForm(
      c,
      ({ errors, alert, status }) => userForm(c, user, { errors, alert }, status),
      async () => {
        await updateUser(c.var.deps, c.var.user, user.id, { active: form.active === '1' })
        return c.redirect(`/admin/users/${user.id}?saved=1`, 303)
      },
    )
  })
  .post('/admin/users/:id/password', async (c) => {
    const user = await managedUser(c.var.deps, c.var.user, c.req.param('id'))
    await setFlash(c, `/admin/users/${user.id}`, await resetPassword(c.var.deps, c.var.user, user.id))
    return c.redirect(`/admin/users/${user.id}`, 303)
  })
