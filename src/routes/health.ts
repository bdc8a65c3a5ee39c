import { Hono } from 'hono'
import { sql } from 'kysely'
import { readiness } from '../domain/readiness.ts'
import type { AppEnv } from '../http/env.ts'

/**
 * `/healthz`, liveness for load balancers and monitors: 200 when the database answers a read,
 * else 503; cheap enough to ask every second. `/readyz`, readiness before traffic is sent:
 * migrations current and a write committing; 503 with the reason otherwise.
 */
export const healthRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    try {
      await sql`SELECT 1`.execute(c.var.deps.db)
      return c.json({ status: 'ok', database: 'ok' })
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503)
    }
  })
  .get('/readyz', async (c) => {
    try {
      const { ready, ...checks } = await readiness(c.var.deps)
      return c.json({ status: ready ? 'ok' : 'error', ...checks }, ready ? 200 : 503)
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503)
    }
  })
