import { sql } from 'kysely'
import { privateNetworkHost, sendOutbound } from '../channels/channel-config.ts'
import { pushRequest } from '../channels/web-push.ts'
import { webhookHeaders } from '../channels/webhook-signature.ts'
import { whatsAppAlertRequest } from '../channels/whatsapp.ts'
import type { NotificationDelivery } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { windowEnd } from './local-time.ts'
import { notificationMessage } from './notification-messages.ts'
import { timezoneOfCode } from './regions.ts'
import { webhookSigningKeys } from './webhooks.ts'

export type SenderDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'channels' | 'publicUrl'>

/** How one pass went. */
export interface SendResult {
  sent: number
  retried: number
  failed: number
  held: number
}

// Longer than a pass can take (50 rows, 8 at a time, 10 s each at worst): a claim outlives its sender
// only when the sender died, and then another takes the rows over.
const CLAIM_MS = 5 * 60_000
const GIVE_UP_MS = 24 * 3600_000
const FIRST_RETRY_MS = 30_000
const LONGEST_RETRY_MS = 3600_000
const BATCH = 50
const PARALLEL = 8
const DEFAULT_QUIET = { start: '22:00', end: '05:00' }

/** What one send attempt came to. */
type Outcome =
  | { kind: 'sent' }
  | { kind: 'retry'; error: string; after?: number }
  | { kind: 'failed'; error: string }
  | { kind: 'held'; until: Date }

/**
 * Claims due deliveries for this pass with one conditional UPDATE: rows another sender holds
 * (its claim not yet expired) are skipped, so two senders at once never send one row twice.
 */
async function claimDue(deps: SenderDeps, now: Date, limit: number): Promise<string> {
  const claim = crypto.randomUUID()
  const at = now.toISOString()
  await deps.atomic([
    sql`UPDATE notification_deliveries SET claim = ${claim}, claimed_until = ${new Date(now.getTime() + CLAIM_MS).toISOString()}
        WHERE id IN (SELECT id FROM notification_deliveries
                     WHERE status = 'pending' AND next_attempt_at <= ${at} AND (claimed_until IS NULL OR claimed_until <= ${at})
                     ORDER BY next_attempt_at LIMIT ${limit})`.compile(deps.db),
  ])
  return claim
}

function claimedRows(deps: SenderDeps, claim: string) {
  return deps.db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_events as e', 'e.id', 'd.event_id')
    .leftJoin('users as u', 'u.id', 'd.user_id')
    .leftJoin('notification_settings as s', 's.user_id', 'd.user_id')
    .leftJoin('push_subscriptions as p', (join) => join.onRef('p.id', '=', 'd.target').on('d.channel', '=', 'push'))
    .leftJoin('webhooks as w', (join) => join.onRef('w.id', '=', 'd.target').on('d.channel', '=', 'webhook'))
    .selectAll('d')
    .select([
      'e.kind',
      'e.params_json',
      'e.restricted',
      'e.mandatory',
      'e.region_code as event_region',
      'e.subject_id',
      'e.created_at as event_created_at',
      'u.language',
      'u.scope_code',
      'u.active',
      's.quiet_start',
      's.quiet_end',
      'p.endpoint',
      'p.p256dh',
      'p.auth',
      'w.url as webhook_url',
      'w.generation',
      'w.previous_until',
      'w.removed_at',
    ])
    .where('d.claim', '=', claim)
    .execute()
}

type Claimed = Awaited<ReturnType<typeof claimedRows>>[number]

/** The seconds or HTTP date of a `Retry-After`, in milliseconds from now. */
function retryAfter(response: Response, now: Date): number | undefined {
  const value = response.headers.get('Retry-After')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime())
}

/** What an answer means: sent, worth another try (network, 429, 5xx), or refused for good. */
function outcomeOf(response: Response, now: Date): Outcome {
  if (response.ok) return { kind: 'sent' }
  const error = `HTTP ${response.status}`
  if (response.status === 429 || response.status >= 500) return { kind: 'retry', error, after: retryAfter(response, now) }
  return { kind: 'failed', error }
}

