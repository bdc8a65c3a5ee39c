import { compiledOnce } from '../db/compiled-once.ts'
import type { User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { presentedSecretHash, randomSecret, secretHash } from './secrets.ts'

type SessionDeps = WriteDeps

/** Browser sessions last 12 hours: a working day on a shared office or village phone. */
export const SESSION_HOURS = 12

/** Starts a browser session; returns the raw id for the cookie (only its hash is stored). */
export async function startSession(deps: SessionDeps, user: User): Promise<string> {
  const id = randomSecret()
  const now = deps.clock()
  await deps.atomic([
    deps.db
      .insertInto('sessions')
      .values({
        id_hash: await secretHash(id),
        user_id: user.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      })
      .compile(),
    // The user's expired sessions go here, so the table does not grow without bound.
    deps.db.deleteFrom('sessions').where('user_id', '=', user.id).where('expires_at', '<=', now.toISOString()).compile(),
    auditStatement(deps.db, { at: now.toISOString(), actorId: user.id, action: 'session.start', entityType: 'user', entityId: user.id }),
  ])
  return id
}

// A subquery, not a join: better-sqlite3 clears a statement's bindings after every run, and SQLite
// then compiles again any statement whose plan looked at a bound value, which a join's planner
// does; a join here cost a full compile (25 µs) on every request.
const userBySession = compiledOnce((db, v: { hash: string; now: string }) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', db.selectFrom('sessions').select('user_id').where('id_hash', '=', v.hash).where('expires_at', '>', v.now))
    .where('active', '=', 1),
)

/** The active user of an unexpired session, or undefined. */
export async function sessionUser(deps: Pick<Deps, 'db' | 'clock'>, sessionId: string): Promise<User | undefined> {
  const hash = await presentedSecretHash(sessionId)
  const [user] = (await deps.db.executeQuery(userBySession(deps.db, { hash, now: deps.clock().toISOString() }))).rows
  return user
}

/** Ends a session (logout). */
export async function endSession(deps: SessionDeps, sessionId: string, user: User): Promise<void> {
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db
      .deleteFrom('sessions')
      .where('id_hash', '=', await presentedSecretHash(sessionId))
      .compile(),
    auditStatement(deps.db, { at: now, actorId: user.id, action: 'session.end', entityType: 'user', entityId: user.id }),
  ])
}
