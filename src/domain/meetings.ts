import { type CompiledQuery, type SqlBool, sql } from 'kysely'
import type { Meeting } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import type { Language } from '../i18n/index.ts'
import { agendaInserts, draftAgenda } from './agenda.ts'
import { auditStatement, isGuardRefusal } from './audit.ts'
import { DomainError } from './errors.ts'
import { localDayEnd, localDayStart, parseLocalTime } from './local-time.ts'
import { organisedMeeting } from './meeting-access.ts'
import type { MeetingPatch, NewMeetingInput } from './meeting-input.ts'
import { defaultInvitees, participantInserts } from './meeting-participants.ts'
import { meetingNotification, participantIds } from './notification-events.ts'
import { type Actor, assertCan, organisedScope } from './permissions.ts'
import { inReaderLanguage } from './planned-words.ts'
import { timezoneOfCode } from './regions.ts'
import { scopeRange } from './scope.ts'

type MeetingDeps = WriteDeps

/** A time as entered: with an offset it is an instant; without, local time of the region. */
export function meetingTimeToUtc(value: string, scopeCode: string, field: 'starts_at' | 'ends_at'): string {
  const utc = parseLocalTime(value, timezoneOfCode(scopeCode))
  if (!utc) throw new DomainError('invalid', 'dateTimeFormat', field)
  return utc
}

export interface CreateOptions {
  plan?: { year: number; quarter: number }
  /** The start of an earlier meeting created at the same time (a planned year): its agenda's period begins there. */
  earlierStart?: string
}

/**
 * Creates a meeting with its default invitations and a drafted agenda, in one atomic unit.
 * `starts_at`/`ends_at` may be local time of the scope's zone.
 */
export async function createMeeting(
  deps: MeetingDeps,
  actor: Actor,
  input: NewMeetingInput,
  options: CreateOptions = {},
): Promise<Meeting> {
  assertCan(actor, 'meeting.organise', input.scope_code, () => new DomainError('forbidden', 'outsideScope', 'scope_code'))
  const startsAt = meetingTimeToUtc(input.starts_at, input.scope_code, 'starts_at')
  const endsAt = meetingTimeToUtc(input.ends_at, input.scope_code, 'ends_at')
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
  const [invitees, agenda] = await Promise.all([
    defaultInvitees(deps, input.scope_code, input.include_villages),
    draftAgenda(deps, meeting, options.earlierStart),
  ])
  await deps.atomic([
    deps.db.insertInto('meetings').values(meeting).compile(),
    ...participantInserts(
      deps,
      invitees.map((invitee) => ({ meeting_id: meeting.id, ...invitee })),
    ),
    ...agendaInserts(deps, meeting.id, agenda, 1),
    ...(await meetingNotification(
      deps,
      meeting,
      { kind: 'meeting.invited' },
      invitees.map((invitee) => invitee.user_id),
    )),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'meeting.create',
      entityType: 'meeting',
      entityId: meeting.id,
      after: { ...meeting, participants: invitees.length },
    }),
  ])
  return meeting
}

// Calendar clients re-read an event only when its SEQUENCE grows: these fields change what they show.
const SEQUENCED: (keyof Meeting)[] = ['title', 'starts_at', 'ends_at', 'venue', 'description', 'status', 'online_url']

/** Edits a scheduled meeting; a change that calendars show bumps `sequence`. */
export async function updateMeeting(deps: MeetingDeps, actor: Actor, id: string, patch: MeetingPatch): Promise<Meeting> {
  const before = await organisedMeeting(deps, actor, id)
  if (before.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  const after: Meeting = {
    ...before,
    ...(patch.title !== undefined && { title: patch.title }),
    ...(patch.venue !== undefined && { venue: patch.venue }),
    ...(patch.description !== undefined && { description: patch.description }),
    ...(patch.visibility !== undefined && { visibility: patch.visibility }),
    ...(patch.online_url !== undefined && { online_url: patch.online_url || null }),
    ...(patch.starts_at !== undefined && { starts_at: meetingTimeToUtc(patch.starts_at, before.scope_code, 'starts_at') }),
    ...(patch.ends_at !== undefined && { ends_at: meetingTimeToUtc(patch.ends_at, before.scope_code, 'ends_at') }),
  }
  if (after.ends_at <= after.starts_at) throw new DomainError('invalid', 'endsBeforeStart', 'ends_at')
  // Participants hear of a new time or place, not of a reworded description.
  const moved = MOVED.some((field) => before[field] !== after[field])
  const news = moved
    ? await meetingNotification(
        deps,
        { ...after, sequence: before.sequence + 1 },
        { kind: 'meeting.changed' },
        await participantIds(deps, id),
      )
    : []
  return saveMeeting(deps, actor, before, after, 'meeting.update', news)
}

const MOVED: (keyof Meeting)[] = ['starts_at', 'ends_at', 'venue', 'online_url']

/** Cancels a meeting with its reason; it stays (calendars must see the cancellation). */
export async function cancelMeeting(deps: MeetingDeps, actor: Actor, id: string, reason: string): Promise<Meeting> {
  const before = await organisedMeeting(deps, actor, id)
  if (before.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  const after: Meeting = { ...before, status: 'cancelled', cancel_reason: reason }
  const news = await meetingNotification(deps, after, { kind: 'meeting.cancelled', reason }, await participantIds(deps, id))
  return saveMeeting(deps, actor, before, after, 'meeting.cancel', news)
}

/** Writes a changed meeting with its audit entry, bumping the sequence where calendars care. */
export async function saveMeeting(
  deps: MeetingDeps,
  actor: Actor,
  before: Meeting,
  after: Meeting,
  action: string,
  extra: CompiledQuery[] = [],
  /** Why, kept in the audit entry (a reopening's reason). */
  reason?: string,
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
        { at: now, actorId: actor.id, action, entityType: 'meeting', entityId: id, before, after: reason ? { ...saved, reason } : saved },
        sql<SqlBool>`EXISTS (SELECT 1 FROM meetings WHERE id = ${id} AND updated_at = ${now} AND sequence = ${saved.sequence})`,
      ),
    ])
  } catch (error) {
    if (isGuardRefusal(error)) throw new DomainError('conflict', 'staleMeeting')
    throw error
  }
  return saved
}

/** The meetings a viewer can see (organised in its scope, or invited to), filtered by scope, local dates and status, soonest first. */
export async function listMeetings(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  filter: { scope?: string; from?: string; to?: string; status?: Meeting['status'] },
  lang: Language = 'id',
): Promise<Meeting[]> {
  const zone = timezoneOfCode(viewer.scope_code)
  const organised = organisedScope(viewer)
  const range = organised ? scopeRange(organised) : undefined
  const meetings = await deps.db
    .selectFrom('meetings')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(range ? [eb.and([eb('scope_code', '>=', range.from), eb('scope_code', '<', range.to)])] : []),
        eb('id', 'in', eb.selectFrom('meeting_participants').select('meeting_id').where('user_id', '=', viewer.id)),
      ]),
    )
    .$if(filter.scope !== undefined, (qb) => qb.where('scope_code', '=', filter.scope!))
    .$if(filter.from !== undefined, (qb) => qb.where('starts_at', '>=', localDayStart(filter.from!, zone).toISOString()))
    .$if(filter.to !== undefined, (qb) => qb.where('starts_at', '<', localDayEnd(filter.to!, zone).toISOString()))
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status!))
    .orderBy('starts_at')
    .limit(500)
    .execute()
  return inReaderLanguage(deps.db, meetings, lang)
}
