import { Hono } from 'hono'
import { HomePage } from '../../templates/home-page.tsx'
import { homeSummary } from '../domain/home.ts'
import { localDate } from '../domain/local-time.ts'
import { listMeetings } from '../domain/meetings.ts'
import { regionPath, timezoneOfCode } from '../domain/regions.ts'
import type { SignedInEnv } from '../http/env.ts'
import { pageContext } from '../http/page.ts'

/** The home page: who the user is, its title and area of duty, and the next Rakor. */
export const homeRoutes = new Hono<SignedInEnv>().get('/', async (c) => {
  const { user, deps } = c.var
  const scopePath = await regionPath(deps.db, user.scope_code)
  const today = localDate(deps.clock(), timezoneOfCode(user.scope_code))
  const upcoming = (await listMeetings(deps, user, { from: today, status: 'scheduled' }, c.var.lang)).slice(0, 3)
  const summary = await homeSummary(deps, user)
  return c.html(<HomePage ctx={pageContext(c)} scopePath={scopePath} upcoming={upcoming} summary={summary} />)
})
