import { Hono } from 'hono'
import type { Context } from 'hono'
import * as v from 'valibot'
import { ErrorPage } from '../../templates/error-page.tsx'
import { UserFormPage, type UserFormValues } from '../../templates/user-form-page.tsx'
import { UsersPage } from '../../templates/users-page.tsx'
import type { User } from '../db/schema.ts'
import { DomainError } from '../domain/errors.ts'
import { isRegionCode } from '../domain/regions.ts'
import { scopeContains } from '../domain/scope.ts'
import { newUserSchema, userPatchSchema } from '../domain/user-input.ts'
import {
  createUser,
  findUserById,
  listUsersWithin,
  resetPassword,
  temporaryPassword,
  updateUser,
  userView,
} from '../domain/users.ts'
import type { AppEnv } from '../http/env.ts'
import { formErrors, formFields, pageContext, requireSignedIn } from '../http/page.ts'
import { statusOf } from '../http/problem.ts'

type FormPage = Parameters<typeof UserFormPage>[0]

function renderForm(c: Context<AppEnv>, props: Omit<FormPage, 'ctx'>, status: 200 | 201 | 403 | 404 | 409 | 422 = 200) {
  return c.html(<UserFormPage ctx={pageContext(c)} {...props} />, status)
}

/** Turns a refusal into the form re-shown with the message beside its field. */
function formRefusal(c: Context<AppEnv>, error: unknown, props: Omit<FormPage, 'ctx' | 'errors'>) {
  if (!(error instanceof DomainError)) throw error
  const errors = error.field ? { [error.field]: c.var.t.errors[error.key] } : {}
  return renderForm(c, { ...props, errors, alert: c.var.t.errors[error.key] }, statusOf(error) as 403 | 404 | 409 | 422)
}

function valuesOf(user: User): UserFormValues {
  return { name: user.name, role: user.role, pillar: user.pillar, scope_code: user.scope_code, position: user.position ?? '' }
}

/** An in-scope user for the admin, or undefined: outside one's scope a user does not exist. */
async function userInScope(c: Context<AppEnv>): Promise<User | undefined> {
  const user = await findUserById(c.var.deps, c.req.param('id') ?? '')
  return user && scopeContains(c.var.user!.scope_code, user.scope_code) ? user : undefined
}

const notFound = (c: Context<AppEnv>) => c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.notFound} />, 404)

/** User administration pages for admins, limited to their scope. */
export const adminUserRoutes = new Hono<AppEnv>()
  .use('/admin/*', requireSignedIn(), async (c, next) => {
    if (c.var.user!.role !== 'admin') return c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.forbidden} />, 403)
    await next()
  })
  .get('/admin/users', async (c) => {
    const admin = c.var.user!
    const scope = c.req.query('scope')?.trim() || admin.scope_code
    if (!isRegionCode(scope) || !scopeContains(admin.scope_code, scope))
      return c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.outsideScope} />, 403)
    const users = await listUsersWithin(c.var.deps, scope)
    return c.html(<UsersPage ctx={pageContext(c)} scope={scope} users={users.map(userView)} />)
  })
  .get('/admin/users/new', (c) =>
    renderForm(c, { values: { scope_code: c.var.user!.scope_code, role: 'reporter' }, errors: {} }),
  )
  .post('/admin/users', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(newUserSchema, form)
    if (!parsed.success) {
      const errors = formErrors(c, parsed.issues)
      return renderForm(c, { values: form, errors, alert: c.var.t.errors.validation }, 422)
    }
    const password = temporaryPassword()
    try {
      const user = await createUser(c.var.deps, parsed.output, { actor: c.var.user!, password, temporary: true })
      const props = { user: userView(user), values: valuesOf(user), errors: {}, notice: c.var.t.users.created, temporaryPassword: password }
      return renderForm(c, props, 201)
    } catch (error) {
      return formRefusal(c, error, { values: form })
    }
  })
  .get('/admin/users/:id', async (c) => {
    const user = await userInScope(c)
    if (!user) return notFound(c)
    return renderForm(c, { user: userView(user), values: valuesOf(user), errors: {} })
  })
  .post('/admin/users/:id', async (c) => {
    const user = await userInScope(c)
    if (!user) return notFound(c)
    const form = await formFields(c)
    const input = { name: form.name, role: form.role, pillar: form.pillar, scope_code: form.scope_code, position: form.position ?? '' }
    const parsed = v.safeParse(userPatchSchema, input)
    if (!parsed.success) {
      const errors = formErrors(c, parsed.issues)
      return renderForm(c, { user: userView(user), values: form, errors, alert: c.var.t.errors.validation }, 422)
    }
    try {
      const updated = await updateUser(c.var.deps, c.var.user!, user.id, parsed.output)
      return renderForm(c, { user: userView(updated), values: valuesOf(updated), errors: {}, notice: c.var.t.users.saved })
    } catch (error) {
      return formRefusal(c, error, { user: userView(user), values: form })
    }
  })
  .post('/admin/users/:id/active', async (c) => {
    const user = await userInScope(c)
    if (!user) return notFound(c)
    const form = await formFields(c)
    try {
      const updated = await updateUser(c.var.deps, c.var.user!, user.id, { active: form.active === '1' })
      return renderForm(c, { user: userView(updated), values: valuesOf(updated), errors: {}, notice: c.var.t.users.saved })
    } catch (error) {
      return formRefusal(c, error, { user: userView(user), values: valuesOf(user) })
    }
  })
  .post('/admin/users/:id/password', async (c) => {
    const user = await userInScope(c)
    if (!user) return notFound(c)
    const password = await resetPassword(c.var.deps, c.var.user!, user.id)
    return renderForm(c, { user: userView(user), values: valuesOf(user), errors: {}, temporaryPassword: password })
  })
