import type { Meeting } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { isParticipant, meetingWithOpenRecords, organisedMeeting } from './meeting-access.ts'
import type { MinutesInput } from './meeting-input.ts'
import { saveMeeting } from './meetings.ts'
import { type Actor, assertCan } from './permissions.ts'

type MinutesDeps = WriteDeps

/** Writes the minutes (notulen); the chair and the minute-taker must be participants. */
export async function saveMinutes(deps: MinutesDeps, actor: Actor, meetingId: string, minutes: MinutesInput): Promise<void> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  for (const field of ['chair_id', 'minute_taker_id'] as const) {
    const userId = minutes[field]
    if (userId && !(await isParticipant(deps, meetingId, userId))) throw new DomainError('invalid', 'unknownParticipant', field)
  }
  const now = deps.clock().toISOString()
  const row = { meeting_id: meetingId, ...minutes, updated_by: actor.id, updated_at: now }
  await deps.atomic([
    deps.db
      .insertInto('minutes')
      .values(row)
      .onConflict((oc) => oc.column('meeting_id').doUpdateSet({ ...minutes, updated_by: actor.id, updated_at: now }))
      .compile(),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'meeting.minutes',
      entityType: 'meeting',
      entityId: meetingId,
      after: minutes,
    }),
  ])
}

/** Marks a meeting held: only with minutes written and every participant's attendance recorded. */
export async function markHeld(deps: MinutesDeps, actor: Actor, meetingId: string): Promise<Meeting> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  if (meeting.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  const minutes = await deps.db.selectFrom('minutes').select('summary').where('meeting_id', '=', meetingId).executeTakeFirst()
  if (!minutes?.summary) throw new DomainError('invalid', 'heldNeedsMinutes', 'minutes')
  const participants = deps.db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).limit(1)
  const [unmarked, anyone] = await Promise.all([
    participants.where('attendance', '=', 'unmarked').executeTakeFirst(),
    participants.executeTakeFirst(),
  ])
  if (unmarked || !anyone) throw new DomainError('invalid', 'heldNeedsAttendance', 'attendance')
  return saveMeeting(deps, actor, meeting, { ...meeting, status: 'held' }, 'meeting.held')
}

/** Reopens a held meeting's records for correction: admins only, with the reason in the audit log. */
export async function reopenMeeting(deps: MinutesDeps, actor: Actor, meetingId: string, reason: string): Promise<Meeting> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertCan(actor, 'meeting.reopen', meeting.scope_code)
  if (meeting.status !== 'held') throw new DomainError('conflict', 'meetingClosed')
  return saveMeeting(deps, actor, meeting, { ...meeting, status: 'scheduled' }, 'meeting.reopen', [], reason)
}
