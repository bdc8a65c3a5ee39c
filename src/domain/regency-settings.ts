import type { Updateable } from 'kysely'
import { compiledOnce } from '../db/compiled-once.ts'
import { rememberedReads } from '../db/remembered-reads.ts'
import type { AlertLevel, RegencySetting, RegencySettingTable, Region } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { writeAudited } from './audit.ts'
import { DomainError } from './errors.ts'
import { imageType } from './image-type.ts'
import { type Actor, assertCan, NOT_FOUND } from './permissions.ts'
import { findRegion } from './regions.ts'

/**
 * A stored regency whose settings `actor` may read (`regency.read`) or change
 * (`regency.configure`): 404 for an unknown code, 422 for a region that is no regency, 403
 * outside the actor's reach. Every settings read and write starts here, before any write.
 */
export async function regencyFor(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  code: string,
  action: 'regency.read' | 'regency.configure',
): Promise<Region> {
  const region = await findRegion(deps.db, code)
  if (!region) throw NOT_FOUND()
  if (region.level !== 'regency') throw new DomainError('invalid', 'notRegency', 'regency')
  assertCan(actor, action, code)
  return region
}

/** Acknowledgement deadlines in hours, per alert level that needs one. */
export interface AckDeadlines {
  awas: number
  siaga: number
}

// Defaults of the early-warning issue: an awas report within 2 hours, siaga within a day.
export const DEFAULT_DEADLINES: AckDeadlines = { awas: 2, siaga: 24 }

/** A regency's settings row; none where nothing was ever set, and every setting is its default. */
// Read by every filing: compiled once, and remembered.
const settingsOf = compiledOnce((db, v: { regencyCode: string }) =>
  db.selectFrom('regency_settings').selectAll().where('regency_code', '=', v.regencyCode),
)

const rememberedSettings = rememberedReads<RegencySetting | undefined>(['regency_settings'])

function settingsRow(deps: Pick<Deps, 'db'>, regencyCode: string) {
  return rememberedSettings(deps.db, regencyCode, async () => (await deps.db.executeQuery(settingsOf(deps.db, { regencyCode }))).rows[0])
}

type SettingsRow = Awaited<ReturnType<typeof settingsRow>>

function deadlinesOf(row: SettingsRow): AckDeadlines {
  return row ? { awas: row.awas_ack_hours, siaga: row.siaga_ack_hours } : DEFAULT_DEADLINES
}

/** The regency's deadlines, or the defaults. */
export async function ackDeadlines(deps: Pick<Deps, 'db'>, regencyCode: string): Promise<AckDeadlines> {
  return deadlinesOf(await settingsRow(deps, regencyCode))
}

/** When a report of `level` filed at `filedAt` must be acknowledged, or null if never. */
export function ackDueAt(level: AlertLevel, filedAt: Date, deadlines: AckDeadlines): string | null {
  if (level !== 'awas' && level !== 'siaga') return null
  return new Date(filedAt.getTime() + deadlines[level] * 3600_000).toISOString()
}

/** Sets a regency's deadlines (admins of the regency). */
export async function setAckDeadlines(deps: WriteDeps, actor: Actor, regencyCode: string, deadlines: AckDeadlines): Promise<void> {
  await setRegencySettings(deps, actor, regencyCode, 'deadlines', deadlines, {
    awas_ack_hours: deadlines.awas,
    siaga_ack_hours: deadlines.siaga,
  })
}

/**
 * Changes some of a regency's settings row (admins of the regency), creating it with the default
 * deadlines if the regency has none yet; audited as `regency_settings.<what>`.
 */
async function setRegencySettings(
  deps: WriteDeps,
  actor: Actor,
  regencyCode: string,
  what: string,
  after: unknown,
  fields: Omit<Updateable<RegencySettingTable>, 'regency_code' | 'updated_at'>,
): Promise<void> {
  await regencyFor(deps, actor, regencyCode, 'regency.configure')
  const change = { action: `regency_settings.${what}`, entityType: 'regency', entityId: regencyCode, after }
  await writeAudited(deps, actor, change, (now) => {
    const changed = { ...fields, updated_at: now }
    return deps.db
      .insertInto('regency_settings')
      .values({ regency_code: regencyCode, awas_ack_hours: DEFAULT_DEADLINES.awas, siaga_ack_hours: DEFAULT_DEADLINES.siaga, ...changed })
      .onConflict((oc) => oc.column('regency_code').doUpdateSet(changed))
      .compile()
  })
}

