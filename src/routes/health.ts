import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../http/env.ts'

/** Liveness for load balancers and monitors: 200 when the database answers, else 503. */
export const healthRoutes = new Hono<AppEnv>().get('/healthz', async (c) => {
  try {
    await sql`SELECT 1`.execute(c.var.deps.db)
    return c.json({ status: 'ok', database: 'ok' })
  } catch {
    return c.json({ status: 'error', database: 'unreachable' }, 503)
  }
})
