import { Hono } from 'hono'
import { DomainError } from '../../domain/errors.ts'
import { isRegionCode } from '../../domain/regions.ts'
import { newUserSchema, userPatchSchema } from '../../domain/user-input.ts'
import { createUser, listUsersFor, managedUser, resetPassword, temporaryPassword, updateUser } from '../../domain/users.ts'
import { userJson } from '../../domain/views.ts'
import { requireOwnScope } from '../../http/auth.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** User administration for admins, limited to their scope (the domain refuses everyone else). */
export const apiUsers = new Hono<SignedInEnv>()
  .basePath('/users')
  .use(requireOwnScope('user.manage'))
  .get('/', async (c) => {
    const scope = c.req.query('scope') ?? c.var.user.scope_code
    if (!isRegionCode(scope)) throw new DomainError('invalid', 'regionUnknown', 'scope')
    return c.json({ items: (await listUsersFor(c.var.deps, c.var.user, scope)).map(userJson) })
  })
  .post('/', async (c) => {
    const input = parseOrProblem(newUserSchema, await readJson(c.req.raw))
    const password = temporaryPassword()
    const user = await createUser(c.var.deps, input, { actor: c.var.user, password, temporary: true })
    return c.json({ user: userJson(user), temporary_password: password }, 201)
  })
  .get('/:id', async (c) => c.json(userJson(await managedUser(c.var.deps, c.var.user, c.req.param('id')))))
  .patch('/:id', async (c) => {
    const patch = parseOrProblem(userPatchSchema, await readJson(c.req.raw))
    return c.json(userJson(await updateUser(c.var.deps, c.var.user, c.req.param('id'), patch)))
  })
  .post('/:id/password', async (c) => {
    const password = await resetPassword(c.var.deps, c.var.user, c.req.param('id'))
    return c.json({ temporary_password: password })
  })
