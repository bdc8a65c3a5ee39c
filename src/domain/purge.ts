import { type SelectQueryBuilder, sql } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { WINDOW_MINUTES } from './login.ts'
import { SETUP_TOKEN_KEY } from './setup.ts'
import { hasActiveAdmin } from './users.ts'

/** What one purge removed. */
export interface PurgeCounts {
  sessions: number
  login_failures: number
  setup_token: number
}

/**
 * Data retention: removes expired browser sessions, login-failure counters whose window has
 * passed, and the setup token once an administrator exists (it can never be used again).
 * One atomic unit with its audit row; nothing is written when there is nothing to remove.
 * Run daily by the Node server and the Workers Cron Trigger, and by `npm run cli -- purge`.
 */
export async function purgeExpired(deps: WriteDeps): Promise<PurgeCounts> {
  const now = deps.clock()
  const sessionCutoff = now.toISOString()
  const failureCutoff = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString()
  const expiredSessions = deps.db.selectFrom('sessions').where('expires_at', '<=', sessionCutoff)
  const staleFailures = deps.db.selectFrom('login_failures').where('window_start_at', '<=', failureCutoff)
  const setupToken = deps.db.selectFrom('settings').where('key', '=', SETUP_TOKEN_KEY)

  const counts: PurgeCounts = {
    sessions: await count(expiredSessions),
    login_failures: await count(staleFailures),
    setup_token: (await hasActiveAdmin(deps)) ? await count(setupToken) : 0,
  }
  if (counts.sessions + counts.login_failures + counts.setup_token === 0) return counts
  await deps.atomic([
    deps.db.deleteFrom('sessions').where('expires_at', '<=', sessionCutoff).compile(),
    deps.db.deleteFrom('login_failures').where('window_start_at', '<=', failureCutoff).compile(),
    ...(counts.setup_token ? [deps.db.deleteFrom('settings').where('key', '=', SETUP_TOKEN_KEY).compile()] : []),
    auditStatement(deps.db, {
      at: sessionCutoff,
      actorId: null,
      action: 'data.purge',
      entityType: 'retention',
      entityId: null,
      after: counts,
    }),
  ])
  return counts
}

async function count<T extends keyof Database>(query: SelectQueryBuilder<Database, T, object>): Promise<number> {
  return Number((await query.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n)
}
