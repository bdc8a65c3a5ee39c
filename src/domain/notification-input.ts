import * as v from 'valibot'
import { privateNetworkHost, pushEndpointAllowed, secureOrLoopback } from '../channels/channel-config.ts'
import { normaliseWhatsAppNumber } from '../channels/whatsapp.ts'
import type { NotificationKind } from '../db/schema.ts'
import { message } from './input-parts.ts'
import { CHANNELS, NOTIFICATION_KINDS } from './notification-kinds.ts'

// What the notification settings, push subscriptions, webhooks and the inbox accept.

const kind = v.picklist(NOTIFICATION_KINDS as NotificationKind[], message('unknownKind'))
const clockTime = v.pipe(v.string(message('required')), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, message('timeFormat')))

/** A WhatsApp number as typed: `0812…`, `62812…` or `+62812…`, normalised to E.164. */
const whatsAppNumber = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.maxLength(32, message('whatsAppNumber')),
  v.transform((value) => normaliseWhatsAppNumber(value) ?? ''),
  v.nonEmpty(message('whatsAppNumber')),
)

/**
 * `PUT /me/notification-settings`: channels per kind (the inbox always among them), quiet hours,
 * and a WhatsApp number (a new one is sent a code; null removes it).
 */
export const notificationSettingsSchema = v.object({
  preferences: v.optional(
    v.pipe(
      v.record(kind, v.array(v.picklist(CHANNELS, message('unknownChannel')), message('invalidValue')), message('invalidValue')),
      v.check((preferences) => Object.values(preferences).every((channels) => channels?.includes('in_app')), message('inboxAlwaysOn')),
    ),
  ),
  quiet_hours: v.optional(v.object({ start: clockTime, end: clockTime })),
  whatsapp: v.optional(v.object({ number: v.nullable(whatsAppNumber) })),
})
export type NotificationSettingsInput = v.InferOutput<typeof notificationSettingsSchema>

export const whatsAppCodeSchema = v.object({
  code: v.pipe(v.string(message('required')), v.trim(), v.regex(/^\d{6}$/, message('wrongCode'))),
})

/** A browser's `PushSubscription.toJSON()`, its endpoint at an allowed push service. */
export const pushSubscriptionSchema = (hosts: readonly string[]) =>
  v.object({
    endpoint: v.pipe(
      v.string(message('required')),
      v.maxLength(1024, message('tooLong')),
      v.check((endpoint) => pushEndpointAllowed(endpoint, hosts), message('pushEndpoint')),
    ),
    expirationTime: v.optional(v.nullable(v.number())),
    keys: v.object({
      p256dh: v.pipe(v.string(message('required')), v.regex(/^[A-Za-z0-9_-]{86,88}={0,2}$/, message('invalidValue'))),
      auth: v.pipe(v.string(message('required')), v.regex(/^[A-Za-z0-9_-]{22,24}={0,2}$/, message('invalidValue'))),
    }),
  })

/** A webhook: an https address (or this machine's) outside private networks, and the kinds it wants. */
export const newWebhookSchema = v.object({
  url: v.pipe(
    v.string(message('required')),
    v.trim(),
    v.maxLength(1024, message('tooLong')),
    v.check((url) => URL.canParse(url) && secureOrLoopback(new URL(url)) && !new URL(url).username, message('webhookUrl')),
    v.check((url) => !URL.canParse(url) || !privateNetworkHost(new URL(url)), message('webhookPrivateAddress')),
  ),
  events: v.pipe(v.array(kind, message('invalidValue')), v.minLength(1, message('required'))),
})
export type NewWebhookInput = v.InferOutput<typeof newWebhookSchema>

/** `POST /notifications/read`: some ids, or everything. */
export const markReadSchema = v.union(
  [
    v.object({
      ids: v.pipe(v.array(v.pipe(v.string(), v.maxLength(64)), message('invalidValue')), v.maxLength(500, message('invalidValue'))),
    }),
    v.object({ all: v.literal(true, message('invalidValue')) }),
  ],
  message('invalidValue'),
)

/** `GET /notifications`. */
export const inboxQuerySchema = v.object({
  unread: v.optional(v.picklist(['0', '1'], message('invalidValue'))),
  cursor: v.optional(v.string()),
})

/** `GET /notification-deliveries` (admins). */
export const deliveryQuerySchema = v.object({
  region: v.optional(v.string()),
  status: v.optional(v.picklist(['pending', 'sent', 'failed'], message('invalidValue'))),
  cursor: v.optional(v.string()),
})
