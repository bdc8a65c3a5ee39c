import { sql } from 'kysely'
import { sendOutbound } from '../channels/channel-config.ts'
import { whatsAppCodeRequest } from '../channels/whatsapp.ts'
import type { NotificationKind, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement, writeAudited } from './audit.ts'
import { DomainError, Throttled } from './errors.ts'
import type { NotificationSettingsInput } from './notification-input.ts'
import { allPreferences, type Channel, preferencesOf } from './notification-kinds.ts'
import { sameText } from './secrets.ts'
import { keyedHash, serverSecret } from './server-secret.ts'

const DEFAULT_QUIET = { start: '22:00', end: '05:00' }
const CODE_LIFETIME_MS = 10 * 60_000
const CODE_INTERVAL_MS = 60_000
const CODE_ATTEMPTS = 5

/** A user's notification settings as the page and the API show them. */
export interface NotificationSettingsView {
  whatsapp: { number: string | null; verified: boolean }
  preferences: Record<NotificationKind, Channel[]>
  quiet_hours: { start: string; end: string }
}

function settingsRow(deps: Pick<Deps, 'db'>, userId: string) {
  return deps.db.selectFrom('notification_settings').selectAll().where('user_id', '=', userId).executeTakeFirst()
}

/** The user's settings, defaults filled in. */
export async function notificationSettings(deps: Pick<Deps, 'db'>, user: Pick<User, 'id'>): Promise<NotificationSettingsView> {
  const row = await settingsRow(deps, user.id)
  return {
    whatsapp: { number: row?.whatsapp_number ?? null, verified: row?.whatsapp_verified === 1 },
    preferences: allPreferences(preferencesOf(row)),
    quiet_hours: row ? { start: row.quiet_start, end: row.quiet_end } : DEFAULT_QUIET,
  }
}

/** A settings row with every column, for the upsert. */
function defaultRow(userId: string, now: string) {
  return {
    user_id: userId,
    preferences_json: '{}',
    quiet_start: DEFAULT_QUIET.start,
    quiet_end: DEFAULT_QUIET.end,
    whatsapp_number: null,
    whatsapp_verified: 0,
    whatsapp_code_hash: null,
    whatsapp_code_expires_at: null,
    whatsapp_code_attempts: 0,
    updated_at: now,
  }
}

/** Saves the channels per kind and the quiet hours the user chose; audited. */
export async function saveNotificationSettings(deps: WriteDeps, user: Pick<User, 'id'>, input: NotificationSettingsInput): Promise<void> {
  const current = await settingsRow(deps, user.id)
  const preferences = { ...preferencesOf(current), ...input.preferences }
  const quiet = input.quiet_hours ?? (current ? { start: current.quiet_start, end: current.quiet_end } : DEFAULT_QUIET)
  const change = { action: 'notification.settings', entityType: 'user', entityId: user.id, after: { preferences, quiet_hours: quiet } }
  await writeAudited(deps, user, change, (now) => {
    const fields = { preferences_json: JSON.stringify(preferences), quiet_start: quiet.start, quiet_end: quiet.end, updated_at: now }
    return deps.db
      .insertInto('notification_settings')
      .values({ ...defaultRow(user.id, now), ...fields })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(fields))
      .compile()
  })
}

async function codeHash(deps: Pick<WriteDeps, 'db' | 'atomic'>, userId: string, number: string, code: string): Promise<string> {
  return keyedHash(await serverSecret(deps), `whatsapp-code:${userId}:${number}:${code}`)
}

/**
 * Sets the user's WhatsApp number, unverified, and sends it a one-time code over WhatsApp
 * (at most one a minute). Until the code comes back, nothing is sent to the number.
 */
