import type { Attendance, Pillar } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { meetingWithOpenRecords } from './meeting-access.ts'
import type { ParticipantView } from './meeting-participants.ts'
import type { Actor } from './permissions.ts'
import { PILLARS } from './roles.ts'
import { scopeRange } from './scope.ts'

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

/** Records attendance for listed participants; anyone not invited is refused, nothing written. */
export async function recordAttendance(
  deps: AttendanceDeps,
  actor: Actor,
  meetingId: string,
  items: { user_id: string; attendance: Attendance; representative?: string | null }[],
): Promise<void> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  const invited = new Set(
    (await deps.db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).execute()).map(
      (row) => row.user_id,
    ),
  )
  const unknown = items.findIndex((item) => !invited.has(item.user_id))
  if (unknown !== -1) throw new DomainError('invalid', 'unknownParticipant', `items.${unknown}.user_id`)
  const now = deps.clock().toISOString()
  await deps.atomic([
    ...items.map((item) =>
      deps.db
        .updateTable('meeting_participants')
        .set({ attendance: item.attendance, representative: item.attendance === 'represented' ? (item.representative ?? null) : null })
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', item.user_id)
        .compile(),
    ),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'meeting.attendance',
      entityType: 'meeting',
      entityId: meetingId,
      after: items,
    }),
  ])
}

/** Marks every participant of a unit (a district or village, and all below it) at once. */
export async function recordUnitAttendance(
  deps: AttendanceDeps,
  actor: Actor,
  meetingId: string,
  regionCode: string,
  attendance: Attendance,
): Promise<number> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  const range = scopeRange(regionCode)
  const now = deps.clock().toISOString()
  const [result] = await deps.atomic([
    deps.db
      .updateTable('meeting_participants')
      .set({ attendance, representative: null })
      .where('meeting_id', '=', meetingId)
      .where('region_code', '>=', range.from)
      .where('region_code', '<', range.to)
      .compile(),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'meeting.attendance_bulk',
      entityType: 'meeting',
      entityId: meetingId,
      after: { region_code: regionCode, attendance },
    }),
  ])
  return result!.changes
}
