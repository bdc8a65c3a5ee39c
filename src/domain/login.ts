import { sql } from 'kysely'
import type { User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { findUserByUsername } from './users.ts'

type LoginDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'passwords'>

// OWASP Authentication Cheat Sheet: throttle per account and per source. Limits per window:
const WINDOW_MINUTES = 15
const MAX_FAILURES_PER_USERNAME = 5
const MAX_FAILURES_PER_ADDRESS = 30

// Verified against when the username is unknown, so both cases cost the same time.
// It is the hash of a random string that was thrown away; no password matches it.
const DECOY_HASH = '$scrypt$ln=14,r=8,p=5$l3AcKeu0muoxnJZlC_f1CA$EaSLWjKOwuu1IPrw8u9v7oIRzBdDbK7aho87DrGQ0g0'

function throttleKeys(username: string, address: string) {
  return [
    { key: `user:${username}`, limit: MAX_FAILURES_PER_USERNAME },
    { key: `addr:${address}`, limit: MAX_FAILURES_PER_ADDRESS },
  ]
}

async function isThrottled(deps: LoginDeps, keys: { key: string; limit: number }[], windowStart: string) {
  const rows = await deps.db
    .selectFrom('login_failures')
    .select(['key', 'failures'])
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .where('window_start_at', '>', windowStart)
    .execute()
  return rows.some((row) => row.failures >= keys.find((k) => k.key === row.key)!.limit)
}

/**
 * Checks a username and password, with throttling per username and per client address.
 * The same refusal whether or not the username exists; a throttled attempt is refused
 * before the password is even checked.
 */
export async function logIn(deps: LoginDeps, rawUsername: string, password: string, address: string): Promise<User> {
  const username = rawUsername.trim().toLowerCase()
  const now = deps.clock()
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString()
  const keys = throttleKeys(username, address)
  if (await isThrottled(deps, keys, windowStart)) throw new DomainError('throttled', 'throttled')

  const user = await findUserByUsername(deps, username)
  const valid = await deps.passwords.verify(password, user?.password_hash ?? DECOY_HASH)
  if (user && valid && user.active === 1) {
    await deps.atomic([deps.db.deleteFrom('login_failures').where('key', '=', keys[0]!.key).compile()])
    return user
  }

  const at = now.toISOString()
  await deps.atomic([
    ...keys.map(({ key }) =>
      deps.db
        .insertInto('login_failures')
        .values({ key, failures: 1, window_start_at: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // A failure after the window has passed opens a new window.
            failures: sql`CASE WHEN login_failures.window_start_at > ${windowStart} THEN login_failures.failures + 1 ELSE 1 END`,
            window_start_at: sql`CASE WHEN login_failures.window_start_at > ${windowStart}
              THEN login_failures.window_start_at ELSE excluded.window_start_at END`,
          }),
        )
        .compile(),
    ),
    auditStatement(deps.db, {
      at,
      actorId: null,
      action: 'login.failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      after: { username, address },
    }),
  ])
  throw new DomainError('unauthorized', 'badCredentials')
}
