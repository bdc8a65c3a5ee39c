import { type CompiledQuery, type SqlBool, sql } from 'kysely'
import type { AgendaItem, Meeting, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { type DraftItem, draftAgenda } from './agenda.ts'
import { auditStatement, isGuardRefusal } from './audit.ts'
import { DomainError } from './errors.ts'
import { defaultInvitees, type Invitee } from './invitations.ts'
import { offsetHours, toLocalIso } from './local-time.ts'
import { assertCanOrganiseScope, organisedMeeting } from './meeting-access.ts'
import type { MeetingPatch, NewMeetingInput } from './meeting-input.ts'
import { timezoneOfCode } from './regions.ts'

type MeetingDeps = Pick<Deps, 'db' | 'atomic' | 'clock'>

/** The meeting JSON of the API contract: times in the region's own offset. */
export function meetingJson(meeting: Meeting) {
  const timezone = timezoneOfCode(meeting.scope_code)
  return {
    id: meeting.id,
    scope_code: meeting.scope_code,
    kind: meeting.kind,
    title: meeting.title,
    starts_at: toLocalIso(meeting.starts_at, timezone),
    ends_at: toLocalIso(meeting.ends_at, timezone),
    timezone,
    venue: meeting.venue,
    online_url: meeting.online_url,
    description: meeting.description,
    visibility: meeting.visibility,
    status: meeting.status,
    sequence: meeting.sequence,
    cancel_reason: meeting.cancel_reason,
    created_at: toLocalIso(meeting.created_at, timezone),
    updated_at: toLocalIso(meeting.updated_at, timezone),
  }
}

/** A time as entered: with an offset it is an instant; without, local time of the region. */
export function meetingTimeToUtc(value: string, scopeCode: string): string {
  const hasOffset = /(Z|[+-]\d{2}:\d{2})$/.test(value)
  const offset = `+${String(offsetHours(timezoneOfCode(scopeCode))).padStart(2, '0')}:00`
  const parsed = Date.parse(hasOffset ? value : `${value.length === 16 ? `${value}:00` : value}${offset}`)
  if (Number.isNaN(parsed)) throw new DomainError('invalid', 'dateTimeFormat', 'starts_at')
  return new Date(parsed).toISOString()
}

// D1 binds at most 100 parameters per statement.
const PARTICIPANTS_PER_STATEMENT = 16

/** Insert statements for participants, chunked to D1's parameter limit. */
export function participantInserts(deps: Pick<Deps, 'db'>, meetingId: string, invitees: Invitee[]): CompiledQuery[] {
  const statements: CompiledQuery[] = []
  for (let i = 0; i < invitees.length; i += PARTICIPANTS_PER_STATEMENT) {
    const rows = invitees.slice(i, i + PARTICIPANTS_PER_STATEMENT).map((invitee) => ({
      meeting_id: meetingId,
      ...invitee,
      attendance: 'unmarked' as const,
      representative: null,
    }))
    statements.push(deps.db.insertInto('meeting_participants').values(rows).onConflict((oc) => oc.doNothing()).compile())
  }
  return statements
}

/** Insert statements for agenda items, numbered from `firstPosition`. */
export function agendaInserts(deps: Pick<Deps, 'db'>, meetingId: string, items: DraftItem[], firstPosition: number): CompiledQuery[] {
  return items.map((item, i) =>
    deps.db
      .insertInto('agenda_items')
      .values({ id: crypto.randomUUID(), meeting_id: meetingId, position: firstPosition + i, ...item })
      .compile(),
  )
}

export interface CreateOptions {
  plan?: { year: number; quarter: number }
}

/**
 * Creates a meeting with its default invitations and a drafted agenda, in one atomic unit.
 * `starts_at`/`ends_at` may be local time of the scope's zone.
 */
export async function createMeeting(deps: MeetingDeps, actor: User, input: NewMeetingInput, options: CreateOptions = {}): Promise<Meeting> {
  assertCanOrganiseScope(actor, input.scope_code)
  const startsAt = meetingTimeToUtc(input.starts_at, input.scope_code)
  const endsAt = meetingTimeToUtc(input.ends_at, input.scope_code)
  if (endsAt <= startsAt) throw new DomainError('invalid', 'endsBeforeStart', 'ends_at')
  const now = deps.clock().toISOString()
  const meeting: Meeting = {
    id: crypto.randomUUID(),
    scope_code: input.scope_code,
    kind: input.kind,
    title: input.title,
    starts_at: startsAt,
    ends_at: endsAt,
    venue: input.venue,
    online_url: input.online_url || null,
    description: input.description,
    visibility: input.visibility,
    status: 'scheduled',
    sequence: 0,
    cancel_reason: null,
    plan_year: options.plan?.year ?? null,
    plan_quarter: options.plan?.quarter ?? null,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  }
  const [invitees, agenda] = await Promise.all([defaultInvitees(deps, input.scope_code, input.include_villages), draftAgenda(deps, meeting)])
  await deps.atomic([
    deps.db.insertInto('meetings').values(meeting).compile(),
    ...participantInserts(deps, meeting.id, invitees),
    ...agendaInserts(deps, meeting.id, agenda, 1),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'meeting.create', entityType: 'meeting', entityId: meeting.id, after: { ...meeting, participants: invitees.length } }),
  ])
  return meeting
}

