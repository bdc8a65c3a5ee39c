import { compiledOnce } from '../db/compiled-once.ts'
import { rememberedReads } from '../db/remembered-reads.ts'
import type { User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import type { Actor } from './permissions.ts'
import { presentedSecretHash, randomSecret, secretHash } from './secrets.ts'

type TokenDeps = WriteDeps

// A recognisable prefix lets secret scanners and operators spot a leaked token.
const PREFIX = 'tp_'

/** Issues an API bearer token; returns the raw token, shown once (only its hash is stored). */
export async function issueApiToken(deps: TokenDeps, user: User, label: string, actor: Actor | null): Promise<string> {
  const token = PREFIX + randomSecret()
  const id = crypto.randomUUID()
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db
      .insertInto('api_tokens')
      .values({ id, user_id: user.id, token_hash: await secretHash(token), label, created_at: now, revoked_at: null })
      .compile(),
    auditStatement(deps.db, {
      at: now,
      actorId: actor?.id ?? null,
      action: 'api_token.issue',
      entityType: 'api_token',
      entityId: id,
      after: { user_id: user.id, label },
    }),
  ])
  return token
}

// Subqueries, not a join: see sessionUser.
const userByToken = compiledOnce((db, v: { hash: string }) => {
  const unrevoked = db.selectFrom('api_tokens').where('token_hash', '=', v.hash).where('revoked_at', 'is', null)
  return db
    .selectFrom('users')
    .selectAll()
    .select(unrevoked.select('id').as('token_id'))
    .where('id', '=', unrevoked.select('user_id'))
    .where('active', '=', 1)
})

// Asked on every API request, again and again by the same clients (the field app's outbox, an
// integration): the lookup was a fifth of /api/v1/me.
const rememberedTokenUsers = rememberedReads<{ user: User; tokenId: string } | undefined>(['users', 'api_tokens'])

/** The active user behind an unrevoked token, with the token's id, or undefined. */
export async function apiTokenUser(deps: Pick<Deps, 'db'>, token: string): Promise<{ user: User; tokenId: string } | undefined> {
  const hash = await presentedSecretHash(token)
  return rememberedTokenUsers(deps.db, hash, async () => {
    const [row] = (await deps.db.executeQuery(userByToken(deps.db, { hash }))).rows
    if (!row?.token_id) return undefined
    const { token_id: tokenId, ...user } = row
    return { user, tokenId }
  })
}

/** Revokes one token (logout, or an owner ending it). */
export async function revokeApiToken(deps: TokenDeps, tokenId: string, actor: Actor): Promise<void> {
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).where('revoked_at', 'is', null).compile(),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId }),
  ])
}
