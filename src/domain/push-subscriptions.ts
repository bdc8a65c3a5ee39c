import { type SqlBool, sql } from 'kysely'
import type { User } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement, isGuardRefusal, writeAudited } from './audit.ts'
import { NOT_FOUND } from './permissions.ts'

/** A browser's `PushSubscription.toJSON()`, validated. */
export interface PushSubscriptionInput {
  endpoint: string
  keys: { p256dh: string; auth: string }
}

/**
 * Keeps a device's push subscription for the user. One subscription per device: the endpoint is
 * the device, so a phone that signs in as someone else now notifies them, and only them.
 */
export async function subscribePush(deps: WriteDeps, user: Pick<User, 'id'>, input: PushSubscriptionInput): Promise<string> {
  const id = crypto.randomUUID()
  const now = deps.clock().toISOString()
  const fields = { user_id: user.id, p256dh: input.keys.p256dh, auth: input.keys.auth, created_at: now }
  await writeAudited(
    deps,
    user,
    { action: 'push.subscribe', entityType: 'user', entityId: user.id, after: { endpoint: input.endpoint } },
    () =>
      deps.db
        .insertInto('push_subscriptions')
        .values({ id, endpoint: input.endpoint, ...fields })
        .onConflict((oc) => oc.column('endpoint').doUpdateSet(fields))
        .compile(),
  )
  const row = await deps.db.selectFrom('push_subscriptions').select('id').where('endpoint', '=', input.endpoint).executeTakeFirstOrThrow()
  return row.id
}

/** Removes one of the user's own push subscriptions; anyone else's does not exist for them. */
export async function unsubscribePush(deps: WriteDeps, user: Pick<User, 'id'>, id: string): Promise<void> {
  const at = deps.clock().toISOString()
  try {
    await deps.atomic([
      auditStatement(
        deps.db,
        { at, actorId: user.id, action: 'push.unsubscribe', entityType: 'user', entityId: user.id, after: { id } },
        // Recorded only when there is one of the user's to remove.
        sql<SqlBool>`EXISTS (SELECT 1 FROM push_subscriptions WHERE id = ${id} AND user_id = ${user.id})`,
      ),
      deps.db.deleteFrom('push_subscriptions').where('id', '=', id).where('user_id', '=', user.id).compile(),
    ])
  } catch (error) {
    if (isGuardRefusal(error)) throw NOT_FOUND()
    throw error
  }
}
