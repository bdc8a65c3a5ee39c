import { Hono } from 'hono'
import { issueApiToken, revokeApiToken } from '../../domain/api-tokens.ts'
import { logIn } from '../../domain/login.ts'
import { loginSchema } from '../../domain/user-input.ts'
import { userJson } from '../../domain/views.ts'
import type { AppEnv, SignedInEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** API login: issues a bearer token (public). */
export const apiLogin = new Hono<AppEnv>().post('/login', async (c) => {
  const { username, password } = parseOrProblem(loginSchema, await readJson(c.req.raw))
  const user = await logIn(c.var.deps, username, password, c.var.deps.clientAddress(c))
  const token = await issueApiToken(c.var.deps, user, 'login', user)
  return c.json({ token, user: userJson(user) })
})

/** API logout: revokes the token in use. */
export const apiLogout = new Hono<SignedInEnv>().post('/auth/logout', async (c) => {
  await revokeApiToken(c.var.deps, c.var.tokenId ?? '', c.var.user)
  return c.body(null, 204)
})
