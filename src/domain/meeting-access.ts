import type { Meeting } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { DomainError } from './errors.ts'
import { type Actor, assertCan, can, NOT_FOUND } from './permissions.ts'

/** Whether a user is on a meeting's participant list. */
export async function isParticipant(deps: Pick<Deps, 'db'>, meetingId: string, userId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom('meeting_participants')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row !== undefined
}

/** A meeting the viewer may see (`meeting.view`), or a 404: outside one's view a meeting does not exist. */
export async function visibleMeeting(deps: Pick<Deps, 'db'>, viewer: Actor, id: string): Promise<Meeting> {
  const meeting = await deps.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst()
  if (!meeting) throw NOT_FOUND()
  // Organisers see it without being invited: ask the participant list only when that matters.
  const invited = !can(viewer, 'meeting.organise', meeting.scope_code) && (await isParticipant(deps, id, viewer.id))
  assertCan(viewer, 'meeting.view', { scope_code: meeting.scope_code, invited }, NOT_FOUND)
  return meeting
}

/** A meeting the viewer organises: 404 if it cannot see it, 403 if it only attends. */
export async function organisedMeeting(deps: Pick<Deps, 'db'>, viewer: Actor, id: string): Promise<Meeting> {
  const meeting = await visibleMeeting(deps, viewer, id)
  assertCan(viewer, 'meeting.organise', meeting.scope_code)
  return meeting
}

/** A meeting whose records (agenda, participants, attendance, minutes) may still change. */
export async function meetingWithOpenRecords(deps: Pick<Deps, 'db'>, viewer: Actor, id: string): Promise<Meeting> {
  const meeting = await organisedMeeting(deps, viewer, id)
  if (meeting.status === 'cancelled') throw new DomainError('conflict', 'meetingClosed')
  // Held: the minutes, attendance and agenda are the record of what happened; an admin reopens them.
  if (meeting.status === 'held') throw new DomainError('conflict', 'meetingLocked')
  return meeting
}
