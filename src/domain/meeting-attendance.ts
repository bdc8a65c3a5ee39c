import type { Attendance, Pillar } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { meetingWithOpenRecords } from './meeting-access.ts'
import type { ParticipantView } from './meeting-participants.ts'
import type { Actor } from './permissions.ts'
import { PILLARS } from './roles.ts'

type AttendanceDeps = WriteDeps

/** Whether a participant came, in person or through someone named. */
export function attended(attendance: Attendance): boolean {
  return attendance === 'present' || attendance === 'represented'
}

export interface UnitCoverage {
  region_code: string
  region_name: string
  covered: Record<Pillar, boolean>
  missing: Pillar[]
}

/** For every invited unit, which pillars were present or represented, and which were missing. */
export function pillarCoverage(
  participants: Pick<ParticipantView, 'region_code' | 'region_name' | 'pillar' | 'attendance'>[],
): UnitCoverage[] {
  const units = new Map<string, UnitCoverage>()
  for (const p of participants) {
    const unit = units.get(p.region_code) ?? {
      region_code: p.region_code,
      region_name: p.region_name,
      covered: { government: false, military: false, police: false },
      missing: [],
    }
    if (attended(p.attendance)) unit.covered[p.pillar] = true
    units.set(p.region_code, unit)
  }
  return [...units.values()].map((unit) => ({ ...unit, missing: PILLARS.filter((pillar) => !unit.covered[pillar]) }))
}

type AttendanceItem = { user_id: string; attendance: Attendance; representative?: string | null }

/** One unit's participants (those invited for exactly that region) marked alike. */
export interface UnitMark {
  region_code: string
  attendance: Attendance
}

/**
 * Records attendance for listed participants, and with `unit`, marks every participant of that
 * one unit alike (the meeting page's "Semua hadir" saves the rest of the form with it). Anyone
 * not invited is refused, nothing written. Returns how many participants the unit mark covered.
 */
export async function recordAttendance(
  deps: AttendanceDeps,
  actor: Actor,
  meetingId: string,
  items: AttendanceItem[],
  unit?: UnitMark,
): Promise<number> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  const invited = await deps.db
    .selectFrom('meeting_participants')
    .select(['user_id', 'region_code'])
    .where('meeting_id', '=', meetingId)
    .execute()
  const invitedIds = new Set(invited.map((row) => row.user_id))
  const unknown = items.findIndex((item) => !invitedIds.has(item.user_id))
  if (unknown !== -1) throw new DomainError('invalid', 'unknownParticipant', `items.${unknown}.user_id`)
  const marked = unit ? invited.filter((row) => row.region_code === unit.region_code).map((row) => row.user_id) : []
  if (unit && marked.length === 0) throw new DomainError('invalid', 'notFound', 'region_code')
  const byUser = new Map(items.map((item) => [item.user_id, item]))
  for (const userId of marked) byUser.set(userId, { user_id: userId, attendance: unit!.attendance, representative: null })
  const changes = [...byUser.values()]
  await deps.atomic([
    ...changes.map((item) =>
      deps.db
        .updateTable('meeting_participants')
        .set({ attendance: item.attendance, representative: item.attendance === 'represented' ? (item.representative ?? null) : null })
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', item.user_id)
        .compile(),
    ),
    auditStatement(deps.db, {
      at: deps.clock().toISOString(),
      actorId: actor.id,
      action: unit ? 'meeting.attendance_bulk' : 'meeting.attendance',
      entityType: 'meeting',
      entityId: meetingId,
      after: unit ? { unit, items: changes } : changes,
    }),
  ])
  return marked.length
}
