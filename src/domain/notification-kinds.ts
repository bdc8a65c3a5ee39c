import type { ExternalChannel, NotificationKind } from '../db/schema.ts'

/** Every kind of notification, in the order the settings page lists them. */
export const NOTIFICATION_KINDS: readonly NotificationKind[] = [
  'report.filed',
  'report.overdue',
  'report.updated',
  'meeting.invited',
  'meeting.changed',
  'meeting.cancelled',
  'meeting.reminder',
  'action_item.due',
  'summary.daily',
]

// What only those who review reports (district and regency overseers) are sent.
const OVERSEER_KINDS: ReadonlySet<NotificationKind> = new Set(['report.filed', 'report.overdue', 'summary.daily'])

/** The kinds a user can receive, for its settings page: a village pillar is never sent the overseers' alerts. */
export function kindsFor(user: { role: 'reporter' | 'reviewer' | 'admin' }): NotificationKind[] {
  return user.role === 'reporter' ? NOTIFICATION_KINDS.filter((kind) => !OVERSEER_KINDS.has(kind)) : [...NOTIFICATION_KINDS]
}

/** The channels a user may choose; the in-app inbox is always one of them. */
export const CHANNELS = ['in_app', 'push', 'whatsapp'] as const
export type Channel = (typeof CHANNELS)[number]

/**
 * Kinds that may carry mandatory alerts (an `awas` filing, an overdue acknowledgement): they reach
 * the inbox whatever the user chose, and pass through quiet hours. A user routes them (picks the
 * channels), never switches them off.
 */
export const MANDATORY_KINDS: ReadonlySet<NotificationKind> = new Set(['report.filed', 'report.overdue'])

// What every channel a user has set up carries until the user chooses otherwise.
const EVERYWHERE_BY_DEFAULT: ReadonlySet<NotificationKind> = new Set([...MANDATORY_KINDS, 'meeting.reminder'])

/** The external channels of a kind for a user who has not chosen: every one set up, or none. */
export function defaultChannels(kind: NotificationKind): ExternalChannel[] {
  return EVERYWHERE_BY_DEFAULT.has(kind) ? ['push', 'whatsapp'] : []
}

/** A user's choices: the channels of each kind chosen so far. */
export type Preferences = Partial<Record<NotificationKind, Channel[]>>

/** A user's stored choices (none stored: none made). */
export function preferencesOf(settings: { preferences_json: string } | undefined): Preferences {
  return settings ? (JSON.parse(settings.preferences_json) as Preferences) : {}
}

/** The external channels that carry `kind` for a user with these preferences. */
export function externalChannels(preferences: Preferences, kind: NotificationKind): ExternalChannel[] {
  const chosen = preferences[kind]
  if (!chosen) return defaultChannels(kind)
  return chosen.filter((channel): channel is ExternalChannel => channel !== 'in_app')
}

/** A user's preferences for every kind, defaults filled in: what the settings page and API show. */
export function allPreferences(preferences: Preferences): Record<NotificationKind, Channel[]> {
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((kind) => [kind, ['in_app', ...externalChannels(preferences, kind)] as Channel[]]),
  ) as Record<NotificationKind, Channel[]>
}
