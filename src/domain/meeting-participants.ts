import { type CompiledQuery, type SqlBool, sql } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import type { Attendance, Pillar, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement, isGuardRefusal, writeAudited } from './audit.ts'
import { DomainError } from './errors.ts'
import { meetingWithOpenRecords } from './meeting-access.ts'
import { meetingNotification } from './notification-events.ts'
import { type Actor, can, NOT_FOUND } from './permissions.ts'
import { levelOfCode } from './regions.ts'
import { scopeRange } from './scope.ts'

type ParticipantDeps = WriteDeps

/** Someone invited, and the unit (village, district, regency) and pillar they stand for. */
export interface Invitee {
  user_id: string
  region_code: string
  pillar: Pillar
}

export interface ParticipantView {
  user_id: string
  name: string
  title_position: string | null
  /** Operators (admins) who did not come are left off the printed attendance list. */
  role: User['role']
  rank: string | null
  id_number: string | null
  pillar: Pillar
  region_code: string
  region_name: string
  attendance: Attendance
  representative: string | null
}

/**
 * Who a Rakor invites by default. A regency Rakor: the regency's reviewers and admins and the
 * three pillars of every district, optionally every village's too. A district Rakor: the
 * district's three pillars and those of every village in it.
 */
export async function defaultInvitees(deps: Pick<Deps, 'db'>, scopeCode: string, includeVillages: boolean): Promise<Invitee[]> {
  const range = scopeRange(scopeCode)
  const users = await deps.db
    .selectFrom('users')
    .select(['id', 'scope_code', 'pillar', 'role'])
    .where('scope_code', '>=', range.from)
    .where('scope_code', '<', range.to)
    .where('active', '=', 1)
    .orderBy('scope_code')
    .orderBy('pillar')
    .execute()
  const wanted = (user: (typeof users)[number]) => {
    const level = levelOfCode(user.scope_code)
    if (user.scope_code === scopeCode) return user.role !== 'reporter'
    if (levelOfCode(scopeCode) === 'regency') return level === 'district' || (includeVillages && level === 'village')
    return level === 'village'
  }
  return users.filter(wanted).map((user) => ({ user_id: user.id, region_code: user.scope_code, pillar: user.pillar }))
}

// Six columns a row: 16 rows fit a statement.
const PARTICIPANTS_PER_STATEMENT = Math.floor(MAX_BOUND_PARAMETERS / 6)

/** Insert statements for participants (of one meeting or several), chunked to D1's parameter limit. */
export function participantInserts(deps: Pick<Deps, 'db'>, rows: (Invitee & { meeting_id: string })[]): CompiledQuery[] {
  return chunks(rows, PARTICIPANTS_PER_STATEMENT).map((slice) =>
    deps.db
      .insertInto('meeting_participants')
      .values(slice.map((row) => ({ ...row, attendance: 'unmarked' as const, representative: null })))
      .onConflict((oc) => oc.doNothing())
      .compile(),
  )
}

/** A meeting's participants with names, grouped by unit (ordered by region code, then pillar). */
export function participantsOf(deps: Pick<Deps, 'db'>, meetingId: string): Promise<ParticipantView[]> {
  return deps.db
    .selectFrom('meeting_participants')
    .innerJoin('users', 'users.id', 'meeting_participants.user_id')
    .innerJoin('regions', 'regions.code', 'meeting_participants.region_code')
    .select([
      'meeting_participants.user_id',
      'users.name',
      'users.position as title_position',
      'users.role',
      'users.rank',
      'users.id_number',
      'meeting_participants.pillar',
      'meeting_participants.region_code',
      'regions.name as region_name',
      'meeting_participants.attendance',
      'meeting_participants.representative',
    ])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .orderBy('meeting_participants.region_code')
    .orderBy('meeting_participants.pillar')
    .orderBy('users.name')
    .execute()
}

/** Invites one more person (organisers); an inactive or unknown user, or one outside the organiser's scope, is refused. */
export async function addParticipant(deps: ParticipantDeps, actor: Actor, meetingId: string, userId: string): Promise<void> {
  const meeting = await meetingWithOpenRecords(deps, actor, meetingId)
  const user = await deps.db
    .selectFrom('users')
    .select(['id', 'scope_code', 'pillar'])
    .where('id', '=', userId)
    .where('active', '=', 1)
    .executeTakeFirst()
  if (!user || !can(actor, 'meeting.invite', user.scope_code)) throw new DomainError('invalid', 'unknownParticipant', 'user_id')
  const news = await meetingNotification(deps, meeting, { kind: 'meeting.invited' }, [user.id])
  await writeAudited(
    deps,
    actor,
    { action: 'meeting.invite', entityType: 'meeting', entityId: meetingId, after: { user_id: userId } },
    () => [
      ...participantInserts(deps, [{ meeting_id: meetingId, user_id: user.id, region_code: user.scope_code, pillar: user.pillar }]),
      ...news,
    ],
  )
}

/** Removes a participant (organisers). */
export async function removeParticipant(deps: ParticipantDeps, actor: Actor, meetingId: string, userId: string): Promise<void> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  const invited = sql<SqlBool>`EXISTS (SELECT 1 FROM meeting_participants WHERE meeting_id = ${meetingId} AND user_id = ${userId})`
  try {
    await deps.atomic([
      // Recorded only when there is someone to remove: a refused request writes nothing.
      auditStatement(
        deps.db,
        {
          at: deps.clock().toISOString(),
          actorId: actor.id,
          action: 'meeting.uninvite',
          entityType: 'meeting',
          entityId: meetingId,
          before: { user_id: userId },
        },
        invited,
      ),
      deps.db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('user_id', '=', userId).compile(),
    ])
  } catch (error) {
    if (isGuardRefusal(error)) throw NOT_FOUND()
    throw error
  }
}
