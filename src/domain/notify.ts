import { type CompiledQuery, sql } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import { compiledOnce } from '../db/compiled-once.ts'
import { rememberedReads } from '../db/remembered-reads.ts'
import type { NotificationKind } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { externalChannels, preferencesOf } from './notification-kinds.ts'
import { regencyOfCode } from './regions.ts'

/** Something worth telling, before it is recorded. */
export interface NotificationEventInput {
  /**
   * Built from what it is about (`report.filed:<id>`, `report.overdue:<id>:2`), so recording it
   * again is recording nothing: the scheduler's passes are idempotent through it.
   */
  id: string
  kind: NotificationKind
  regionCode: string
  subjectId: string | null
  /** Mandatory alerts pass through quiet hours. */
  mandatory: boolean
  /** A restricted report: external channels carry no words of it. */
  restricted: boolean
  /** The facts the message is worded from, in each recipient's language. */
  params: Record<string, unknown>
}

/** One external delivery to queue. */
interface QueuedDelivery {
  channel: 'push' | 'whatsapp'
  user: string
  target: string
}

/** Where each recipient hears things: its chosen channels, push subscriptions and verified number. */
async function deliveriesFor(deps: Pick<Deps, 'db'>, kind: NotificationKind, userIds: string[]): Promise<QueuedDelivery[]> {
  const deliveries: QueuedDelivery[] = []
  for (const ids of chunks(userIds, MAX_BOUND_PARAMETERS - 1)) {
    const [settings, subscriptions] = await Promise.all([
      deps.db
        .selectFrom('notification_settings')
        .select(['user_id', 'preferences_json', 'whatsapp_number', 'whatsapp_verified'])
        .where('user_id', 'in', ids)
        .execute(),
      deps.db.selectFrom('push_subscriptions').select(['id', 'user_id']).where('user_id', 'in', ids).execute(),
    ])
    const settingsOf = new Map(settings.map((row) => [row.user_id, row]))
    const subscriptionsOf = Map.groupBy(subscriptions, (row) => row.user_id)
    for (const user of ids) {
      const setting = settingsOf.get(user)
      const channels = externalChannels(preferencesOf(setting), kind)
      if (channels.includes('push'))
        for (const subscription of subscriptionsOf.get(user) ?? []) deliveries.push({ channel: 'push', user, target: subscription.id })
      if (channels.includes('whatsapp') && setting?.whatsapp_verified === 1 && setting.whatsapp_number)
        deliveries.push({ channel: 'whatsapp', user, target: setting.whatsapp_number })
    }
  }
  return deliveries
}

/**
 * The statements that record `event`, put it in every recipient's inbox, and queue its external
 * deliveries (each recipient's chosen channels, and the regency's webhooks that asked for its
 * kind), to run inside the atomic unit of the change that caused it: the event stands or falls
 * with that change, and nothing is queued for a change that did not happen.
 *
 * A constant number of statements whatever the number of recipients (the lists travel as one JSON
 * parameter), and each `INSERT OR IGNORE` on a unique key, so recording the same event again adds
 * nothing.
 */
export async function notificationStatements(
  deps: Pick<Deps, 'db' | 'clock'>,
  event: NotificationEventInput,
  recipientIds: readonly string[],
): Promise<CompiledQuery[]> {
  const now = deps.clock().toISOString()
  const recipients = [...new Set(recipientIds)]
  const deliveries = await deliveriesFor(deps, event.kind, recipients)
  const values = {
    ...event,
    mandatory: event.mandatory ? 1 : 0,
    restricted: event.restricted ? 1 : 0,
    params: JSON.stringify(event.params),
    now,
    recipients: JSON.stringify(recipients),
    deliveries: JSON.stringify(deliveries),
    regencyCode: regencyOfCode(event.regionCode),
    listedKind: `,${event.kind},`,
  }
  const webhooks = await webhooksListening(deps.db, `${values.regencyCode} ${event.kind}`, async () => {
    const [listening] = (await deps.db.executeQuery(webhookListening(deps.db, values))).rows
    return listening !== undefined
  })
  // Most filings (normal level) have no one to tell: an event no one hears is not recorded at all.
  if (!recipients.length && !webhooks) return []
  return [
    eventInsert,
    ...(recipients.length ? [recipientsInsert] : []),
    ...(deliveries.length ? [deliveriesInsert] : []),
    ...(webhooks ? [webhookDeliveriesInsert] : []),
  ].map((statement) => statement(deps.db, values))
}

// Whether a regency's webhooks listen for a kind of event: asked by every filing, remembered.
const webhooksListening = rememberedReads<boolean>(['webhooks'])

// Every filing and status change runs these four: compiled once.
type EventValues = Pick<NotificationEventInput, 'id' | 'kind' | 'regionCode' | 'subjectId'> & {
  mandatory: number
  restricted: number
  params: string
  now: string
  recipients: string
  deliveries: string
  regencyCode: string
  listedKind: string
}

const newId = sql`lower(hex(randomblob(16)))`

const eventInsert = compiledOnce(
  (
    _,
    v: EventValues,
  ) => sql`INSERT OR IGNORE INTO notification_events (id, kind, region_code, subject_id, mandatory, restricted, params_json, created_at)
    VALUES (${v.id}, ${v.kind}, ${v.regionCode}, ${v.subjectId}, ${v.mandatory}, ${v.restricted}, ${v.params}, ${v.now})`,
)

const recipientsInsert = compiledOnce(
  (_, v: EventValues) => sql`INSERT OR IGNORE INTO notifications (id, event_id, user_id, created_at)
    SELECT ${newId}, ${v.id}, value, ${v.now} FROM json_each(${v.recipients})`,
)

const deliveriesInsert = compiledOnce(
  (_, v: EventValues) => sql`INSERT OR IGNORE INTO notification_deliveries
      (id, event_id, channel, user_id, target, region_code, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT ${newId}, ${v.id}, json_extract(value, '$.channel'), json_extract(value, '$.user'), json_extract(value, '$.target'),
           ${v.regionCode}, 'pending', 0, ${v.now}, ${v.now}, ${v.now}
    FROM json_each(${v.deliveries})`,
)

/** The regency's webhooks that listen for the event's kind. */
const listening = (v: EventValues) => sql`regency_code = ${v.regencyCode} AND removed_at IS NULL AND instr(events, ${v.listedKind}) > 0`

const webhookListening = compiledOnce(
  (_, v: EventValues) => sql<{ listening: number }>`SELECT 1 AS listening FROM webhooks WHERE ${listening(v)} LIMIT 1`,
)

const webhookDeliveriesInsert = compiledOnce(
  (_, v: EventValues) => sql`INSERT OR IGNORE INTO notification_deliveries
      (id, event_id, channel, user_id, target, region_code, status, attempts, next_attempt_at, created_at, updated_at)
    SELECT ${newId}, ${v.id}, 'webhook', NULL, id, ${v.regionCode}, 'pending', 0, ${v.now}, ${v.now}, ${v.now}
    FROM webhooks WHERE ${listening(v)}`,
)
