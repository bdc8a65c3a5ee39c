import { Hono } from 'hono'
import { DomainError } from '../../domain/errors.ts'
import { isRegionCode } from '../../domain/regions.ts'
import { assertAdminOf, scopeContains } from '../../domain/scope.ts'
import { newUserSchema, userPatchSchema } from '../../domain/user-input.ts'
import {
  createUser,
  findUserById,
  listUsersWithin,
  resetPassword,
  temporaryPassword,
  updateUser,
  userView,
} from '../../domain/users.ts'
import { requireBearer } from '../../http/bearer.ts'
import type { AppEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** User administration for admins, limited to their scope. */
export const apiUsers = new Hono<AppEnv>()
  .use(requireBearer(), async (c, next) => {
    if (c.var.user!.role !== 'admin') throw new DomainError('forbidden', 'forbidden')
    await next()
  })
  .get('/', async (c) => {
    const scope = c.req.query('scope') ?? c.var.user!.scope_code
    if (!isRegionCode(scope)) throw new DomainError('invalid', 'regionUnknown', 'scope')
    assertAdminOf(c.var.user!, scope)
    return c.json({ items: (await listUsersWithin(c.var.deps, scope)).map(userView) })
  })
  .post('/', async (c) => {
    const input = parseOrProblem(newUserSchema, await readJson(c.req.raw))
    const password = temporaryPassword()
    const user = await createUser(c.var.deps, input, { actor: c.var.user!, password, temporary: true })
    return c.json({ user: userView(user), temporary_password: password }, 201)
  })
  .get('/:id', async (c) => {
    const user = await findUserById(c.var.deps, c.req.param('id'))
    if (!user || !scopeContains(c.var.user!.scope_code, user.scope_code)) throw new DomainError('not_found', 'notFound')
    return c.json(userView(user))
  })
  .patch('/:id', async (c) => {
    const patch = parseOrProblem(userPatchSchema, await readJson(c.req.raw))
    return c.json(userView(await updateUser(c.var.deps, c.var.user!, c.req.param('id'), patch)))
  })
  .post('/:id/password', async (c) => {
    const password = await resetPassword(c.var.deps, c.var.user!, c.req.param('id'))
    return c.json({ temporary_password: password })
  })