export async function requestWhatsAppCode(
  deps: WriteDeps & Pick<Deps, 'channels'>,
  user: Pick<User, 'id' | 'language'>,
  number: string,
): Promise<void> {
  const whatsapp = deps.channels.whatsapp
  if (!whatsapp) throw new DomainError('invalid', 'channelOff', 'whatsapp.number')
  const now = deps.clock()
  const current = await settingsRow(deps, user.id)
  const lastSent = current?.whatsapp_code_expires_at ? Date.parse(current.whatsapp_code_expires_at) - CODE_LIFETIME_MS : 0
  if (now.getTime() - lastSent < CODE_INTERVAL_MS) throw new Throttled(Math.ceil((lastSent + CODE_INTERVAL_MS - now.getTime()) / 1000))
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0')
  let response: Response
  try {
    response = await sendOutbound(deps.channels, whatsAppCodeRequest(whatsapp, number, user.language, code))
  } catch {
    throw new DomainError('unavailable', 'codeNotSent', 'whatsapp.number')
  }
  if (!response.ok) throw new DomainError('unavailable', 'codeNotSent', 'whatsapp.number')
  const at = now.toISOString()
  const fields = {
    whatsapp_number: number,
    whatsapp_verified: 0,
    whatsapp_code_hash: await codeHash(deps, user.id, number, code),
    whatsapp_code_expires_at: new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(),
    whatsapp_code_attempts: 0,
    updated_at: at,
  }
  await deps.atomic([
    deps.db
      .insertInto('notification_settings')
      .values({ ...defaultRow(user.id, at), ...fields })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(fields))
      .compile(),
    auditStatement(deps.db, {
      at,
      actorId: user.id,
      action: 'notification.whatsapp_number',
      entityType: 'user',
      entityId: user.id,
      after: { number },
    }),
  ])
}

/** Checks the code sent to the pending number; five wrong tries spend it. */
export async function verifyWhatsAppCode(deps: WriteDeps, user: Pick<User, 'id'>, code: string): Promise<void> {
  const row = await settingsRow(deps, user.id)
  const now = deps.clock()
  if (!row?.whatsapp_number || !row.whatsapp_code_hash || !row.whatsapp_code_expires_at)
    throw new DomainError('invalid', 'noPendingNumber', 'code')
  if (row.whatsapp_code_attempts >= CODE_ATTEMPTS) throw new DomainError('invalid', 'tooManyCodeAttempts', 'code')
  const matches =
    row.whatsapp_code_expires_at > now.toISOString() &&
    sameText(await codeHash(deps, user.id, row.whatsapp_number, code), row.whatsapp_code_hash)
  if (!matches) {
    // Counted, so six digits cannot be guessed: the one write a wrong code makes.
    await deps.atomic([
      deps.db
        .updateTable('notification_settings')
        .set({ whatsapp_code_attempts: sql`whatsapp_code_attempts + 1` })
        .where('user_id', '=', user.id)
        .compile(),
    ])
    throw new DomainError('invalid', 'wrongCode', 'code')
  }
  const change = { action: 'notification.whatsapp_verified', entityType: 'user', entityId: user.id, after: { number: row.whatsapp_number } }
  await writeAudited(deps, user, change, (at) =>
    deps.db
      .updateTable('notification_settings')
      .set({ whatsapp_verified: 1, whatsapp_code_hash: null, whatsapp_code_attempts: 0, updated_at: at })
      .where('user_id', '=', user.id)
      .where('whatsapp_code_hash', '=', row.whatsapp_code_hash)
      .compile(),
  )
}

/**
 * Applies a settings change: preferences and quiet hours, then the WhatsApp number (a new or
 * unverified one is sent a code; null removes it). The number is last: a code that cannot be
 * sent refuses only that part, after the rest is saved.
 */
export async function applyNotificationSettings(
  deps: WriteDeps & Pick<Deps, 'channels'>,
  user: Pick<User, 'id' | 'language'>,
  input: NotificationSettingsInput,
): Promise<void> {
  if (input.preferences !== undefined || input.quiet_hours !== undefined) await saveNotificationSettings(deps, user, input)
  if (input.whatsapp === undefined) return
  const number = input.whatsapp.number
  if (number === null) return removeWhatsAppNumber(deps, user)
  const current = await settingsRow(deps, user.id)
  if (current?.whatsapp_number === number && current.whatsapp_verified === 1) return
  await requestWhatsAppCode(deps, user, number)
}

/** Removes the user's WhatsApp number. */
export async function removeWhatsAppNumber(deps: WriteDeps, user: Pick<User, 'id'>): Promise<void> {
  const change = { action: 'notification.whatsapp_removed', entityType: 'user', entityId: user.id }
  await writeAudited(deps, user, change, (at) =>
    deps.db
      .updateTable('notification_settings')
      .set({ whatsapp_number: null, whatsapp_verified: 0, whatsapp_code_hash: null, whatsapp_code_expires_at: null, updated_at: at })
      .where('user_id', '=', user.id)
      .compile(),
  )
}
