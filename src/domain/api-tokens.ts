import type { AtomicWrite } from '../db/atomic.ts'
import { compiledOnce } from '../db/compiled-once.ts'
import type { User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { RecentlyUsedMap } from '../recently-used-map.ts'
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

// The users behind tokens presented lately, for a second: a client making request after request
// (the field app's outbox, an integration) costs one lookup a second, not one a request (the lookup
// was a fifth of /api/v1/me). Every atomic write of this process that touches users or tokens
// forgets them all (forgetsTokenUsers); a change another process makes (the CLI, another Workers
// isolate) is seen within the second.
const REMEMBERED_MS = 1000
const recentTokenUsers = new RecentlyUsedMap<string, { found: { user: User; tokenId: string } | undefined; until: number }>(10_000)

/** The active user behind an unrevoked token, with the token's id, or undefined. */
export async function apiTokenUser(deps: Pick<Deps, 'db'>, token: string): Promise<{ user: User; tokenId: string } | undefined> {
  const hash = await presentedSecretHash(token)
  const now = Date.now()
  const remembered = recentTokenUsers.get(hash)
  if (remembered && remembered.until > now) return remembered.found
  const [row] = (await deps.db.executeQuery(userByToken(deps.db, { hash }))).rows
  const found = row?.token_id ? { user: withoutTokenId(row), tokenId: row.token_id } : undefined
  recentTokenUsers.set(hash, { found, until: now + REMEMBERED_MS })
  return found
}

function withoutTokenId({ token_id: _, ...user }: User & { token_id: string | null }): User {
  return user
}

// Statements that change what apiTokenUser answers: any write to the users or tokens tables.
const WRITES_CREDENTIALS = /^\s*(update|insert\s+(or\s+\w+\s+)?into|delete\s+from)\s+"?(users|api_tokens)"?\s/i

/** `atomic` that forgets the remembered token users after a unit that wrote users or API tokens. */
export function forgetsTokenUsers(atomic: AtomicWrite): AtomicWrite {
  return async (statements) => {
    const results = await atomic(statements)
    if (statements.some((statement) => WRITES_CREDENTIALS.test(statement.sql))) recentTokenUsers.clear()
    return results
  }
}

/** Revokes one token (logout, or an owner ending it). */
export async function revokeApiToken(deps: TokenDeps, tokenId: string, actor: Actor): Promise<void> {
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', tokenId).where('revoked_at', 'is', null).compile(),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId }),
  ])
}
