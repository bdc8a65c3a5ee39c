import { sql } from 'kysely'
import type { User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError, Throttled } from './errors.ts'
import { findUserByUsername } from './users.ts'

type LoginDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'passwords'>

// OWASP Authentication Cheat Sheet: slow guessing down without letting anyone lock an account
// out. Failures are counted per username and address pair (the tight limit), per address
// across usernames, and per username across addresses (a loose ceiling against guessing from
// many addresses). The ceiling refuses only addresses that have already failed for that
// username: the owner, typing the right password from anywhere else, still gets in.
export const WINDOW_MINUTES = 15
const MAX_FAILURES_PER_PAIR = 5
const MAX_FAILURES_PER_ADDRESS = 30
const USERNAME_CEILING = 100

// Verified against when the username is unknown, so both cases cost the same time.
// It is the hash of a random string that was thrown away; no password matches it.
const DECOY_HASH = '$scrypt$ln=14,r=8,p=5$l3AcKeu0muoxnJZlC_f1CA$EaSLWjKOwuu1IPrw8u9v7oIRzBdDbK7aho87DrGQ0g0'

function throttleKeys(username: string, address: string) {
  return { pair: `pair:${address} ${username}`, address: `addr:${address}`, username: `user:${username}` }
}

/** When the current window of failures for this attempt ends, if the attempt must wait; else null. */
async function throttledUntil(deps: LoginDeps, keys: ReturnType<typeof throttleKeys>, windowStart: string): Promise<number | null> {
  const rows = await deps.db
    .selectFrom('login_failures')
    .select(['key', 'failures', 'window_start_at'])
    .where('key', 'in', Object.values(keys))
    .where('window_start_at', '>', windowStart)
    .execute()
  const count = (key: string) => rows.find((row) => row.key === key)
  const pair = count(keys.pair)
  const address = count(keys.address)
  const username = count(keys.username)
  const blocking = [
    pair && pair.failures >= MAX_FAILURES_PER_PAIR ? pair : undefined,
    address && address.failures >= MAX_FAILURES_PER_ADDRESS ? address : undefined,
    username && username.failures >= USERNAME_CEILING && pair ? username : undefined,
  ].filter((row) => row !== undefined)
  if (blocking.length === 0) return null
  return Math.max(...blocking.map((row) => Date.parse(row.window_start_at) + WINDOW_MINUTES * 60_000))
}

/**
 * Checks a username and password, with the throttling above. The same refusal whether or not
 * the username exists; a throttled attempt is refused before the password is even checked,
 * and says how long to wait.
 */
export async function logIn(deps: LoginDeps, rawUsername: string, password: string, address: string): Promise<User> {
  const username = rawUsername.trim().toLowerCase()
  const now = deps.clock()
  const windowStart = new Date(now.getTime() - WINDOW_MINUTES * 60_000).toISOString()
  const keys = throttleKeys(username, address)
  const until = await throttledUntil(deps, keys, windowStart)
  if (until !== null) throw new Throttled(Math.max(1, Math.ceil((until - now.getTime()) / 1000)))

  const user = await findUserByUsername(deps, username)
  const valid = await deps.passwords.verify(password, user?.password_hash ?? DECOY_HASH)
  if (user && valid && user.active === 1) {
    // The pair's slate is wiped; the username's ceiling keeps counting what others tried.
    await deps.atomic([
      deps.db.deleteFrom('login_failures').where('key', '=', keys.pair).compile(),
      deps.db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).compile(),
    ])
    return user
  }

  const at = now.toISOString()
  await deps.atomic([
    ...Object.values(keys).map((key) =>
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
