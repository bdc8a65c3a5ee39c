import type { ActionItem, Attendance, Meeting, Pillar, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { draftAgenda, newDraftItems } from './agenda.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { toLocalIso } from './local-time.ts'
import { isParticipant, organisedMeeting, visibleMeeting } from './meeting-access.ts'
import { agendaInserts, agendaOf, participantInserts, saveMeeting } from './meetings.ts'
import { timezoneOfCode } from './regions.ts'
import { visibleReport } from './reports.ts'
import { scopeContains, scopeRange } from './scope.ts'
import { PILLARS } from './user-input.ts'

type RecordDeps = Pick<Deps, 'db' | 'atomic' | 'clock'>

export interface ParticipantView {
  user_id: string
  name: string
  title_position: string | null
  pillar: Pillar
  region_code: string
  region_name: string
  attendance: Attendance
  representative: string | null
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

export interface UnitCoverage {
  region_code: string
  region_name: string
  covered: Record<Pillar, boolean>
  missing: Pillar[]
}

/** For every invited unit, which pillars were present or represented, and which were missing. */
export function pillarCoverage(participants: Pick<ParticipantView, 'region_code' | 'region_name' | 'pillar' | 'attendance'>[]): UnitCoverage[] {
  const units = new Map<string, UnitCoverage>()
  for (const p of participants) {
    const unit = units.get(p.region_code) ?? {
      region_code: p.region_code,
      region_name: p.region_name,
      covered: { government: false, military: false, police: false },
      missing: [],
    }
    if (p.attendance === 'present' || p.attendance === 'represented') unit.covered[p.pillar] = true
    units.set(p.region_code, unit)
  }
  return [...units.values()].map((unit) => ({ ...unit, missing: PILLARS.filter((pillar) => !unit.covered[pillar]) }))
}

function assertOpen(meeting: Meeting) {
  if (meeting.status === 'cancelled') throw new DomainError('conflict', 'meetingClosed')
}

/** Records attendance for listed participants; anyone not invited is refused, nothing written. */
export async function recordAttendance(
  deps: RecordDeps,
  actor: User,
  meetingId: string,
  items: { user_id: string; attendance: Attendance; representative?: string | null }[],
): Promise<void> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const invited = new Set(
    (await deps.db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).execute()).map((row) => row.user_id),
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
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'meeting.attendance', entityType: 'meeting', entityId: meetingId, after: items }),
  ])
}

/** Marks every participant of a unit (a district or village, and all below it) at once. */
export async function recordUnitAttendance(deps: RecordDeps, actor: User, meetingId: string, regionCode: string, attendance: Attendance): Promise<number> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
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
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'meeting.attendance_bulk', entityType: 'meeting', entityId: meetingId, after: { region_code: regionCode, attendance } }),
  ])
  return result!.changes
}

/** Invites one more person (organisers); an inactive or unknown user is refused. */
export async function addParticipant(deps: RecordDeps, actor: User, meetingId: string, userId: string): Promise<void> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const user = await deps.db.selectFrom('users').select(['id', 'scope_code', 'pillar']).where('id', '=', userId).where('active', '=', 1).executeTakeFirst()
  if (!user || !scopeContains(actor.scope_code, user.scope_code)) throw new DomainError('invalid', 'unknownParticipant', 'user_id')
  await deps.atomic([
    ...participantInserts(deps, meetingId, [{ user_id: user.id, region_code: user.scope_code, pillar: user.pillar }]),
    auditStatement(deps.db, { at: deps.clock().toISOString(), actorId: actor.id, action: 'meeting.invite', entityType: 'meeting', entityId: meetingId, after: { user_id: userId } }),
  ])
}

/** Removes a participant (organisers). */
export async function removeParticipant(deps: RecordDeps, actor: User, meetingId: string, userId: string): Promise<void> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const [result] = await deps.atomic([
    deps.db.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).where('user_id', '=', userId).compile(),
    auditStatement(deps.db, { at: deps.clock().toISOString(), actorId: actor.id, action: 'meeting.uninvite', entityType: 'meeting', entityId: meetingId, before: { user_id: userId } }),
  ])
  if (result!.changes === 0) throw new DomainError('not_found', 'notFound')
}

/** Replaces the agenda with the organisers' edited list (edit, reorder, add, remove in one). */
export async function replaceAgenda(
  deps: RecordDeps,
  actor: User,
  meetingId: string,
  items: { title: string; notes: string; report_id?: string | null }[],
): Promise<void> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const current = await agendaOf(deps, meetingId)
  for (const [i, item] of items.entries()) {
    if (!item.report_id) continue
    try {
      const report = await visibleReport(deps, actor, item.report_id)
      if (!scopeContains(meeting.scope_code, report.village_code)) throw new DomainError('not_found', 'notFound')
    } catch {
      throw new DomainError('invalid', 'notFound', `items.${i}.report_id`)
    }
  }
  const kept = items.map((item) => {
    // An item that keeps its report keeps where it came from.
    const origin = current.find((c) => item.report_id && c.report_id === item.report_id)
    return { title: item.title, notes: item.notes, report_id: item.report_id ?? null, action_item_id: origin?.action_item_id ?? null, hotspot_code: origin?.hotspot_code ?? null }
  })
  await deps.atomic([
    deps.db.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).compile(),
    ...agendaInserts(deps, meetingId, kept, 1),
    auditStatement(deps.db, { at: deps.clock().toISOString(), actorId: actor.id, action: 'meeting.agenda', entityType: 'meeting', entityId: meetingId, before: current, after: kept }),
  ])
}

