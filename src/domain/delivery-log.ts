import type { NotificationDelivery } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { DomainError } from './errors.ts'
import { decodeCursor, encodeCursor, olderThan } from './keyset-cursor.ts'
import { type Actor, assertCan } from './permissions.ts'
import { scopeRange } from './scope.ts'

/** One line of the delivery log: what went to whom, on which channel, and how it went. */
export interface DeliveryLogEntry {
  id: string
  event_id: string
  kind: string
  channel: NotificationDelivery['channel']
  recipient: { id: string; name: string } | null
  /** A WhatsApp number, a webhook address, or a push service's host: never a secret. */
  destination: string
  region_code: string
  status: NotificationDelivery['status']
  attempts: number
  last_error: string | null
  next_attempt_at: string | null
  created_at: string
  updated_at: string
}

export interface DeliveryLogFilter {
  region?: string
  status?: NotificationDelivery['status']
  cursor?: string
  limit?: number
}

/** The delivery log within an admin's scope (or a region of it), newest first. */
export async function deliveryLog(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  filter: DeliveryLogFilter,
): Promise<{ items: DeliveryLogEntry[]; next_cursor: string | null }> {
  const region = filter.region ?? viewer.scope_code
  assertCan(viewer, 'notification.log', region, () => new DomainError('forbidden', 'outsideScope', 'region'))
  const range = scopeRange(region)
  const limit = filter.limit ?? 50
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : undefined
  const rows = await deps.db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('push_subscriptions as p', (join) => join.onRef('p.id', '=', 'd.target').on('d.channel', '=', 'push'))
    .leftJoin('webhooks as w', (join) => join.onRef('w.id', '=', 'd.target').on('d.channel', '=', 'webhook'))
    .select([
      'd.id',
      'd.event_id',
      'e.kind',
      'd.channel',
      'd.user_id',
      'u.name',
      'd.target',
      'p.endpoint',
      'w.url',
      'd.region_code',
      'd.status',
      'd.attempts',
      'd.last_error',
      'd.next_attempt_at',
      'd.created_at',
      'd.updated_at',
    ])
    .where('d.region_code', '>=', range.from)
    .where('d.region_code', '<', range.to)
    .$if(filter.status !== undefined, (qb) => qb.where('d.status', '=', filter.status!))
    .$if(cursor !== undefined, (qb) => qb.where(olderThan('d.created_at', 'd.id', cursor!)))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit).map((row) => ({
    id: row.id,
    event_id: row.event_id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.user_id ? { id: row.user_id, name: row.name ?? '' } : null,
    // A push endpoint's path is a capability for that device: only its host is shown.
    destination:
      row.channel === 'push' ? (row.endpoint ? new URL(row.endpoint).host : '') : row.channel === 'webhook' ? (row.url ?? '') : row.target,
    region_code: row.region_code,
    status: row.status,
    attempts: row.attempts,
    last_error: row.last_error,
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  }))
  const last = items[items.length - 1]
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null }
}
