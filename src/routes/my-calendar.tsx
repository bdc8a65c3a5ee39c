import type { Context } from 'hono'
import { Hono } from 'hono'
import { CalendarPage } from '../../templates/calendar-page.tsx'
import { activeCalendarTokens, issueCalendarToken, personalFeedUrl, revokeCalendarToken } from '../domain/calendar-tokens.ts'
import { timezoneOfCode } from '../domain/regions.ts'
import type { SignedInEnv } from '../http/env.ts'
import { readFlash, setFlash } from '../http/flash.ts'
import { pageContext } from '../http/page.ts'

async function render(c: Context<SignedInEnv>) {
  const { user } = c.var
  const newFeedUrl = await readFlash(c, '/calendar')
  const origin = c.var.deps.publicUrl
  const tokens = await activeCalendarTokens(c.var.deps, user)
  const page = (
    <CalendarPage
      ctx={pageContext(c)}
      tokens={tokens}
      newFeedUrl={newFeedUrl}
      regionFeedUrl={`${origin}/calendar/${user.scope_code}.ics`}
      zone={timezoneOfCode(user.scope_code)}
    />
  )
  return c.html(page)
}

/** "Kalender saya": the personal feed link, created (or rotated) and revoked by its owner. */
export const myCalendarRoutes = new Hono<SignedInEnv>()
  .get('/calendar', (c) => render(c))
  .post('/calendar/tokens', async (c) => {
    const { token } = await issueCalendarToken(c.var.deps, c.var.user, true)
    await setFlash(c, '/calendar', personalFeedUrl(c.var.deps.publicUrl, token))
    return c.redirect('/calendar', 303)
  })
  .post('/calendar/tokens/:id/revoke', async (c) => {
    await revokeCalendarToken(c.var.deps, c.var.user, c.req.param('id'))
    return c.redirect('/calendar', 303)
  })