// Calendar clients re-read an event only when its SEQUENCE grows: these fields change what they show.
const SEQUENCED: (keyof Meeting)[] = ['title', 'starts_at', 'ends_at', 'venue', 'description', 'status', 'online_url']

/** Edits a scheduled meeting; a change that calendars show bumps `sequence`. */
export async function updateMeeting(deps: MeetingDeps, actor: User, id: string, patch: MeetingPatch): Promise<Meeting> {
  const before = await organisedMeeting(deps, actor, id)
  if (before.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  const after: Meeting = {
    ...before,
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.venue !== undefined && { venue: patch.venue }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(patch.visibility !== undefined && { visibility: patch.visibility }),
    ...(patch.online_url !== undefined && { online_url: patch.online_url || null }),
    ...(patch.starts_at !== undefined && { starts_at: meetingTimeToUtc(patch.starts_at, before.scope_code) }),
    ...(patch.ends_at !== undefined && { ends_at: meetingTimeToUtc(patch.ends_at, before.scope_code) }),
  }
  if (after.ends_at <= after.starts_at) throw new DomainError('invalid', 'endsBeforeStart', 'ends_at')
  return saveMeeting(deps, actor, before, after, 'meeting.update')
}

/** Cancels a meeting with its reason; it stays (calendars must see the cancellation). */
export async function cancelMeeting(deps: MeetingDeps, actor: User, id: string, reason: string): Promise<Meeting> {
  const before = await organisedMeeting(deps, actor, id)
  if (before.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  return saveMeeting(deps, actor, before, { ...before, status: 'cancelled', cancel_reason: reason }, 'meeting.cancel')
}

/** Writes a changed meeting with its audit entry, bumping the sequence where calendars care. */
export async function saveMeeting(
  deps: MeetingDeps,
  actor: User,
  before: Meeting,
  after: Meeting,
  action: string,
  extra: CompiledQuery[] = [],
): Promise<Meeting> {
  const changed = SEQUENCED.some((field) => before[field] !== after[field])
  const now = deps.clock().toISOString()
  const saved: Meeting = { ...after, sequence: before.sequence + (changed ? 1 : 0), updated_at: now }
  const { id, created_at: _c, created_by: _b, ...fields } = saved
  try {
    await deps.atomic([
      // Only over the version the change was based on.
      deps.db.updateTable('meetings').set(fields).where('id', '=', id).where('updated_at', '=', before.updated_at).compile(),
      ...extra,
      auditStatement(
        deps.db,
        { at: now, actorId: actor.id, action, entityType: 'meeting', entityId: id, before, after: saved },
        sql<SqlBool>`EXISTS (SELECT 1 FROM meetings WHERE id = ${id} AND updated_at = ${now} AND sequence = ${saved.sequence})`,
      ),
    ])
  } catch (error) {
    if (isGuardRefusal(error)) throw new DomainError('conflict', 'staleVersion')
    throw error
  }
  return saved
}

/** The meetings a viewer can see, filtered by scope, local dates and status, soonest first. */
export async function listMeetings(
  deps: Pick<Deps, 'db'>,
  viewer: User,
  filter: { scope?: string; from?: string; to?: string; status?: Meeting['status'] },
): Promise<Meeting[]> {
  const offset = offsetHours(timezoneOfCode(viewer.scope_code)) * 3600_000
  const dayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - offset).toISOString()
  return deps.db
    .selectFrom('meetings')
    .selectAll()
    .where((eb) =>
      eb.or([
        // Organised within the viewer's scope…
        ...(viewer.role === 'reporter' ? [] : [eb.and([eb('scope_code', '>=', viewer.scope_code), eb('scope_code', '<', `${viewer.scope_code}/`)])]),
        // …or invited to.
        eb('id', 'in', eb.selectFrom('meeting_participants').select('meeting_id').where('user_id', '=', viewer.id)),
      ]),
    )
    .$if(filter.scope !== undefined, (qb) => qb.where('scope_code', '=', filter.scope!))
    .$if(filter.from !== undefined, (qb) => qb.where('starts_at', '>=', dayStart(filter.from!)))
    .$if(filter.to !== undefined, (qb) => qb.where('starts_at', '<', new Date(Date.parse(dayStart(filter.to!)) + 86_400_000).toISOString()))
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!))
    .orderBy('starts_at')
    .limit(500)
    .execute()
}

/** The agenda of a meeting, in order. */
export function agendaOf(deps: Pick<Deps, 'db'>, meetingId: string): Promise<AgendaItem[]> {
  return deps.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute()
}
