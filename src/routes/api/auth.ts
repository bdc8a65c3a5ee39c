import { Hono } from 'hono'
import { issueApiToken, revokeApiToken } from '../../domain/api-tokens.ts'
import { logIn } from '../../domain/login.ts'
import { loginSchema } from '../../domain/user-input.ts'
import { userView } from '../../domain/users.ts'
import { requireBearer } from '../../http/bearer.ts'
import type { AppEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** API login (issues a bearer token) and logout (revokes it). */
export const apiAuth = new Hono<AppEnv>()
  .post('/login', async (c) => {
    const { username, password } = parseOrProblem(loginSchema, await readJson(c.req.raw))
    const user = await logIn(c.var.deps, username, password, c.var.deps.clientAddress(c))
    const token = await issueApiToken(c.var.deps, user, 'login', user.id)
    return c.json({ token, user: userView(user) })
  })
  .post('/logout', requireBearer(), async (c) => {
    await revokeApiToken(c.var.deps, c.var.tokenId!, c.var.user!.id)
    return c.body(null, 204)
  })