/** The letterhead the regency's minutes carry (empty until an admin sets it). */
export interface Letterhead {
  office: string
  address: string
}

/** The logo beside the letterhead, as a `data:` URL the minutes embed; null when none. */
export type LetterheadLogo = string | null

export async function letterhead(deps: Pick<Deps, 'db'>, regencyCode: string): Promise<Letterhead & { logo: LetterheadLogo }> {
  const row = await deps.db
    .selectFrom('regency_settings')
    .select(['letterhead_office', 'letterhead_address', 'letterhead_logo', 'letterhead_logo_type'])
    .where('regency_code', '=', regencyCode)
    .executeTakeFirst()
  const logo = row?.letterhead_logo ? `data:${row.letterhead_logo_type};base64,${row.letterhead_logo}` : null
  return { office: row?.letterhead_office ?? '', address: row?.letterhead_address ?? '', logo }
}

/** The largest logo kept: a letterhead logo is a small image, and it travels inside every printed page. */
export const LOGO_MAX_BYTES = 256 * 1024

/** Sets the letterhead's logo, or removes it (`null`); the audit keeps its type and size, not the image. */
export async function setLetterheadLogo(deps: WriteDeps, actor: Actor, regencyCode: string, bytes: Uint8Array | null): Promise<void> {
  const type = bytes ? imageType(bytes) : ''
  if (bytes && !type) throw new DomainError('invalid', 'logoType', 'logo')
  if (bytes && bytes.length > LOGO_MAX_BYTES) throw new DomainError('invalid', 'logoTooLarge', 'logo')
  const base64 = bytes ? btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join('')) : ''
  const after = bytes ? { type, bytes: bytes.length } : { removed: true }
  await setRegencySettings(deps, actor, regencyCode, 'logo', after, { letterhead_logo: base64, letterhead_logo_type: type })
}

/**
 * Who hears what at once, as a regency tunes it above the defaults: the last Rakor reminder (hours
 * before the start, 0: none) and whether siaga filings reach the regency's overseers and waspada
 * ones the district's at once rather than in the daily summary. An awas filing reaches everyone
 * at once whatever is set: it is mandatory.
 */
export interface NotificationRules {
  reminder_hours: number
  siaga_to_regency: boolean
  waspada_to_district: boolean
}

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = { reminder_hours: 2, siaga_to_regency: false, waspada_to_district: false }

function rulesOf(row: SettingsRow): NotificationRules {
  if (!row) return DEFAULT_NOTIFICATION_RULES
  return {
    reminder_hours: row.reminder_hours,
    siaga_to_regency: row.siaga_to_regency === 1,
    waspada_to_district: row.waspada_to_district === 1,
  }
}

/** The regency's notification rules, or the defaults. */
export async function notificationRules(deps: Pick<Deps, 'db'>, regencyCode: string): Promise<NotificationRules> {
  return rulesOf(await settingsRow(deps, regencyCode))
}

/** What filing a report needs of its regency's settings, in one read: the deadlines, and who hears at once. */
export async function filingSettings(
  deps: Pick<Deps, 'db'>,
  regencyCode: string,
): Promise<{ deadlines: AckDeadlines; rules: NotificationRules }> {
  const row = await settingsRow(deps, regencyCode)
  return { deadlines: deadlinesOf(row), rules: rulesOf(row) }
}

/** Sets the regency's notification rules (admins of the regency). */
export async function setNotificationRules(deps: WriteDeps, actor: Actor, regencyCode: string, rules: NotificationRules): Promise<void> {
  await setRegencySettings(deps, actor, regencyCode, 'notification_rules', rules, {
    reminder_hours: rules.reminder_hours,
    siaga_to_regency: rules.siaga_to_regency ? 1 : 0,
    waspada_to_district: rules.waspada_to_district ? 1 : 0,
  })
}

/** Sets the letterhead (admins of the regency). */
export async function setLetterhead(deps: WriteDeps, actor: Actor, regencyCode: string, value: Letterhead): Promise<void> {
  await setRegencySettings(deps, actor, regencyCode, 'letterhead', value, {
    letterhead_office: value.office,
    letterhead_address: value.address,
  })
}
