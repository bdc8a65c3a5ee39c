import { Hono } from 'hono'
import { passwordChangeSchema } from '../../domain/user-input.ts'
import { changeOwnPassword } from '../../domain/users.ts'
import { userJson } from '../../domain/views.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** The signed-in user, and its own password change. */
export const apiMe = new Hono<SignedInEnv>()
  .basePath('/me')
  .get('/', (c) => {
    const { id, username, name, role, pillar, scope_code, title, position, must_change_password } = userJson(c.var.user)
    return c.json({ id, username, name, role, pillar, scope_code, title, position, must_change_password })
  })
  .post('/password', async (c) => {
    const input = parseOrProblem(passwordChangeSchema, await readJson(c.req.raw))
    await changeOwnPassword(c.var.deps, c.var.user, input.current_password, input.new_password, { apiTokenId: c.var.tokenId })
    return c.body(null, 204)
  })
