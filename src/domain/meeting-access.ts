import type { Meeting, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { DomainError } from './errors.ts'
import { levelOfCode } from './regions.ts'
import { assertInScope, scopeContains } from './scope.ts'

/**
 * Who may see and who may organise a meeting, the one place this is written: reviewers and
 * admins whose scope contains the meeting's organise it (and see it); everyone invited sees it.
 */
export function canOrganise(viewer: User, meeting: Pick<Meeting, 'scope_code'>): boolean {
  return viewer.role !== 'reporter' && scopeContains(viewer.scope_code, meeting.scope_code)
}

/** A meeting the viewer may see, or a 404: outside one's view a meeting does not exist. */
export async function visibleMeeting(deps: Pick<Deps, 'db'>, viewer: User, id: string): Promise<Meeting> {
  const meeting = await deps.db.selectFrom('meetings').selectAll().where('id', '=', id).executeTakeFirst()
  if (meeting && (canOrganise(viewer, meeting) || (await isParticipant(deps, id, viewer.id)))) return meeting
  throw new DomainError('not_found', 'notFound')
}

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

/** A meeting the viewer organises: 404 if it cannot see it, 403 if it only attends. */
export async function organisedMeeting(deps: Pick<Deps, 'db'>, viewer: User, id: string): Promise<Meeting> {
  const meeting = await visibleMeeting(deps, viewer, id)
  if (!canOrganise(viewer, meeting)) throw new DomainError('forbidden', 'forbidden')
  return meeting
}

/** Refuses a scope that is no Rakor scope (a regency or a district) or lies outside the viewer's. */
export function assertCanOrganiseScope(viewer: User, scopeCode: string): void {
  if (viewer.role === 'reporter') throw new DomainError('forbidden', 'forbidden')
  const level = levelOfCode(scopeCode)
  if (level !== 'regency' && level !== 'district') throw new DomainError('invalid', 'meetingScope', 'scope_code')
  assertInScope(viewer, scopeCode)
}