/** Drafts the agenda again from the data, adding only what is not on it yet. */
export async function redraftAgenda(deps: RecordDeps, actor: User, meetingId: string): Promise<number> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const current = await agendaOf(deps, meetingId)
  const added = newDraftItems(current, await draftAgenda(deps, meeting))
  await deps.atomic([
    ...agendaInserts(deps, meetingId, added, current.length + 1),
    auditStatement(deps.db, { at: deps.clock().toISOString(), actorId: actor.id, action: 'meeting.agenda_draft', entityType: 'meeting', entityId: meetingId, after: added }),
  ])
  return added.length
}

/** Writes the minutes (notulen). */
export async function saveMinutes(deps: RecordDeps, actor: User, meetingId: string, minutes: { summary: string; decisions: string; text: string }): Promise<void> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  const now = deps.clock().toISOString()
  const row = { meeting_id: meetingId, ...minutes, updated_by: actor.id, updated_at: now }
  await deps.atomic([
    deps.db.insertInto('minutes').values(row).onConflict((oc) => oc.column('meeting_id').doUpdateSet({ ...minutes, updated_by: actor.id, updated_at: now })).compile(),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'meeting.minutes', entityType: 'meeting', entityId: meetingId, after: minutes }),
  ])
}

/** Marks a meeting held: only with minutes written and every participant's attendance recorded. */
export async function markHeld(deps: RecordDeps, actor: User, meetingId: string): Promise<Meeting> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  if (meeting.status !== 'scheduled') throw new DomainError('conflict', 'meetingClosed')
  const minutes = await deps.db.selectFrom('minutes').select('summary').where('meeting_id', '=', meetingId).executeTakeFirst()
  if (!minutes?.summary) throw new DomainError('invalid', 'heldNeedsMinutes', 'minutes')
  const unmarked = await deps.db
    .selectFrom('meeting_participants')
    .select('user_id')
    .where('meeting_id', '=', meetingId)
    .where('attendance', '=', 'unmarked')
    .limit(1)
    .executeTakeFirst()
  const anyone = await deps.db.selectFrom('meeting_participants').select('user_id').where('meeting_id', '=', meetingId).limit(1).executeTakeFirst()
  if (unmarked || !anyone) throw new DomainError('invalid', 'heldNeedsAttendance', 'attendance')
  return saveMeeting(deps, actor, meeting, { ...meeting, status: 'held' }, 'meeting.held')
}

/** An action item with its overdue flag (open and past its due date, local time). */
export function actionItemJson(item: ActionItem, now: Date) {
  const today = toLocalIso(now.toISOString(), timezoneOfCode(item.scope_code)).slice(0, 10)
  const { scope_code: _scope, ...rest } = item
  return { ...rest, overdue: item.status === 'open' && item.due_date < today }
}

/** Adds an action item to a meeting; a responsible user must be a participant. */
export async function addActionItem(
  deps: RecordDeps,
  actor: User,
  meetingId: string,
  input: { description: string; responsible_pillar: Pillar; responsible_user_id?: string | null; due_date: string; report_id?: string | null },
): Promise<ActionItem> {
  const meeting = await organisedMeeting(deps, actor, meetingId)
  assertOpen(meeting)
  if (input.responsible_user_id && !(await isParticipant(deps, meetingId, input.responsible_user_id)))
    throw new DomainError('invalid', 'unknownParticipant', 'responsible_user_id')
  if (input.report_id) await visibleReport(deps, actor, input.report_id).catch(() => {
    throw new DomainError('invalid', 'notFound', 'report_id')
  })
  const now = deps.clock().toISOString()
  const item: ActionItem = {
    id: crypto.randomUUID(),
    meeting_id: meetingId,
    scope_code: meeting.scope_code,
    description: input.description,
    responsible_pillar: input.responsible_pillar,
    responsible_user_id: input.responsible_user_id ?? null,
    due_date: input.due_date,
    status: 'open',
    report_id: input.report_id ?? null,
    created_at: now,
    updated_at: now,
  }
  await deps.atomic([
    deps.db.insertInto('action_items').values(item).compile(),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'action_item.create', entityType: 'action_item', entityId: item.id, after: item }),
  ])
  return item
}

/** Opens or closes an action item (organisers of its meeting's scope). */
export async function setActionItemStatus(deps: RecordDeps, actor: User, itemId: string, status: ActionItem['status']): Promise<ActionItem> {
  const item = await deps.db.selectFrom('action_items').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (!item) throw new DomainError('not_found', 'notFound')
  await organisedMeeting(deps, actor, item.meeting_id)
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db.updateTable('action_items').set({ status, updated_at: now }).where('id', '=', itemId).compile(),
    auditStatement(deps.db, { at: now, actorId: actor.id, action: 'action_item.status', entityType: 'action_item', entityId: itemId, before: { status: item.status }, after: { status } }),
  ])
  return { ...item, status, updated_at: now }
}

/** Everything the meeting page and `GET /api/v1/meetings/:id` show. */
export async function meetingDetail(deps: Pick<Deps, 'db' | 'clock'>, viewer: User, meetingId: string) {
  const meeting = await visibleMeeting(deps, viewer, meetingId)
  const [agenda, participants, minutes, actionItems] = await Promise.all([
    agendaOf(deps, meetingId),
    participantsOf(deps, meetingId),
    deps.db.selectFrom('minutes').select(['summary', 'decisions', 'text', 'updated_at']).where('meeting_id', '=', meetingId).executeTakeFirst(),
    deps.db.selectFrom('action_items').selectAll().where('meeting_id', '=', meetingId).orderBy('due_date').execute(),
  ])
  return {
    meeting,
    agenda,
    participants,
    minutes: minutes ?? null,
    action_items: actionItems.map((item) => actionItemJson(item, deps.clock())),
    pillar_coverage: pillarCoverage(participants),
  }
}

export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>
