import type { ActionItem, Pillar } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { isParticipant, meetingWithOpenRecords, organisedMeeting } from './meeting-access.ts'
import { type Actor, NOT_FOUND } from './permissions.ts'
import { visibleReport } from './reports.ts'

type ActionItemDeps = WriteDeps

/** Adds an action item to a meeting; a responsible user must be a participant. */
export async function addActionItem(
  deps: ActionItemDeps,
  actor: Actor,
  meetingId: string,
  input: {
    description: string
    responsible_pillar: Pillar
    responsible_user_id?: string | null
    due_date: string
    report_id?: string | null
  },
): Promise<ActionItem> {
  const meeting = await meetingWithOpenRecords(deps, actor, meetingId)
  if (input.responsible_user_id && !(await isParticipant(deps, meetingId, input.responsible_user_id)))
    throw new DomainError('invalid', 'unknownParticipant', 'responsible_user_id')
  if (input.report_id)
    await visibleReport(deps, actor, input.report_id).catch(() => {
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
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'action_item.create',
      entityType: 'action_item',
      entityId: item.id,
      after: item,
    }),
  ])
  return item
}

/** Opens or closes an action item (organisers of its meeting's scope). */
export async function setActionItemStatus(
  deps: ActionItemDeps,
  actor: Actor,
  itemId: string,
  status: ActionItem['status'],
): Promise<ActionItem> {
  const item = await deps.db.selectFrom('action_items').selectAll().where('id', '=', itemId).executeTakeFirst()
  if (!item) throw NOT_FOUND()
  await organisedMeeting(deps, actor, item.meeting_id)
  const now = deps.clock().toISOString()
  await deps.atomic([
    deps.db.updateTable('action_items').set({ status, updated_at: now }).where('id', '=', itemId).compile(),
    auditStatement(deps.db, {
      at: now,
      actorId: actor.id,
      action: 'action_item.status',
      entityType: 'action_item',
      entityId: itemId,
      before: { status: item.status },
      after: { status },
    }),
  ])
  return { ...item, status, updated_at: now }
}