/** Builds and sends one delivery. */
async function attempt(deps: SenderDeps, row: Claimed, now: Date): Promise<Outcome> {
  const external = { kind: row.kind, params_json: row.params_json, restricted: row.restricted, region_code: row.event_region }
  if (row.channel === 'webhook') {
    if (!row.webhook_url || row.removed_at) return { kind: 'failed', error: 'webhook removed' }
    // Registered before private networks were refused: never sent to, however it was stored.
    if (privateNetworkHost(new URL(row.webhook_url))) return { kind: 'failed', error: 'private network address' }
    const message = notificationMessage(external, 'id', { external: true })
    const params = JSON.parse(row.params_json) as { alert_level?: string; meeting_id?: string; report_id?: string }
    const body = JSON.stringify({
      type: row.kind,
      timestamp: row.event_created_at,
      data: {
        event_id: row.event_id,
        // What it is about, by name: a report, a meeting (an action item's too), an action item.
        ...(params.report_id && { report_id: params.report_id }),
        ...(params.meeting_id && { meeting_id: params.meeting_id }),
        ...(row.kind === 'action_item.due' && { action_item_id: row.subject_id }),
        region_code: row.event_region,
        ...(params.alert_level && { alert_level: params.alert_level }),
        url: deps.publicUrl + message.path,
        // A restricted report's words never leave: only that it exists, where, and the link.
        ...(row.restricted === 0 && { title: message.title, body: message.body }),
      },
    })
    const headers = await webhookHeaders(
      await webhookSigningKeys(deps, { id: row.target, generation: row.generation!, previous_until: row.previous_until }, now),
      row.id,
      now,
      body,
    )
    return outcomeOf(await sendOutbound(deps.channels, new Request(row.webhook_url, { method: 'POST', headers, body })), now)
  }

  if (row.active !== 1) return { kind: 'failed', error: 'recipient inactive' }
  const zone = timezoneOfCode(row.scope_code!)
  if (row.mandatory === 0) {
    const until = windowEnd(now, zone, row.quiet_start ?? DEFAULT_QUIET.start, row.quiet_end ?? DEFAULT_QUIET.end)
    if (until) return { kind: 'held', until }
  }
  const lang = row.language ?? 'id'
  const message = notificationMessage(external, lang, { external: true, recipientId: row.user_id ?? undefined })
  const url = deps.publicUrl + message.path

  if (row.channel === 'push') {
    const vapid = deps.channels.vapid
    if (!vapid) return { kind: 'failed', error: 'push not configured' }
    if (!row.endpoint || !row.p256dh || !row.auth) return { kind: 'failed', error: 'subscription removed' }
    const request = await pushRequest(
      { endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth },
      { title: message.title, body: message.body, url, tag: row.event_id },
      vapid,
      { now, urgent: row.mandatory === 1, ttlSeconds: 24 * 3600 },
    )
    const response = await sendOutbound(deps.channels, request)
    // The browser unsubscribed, or the subscription expired: it will never work again.
    if (response.status === 404 || response.status === 410) {
      await deps.atomic([deps.db.deleteFrom('push_subscriptions').where('id', '=', row.target).compile()])
      return { kind: 'failed', error: `HTTP ${response.status}: subscription gone, removed` }
    }
    return outcomeOf(response, now)
  }

  const whatsapp = deps.channels.whatsapp
  if (!whatsapp) return { kind: 'failed', error: 'WhatsApp not configured' }
  return outcomeOf(await sendOutbound(deps.channels, whatsAppAlertRequest(whatsapp, row.target, lang, { ...message, url })), now)
}

/** Exponential backoff with full jitter, from 30 s up to an hour. */
function backoff(attempts: number): number {
  const ceiling = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** attempts)
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2))
}

/** Records what became of one claimed delivery, only while the claim is still this sender's. */
async function record(deps: SenderDeps, row: Claimed, claim: string, outcome: Outcome, now: Date): Promise<void> {
  const at = now.toISOString()
  const base = { claim: null, claimed_until: null, updated_at: at }
  let fields: Partial<NotificationDelivery>
  if (outcome.kind === 'sent') fields = { ...base, status: 'sent', attempts: row.attempts + 1, last_error: null }
  else if (outcome.kind === 'failed') fields = { ...base, status: 'failed', attempts: row.attempts + 1, last_error: outcome.error }
  else if (outcome.kind === 'held') fields = { ...base, next_attempt_at: outcome.until.toISOString() }
  else {
    const next = new Date(now.getTime() + Math.max(outcome.after ?? 0, backoff(row.attempts)))
    const expired = next.getTime() - Date.parse(row.created_at) > GIVE_UP_MS
    fields = expired
      ? { ...base, status: 'failed', attempts: row.attempts + 1, last_error: `gave up after 24 hours: ${outcome.error}` }
      : { ...base, attempts: row.attempts + 1, next_attempt_at: next.toISOString(), last_error: outcome.error }
  }
  await deps.atomic([
    deps.db.updateTable('notification_deliveries').set(fields).where('id', '=', row.id).where('claim', '=', claim).compile(),
  ])
}

/**
 * One pass of the sender: claims up to `limit` due deliveries, sends them (a few at a time), and
 * records each outcome. Network errors, 429 and 5xx are retried with backoff (honouring
 * `Retry-After`) until 24 hours after the event; other refusals fail at once.
 */
export async function sendDue(deps: SenderDeps, limit = BATCH): Promise<SendResult> {
  const now = deps.clock()
  const claim = await claimDue(deps, now, limit)
  const rows = await claimedRows(deps, claim)
  const result: SendResult = { sent: 0, retried: 0, failed: 0, held: 0 }
  const queue = [...rows]
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      let outcome: Outcome
      try {
        outcome = await attempt(deps, row, now)
      } catch (error) {
        outcome = { kind: 'retry', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
      }
      await record(deps, row, claim, outcome, now)
      if (outcome.kind === 'sent') result.sent++
      else if (outcome.kind === 'failed') result.failed++
      else if (outcome.kind === 'held') result.held++
      else result.retried++
    }
  }
  await Promise.all(Array.from({ length: PARALLEL }, worker))
  return result
}

/** Passes until nothing due is left (or `maxPasses`): what a timer, cron or `waitUntil` runs. */
export async function drainOutbox(deps: SenderDeps, maxPasses = 20): Promise<SendResult> {
  const total: SendResult = { sent: 0, retried: 0, failed: 0, held: 0 }
  for (let pass = 0; pass < maxPasses; pass++) {
    const result = await sendDue(deps)
    for (const key of Object.keys(total) as (keyof SendResult)[]) total[key] += result[key]
    if (result.sent + result.retried + result.failed + result.held < BATCH) break
  }
  return total
}
