import { compiledOnce } from '../db/compiled-once.ts'
import type { User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { presentedSecretHash, randomSecret, secretHash } from './secrets.ts'

type TokenDeps = WriteDeps

/**
 * A new private feed token for the user; the raw token is returned once, only its hash kept.
 * Rotating (`replace`) revokes the user's other tokens in the same unit.
 */
export async function issueCalendarToken(deps: TokenDeps, user: User, replace = false): Promise<{ id: string; token: string }> {
  const token = randomSecret()
  const id = crypto.randomUUID()
  const now = deps.clock().toISOString()
  await deps.atomic([
    ...(replace
      ? [
          deps.db
            .updateTable('calendar_tokens')
            .set({ revoked_at: now })
            .where('user_id', '=', user.id)
            .where('revoked_at', 'is', null)
            .compile(),
        ]
      : []),
    deps.db
      .insertInto('calendar_tokens')
      .values({ id, user_id: user.id, token_hash: await secretHash(token), created_at: now, revoked_at: null })
      .compile(),
    auditStatement(deps.db, { at: now, actorId: user.id, action: 'calendar_token.issue', entityType: 'calendar_token', entityId: id }),
  ])
  return { id, token }
}

/** The private feed URL of a token. */
export function personalFeedUrl(origin: string, token: string): string {
  return `${origin}/calendar/u/${token}.ics`
}

// Every poll of a personal feed: compiled once; a subquery, not a join (see sessionUser).
const ownerByToken = compiledOnce((db, v: { hash: string }) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', db.selectFrom('calendar_tokens').select('user_id').where('token_hash', '=', v.hash).where('revoked_at', 'is', null))
    .where('active', '=', 1),
)

/** The active owner of an unrevoked token, or undefined. */
export async function calendarTokenOwner(deps: Pick<Deps, 'db'>, token: string): Promise<User | undefined> {
  const hash = await presentedSecretHash(token)
  const [owner] = (await deps.db.executeQuery(ownerByToken(deps.db, { hash }))).rows
  return owner
}

/** The user's active tokens (id and creation time; the tokens themselves are not kept). */
export function activeCalendarTokens(deps: Pick<Deps, 'db'>, user: User) {
  return deps.db
    .selectFrom('calendar_tokens')
    .select(['id', 'created_at'])
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute()
}

/** Revokes one of the user's own tokens: its feed answers 404 from now on. */
export async function revokeCalendarToken(deps: TokenDeps, user: User, id: string): Promise<void> {
  const owned = await deps.db
    .selectFrom('calendar_tokens')
    .select('id')
    .where('id', '=', id)
    .where('user_id', '=', user.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!owned) throw new DomainError('not_found', 'notFound')
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db.updateTable('calendar_tokens').set({ revoked_at: now }).where('id', '=', id).compile(),
    auditStatement(deps.db, { at: now, actorId: user.id, action: 'calendar_token.revoke', entityType: 'calendar_token', entityId: id }),
  ])
}
