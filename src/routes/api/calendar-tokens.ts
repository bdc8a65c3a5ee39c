import { Hono } from 'hono'
import { issueCalendarToken, personalFeedUrl, revokeCalendarToken } from '../../domain/calendar-tokens.ts'
import type { SignedInEnv } from '../../http/env.ts'

/** Private feed tokens: the URL is shown only at creation (only a hash is kept). */
export const apiCalendarTokens = new Hono<SignedInEnv>()
  .basePath('/calendar-tokens')
  .post('/', async (c) => {
    const { id, token } = await issueCalendarToken(c.var.deps, c.var.user)
    return c.json({ id, url: personalFeedUrl(c.var.deps.publicUrl, token) }, 201)
  })
  .delete('/:id', async (c) => {
    await revokeCalendarToken(c.var.deps, c.var.user, c.req.param('id'))
    return c.body(null, 204)
  })
