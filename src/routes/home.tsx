import { Hono } from 'hono'
import { HomePage } from '../../templates/home-page.tsx'
import { toLocalIso } from '../domain/local-time.ts'
import { listMeetings } from '../domain/meetings.ts'
import { regionPath, timezoneOfCode } from '../domain/regions.ts'
import { userView } from '../domain/users.ts'
import type { AppEnv } from '../http/env.ts'
import { pageContext, requireSignedIn } from '../http/page.ts'

/** The home page: who the user is, its title and area of duty. */
export const homeRoutes = new Hono<AppEnv>().get('/', requireSignedIn(), async (c) => {
  const user = c.var.user!
  const scopePath = await regionPath(c.var.deps.db, user.scope_code)
  const today = toLocalIso(c.var.deps.clock().toISOString(), timezoneOfCode(user.scope_code)).slice(0, 10)
  const upcoming = (await listMeetings(c.var.deps, user, { from: today, status: 'scheduled' })).slice(0, 3)
  return c.html(<HomePage ctx={pageContext(c)} user={userView(user)} scopePath={scopePath} upcoming={upcoming} />)
})
