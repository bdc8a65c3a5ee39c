import { type CompiledQuery, sql } from 'kysely'
import type { AgendaItem, Meeting } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { type AgendaDraft, draftedWords } from './agenda-draft.ts'
import { openAlerts } from './attention.ts'
import { auditStatement } from './audit.ts'
import { DomainError } from './errors.ts'
import { type Hotspot, hotspotsIn } from './hotspots.ts'
import { meetingWithOpenRecords } from './meeting-access.ts'
import { type Actor, reportRegionColumn } from './permissions.ts'
import { type OverseenColumn, reportsThrough } from './report-indexes.ts'
import { visibleReport } from './reports.ts'
import { scopeContains } from './scope.ts'

// Every agenda operation: drafting from the data, the organisers' edits, redrafting.

type AgendaDeps = WriteDeps

/** An agenda item before it has an id and position. */
export type DraftItem = Pick<AgendaItem, 'title' | 'notes' | 'report_id' | 'action_item_id' | 'hotspot_code' | 'draft_json'>

/** An item drafted from `draft`: its Indonesian words (the meeting's record) and where they came from. */
function drafted(draft: AgendaDraft, origin: Partial<Pick<AgendaItem, 'report_id' | 'action_item_id' | 'hotspot_code'>>): DraftItem {
  return {
    report_id: null,
    action_item_id: null,
    hotspot_code: null,
    ...origin,
    ...draftedWords(draft, 'id'),
    draft_json: JSON.stringify(draft),
  }
}

/** An item as organisers write it. */
export interface EditedItem {
  title: string
  notes: string
  report_id?: string | null
}

/** One change from the meeting page: add an item, remove one, or move one up or down. */
export type AgendaEdit =
  | { op: 'add'; title: string; notes: string }
  | { op: 'remove'; index: number }
  | { op: 'up' | 'down'; index: number }

const LOOKBACK_WITHOUT_PREVIOUS_MS = 90 * 86_400_000
// A meeting reads an agenda, not a register: beyond these, reports are counted per district (or
// village) and hotspots named together in one item each; the listed ones are the most urgent.
const LISTED_REPORTS = 10
const LISTED_HOTSPOTS = 10

/** The agenda of a meeting, in order. */
export function agendaOf(deps: Pick<Deps, 'db'>, meetingId: string): Promise<AgendaItem[]> {
  return deps.db.selectFrom('agenda_items').selectAll().where('meeting_id', '=', meetingId).orderBy('position').execute()
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

/**
 * The agenda drafted from the data, in Indonesian (the meeting's working language): every open
 * action item from earlier meetings of the scope; open siaga/awas reports in scope since the
 * previous meeting of the scope (the ten most urgent, awas and oldest first, and when there are
 * more, their counts per district or village, restricted ones left out of the counts since the
 * whole meeting reads them); current hotspots (ten, and the rest named in one item).
 */
export async function draftAgenda(
  deps: Pick<Deps, 'db' | 'clock'>,
  meeting: Pick<Meeting, 'id' | 'scope_code' | 'starts_at'>,
  /** The start of an earlier meeting not yet stored (planned together with this one). */
  earlierStart?: string,
): Promise<DraftItem[]> {
  // A meeting is a regency's or a district's (meeting-input.ts).
  const column = reportRegionColumn(meeting.scope_code) as OverseenColumn
  const previous = await deps.db
    .selectFrom('meetings')
    .select('starts_at')
    .where('scope_code', '=', meeting.scope_code)
    .where('starts_at', '<', meeting.starts_at)
    .where('status', '!=', 'cancelled')
    .where('id', '!=', meeting.id)
    .orderBy('starts_at', 'desc')
    .executeTakeFirst()
  const latest = [previous?.starts_at, earlierStart].filter((start) => start !== undefined).sort()
  const since = latest.at(-1) ?? new Date(Date.parse(meeting.starts_at) - LOOKBACK_WITHOUT_PREVIOUS_MS).toISOString()

  const open = deps.db
    .selectFrom(reportsThrough('open_alerts', column))
    .where(column, '=', meeting.scope_code)
    // Through their own index: otherwise SQLite read every report of the period (1.7 s cold at the
    // busiest regency of 5,000,000; 50 ms warm).
    .where(openAlerts)
    .where('reports.occurred_at', '>=', since)
  const childColumn = column === 'reports.regency_code' ? 'reports.district_code' : 'reports.village_code'
  const [reports, perRegion, hotspots, actions] = await Promise.all([
    open
      .innerJoin('regions', 'regions.code', 'reports.village_code')
      .select(['reports.id', 'reports.title', 'reports.alert_level', 'regions.name as village'])
      .orderBy('reports.alert_rank', 'desc')
      .orderBy('reports.occurred_at')
      .limit(LISTED_REPORTS + 1)
      .execute(),
    open
      .innerJoin('regions', 'regions.code', childColumn)
      .select(['regions.name', sql<number>`SUM(reports.alert_rank = 3)`.as('awas'), sql<number>`SUM(reports.alert_rank = 2)`.as('siaga')])
      .where('reports.restricted', '=', 0)
      .groupBy('regions.code')
      .orderBy('regions.code')
      .execute(),
    hotspotsIn(deps, column, meeting.scope_code, deps.clock()),
    deps.db
      .selectFrom('action_items')
      .select(['id', 'description', 'due_date', 'responsible_pillar'])
      .where('scope_code', '=', meeting.scope_code)
      .where('status', '=', 'open')
      .where('meeting_id', '!=', meeting.id)
      .orderBy('due_date')
      .execute(),
  ])
  const counted = perRegion.map((row) => ({ name: row.name, awas: Number(row.awas), siaga: Number(row.siaga) }))
  const total = counted.reduce((sum, row) => sum + row.awas + row.siaga, 0)
  // Awas villages first, then the most reports above normal.
  const urgent = [...hotspots].sort((a, b) => urgency(b) - urgency(a))
  return [
    ...actions.map((a) => drafted({ kind: 'action', description: a.description, due_date: a.due_date }, { action_item_id: a.id })),
    ...(reports.length > LISTED_REPORTS ? [drafted({ kind: 'report_summary', total, regions: counted }, {})] : []),
    ...reports
      .slice(0, LISTED_REPORTS)
      .map((r) => drafted({ kind: 'report', level: r.alert_level, title: r.title, village: r.village }, { report_id: r.id })),
    ...urgent
      .slice(0, LISTED_HOTSPOTS)
      .map((h) => drafted({ kind: 'hotspot', village: h.village_name, reasons: h.reasons }, { hotspot_code: h.village_code })),
    ...(urgent.length > LISTED_HOTSPOTS
      ? [drafted({ kind: 'hotspot_summary', villages: urgent.slice(LISTED_HOTSPOTS).map((h) => h.village_name) }, {})]
      : []),
  ]
}

/** How urgent a hotspot is: an awas report outweighs any count above normal. */
function urgency(hotspot: Hotspot): number {
  return hotspot.reasons.reduce((score, reason) => score + (reason.kind === 'awas' ? 1000 : reason.above_normal_30d), 0)
}

/** What a drafted item stands for, so drafting again adds nothing twice (a summary is one item, whatever its counts). */
function draftKey(item: DraftItem): string | undefined {
  const id = item.report_id ?? item.action_item_id
  if (id) return id
  if (item.hotspot_code) return `hotspot:${item.hotspot_code}`
  const kind = item.draft_json ? (JSON.parse(item.draft_json) as AgendaDraft).kind : undefined
  return kind === 'report_summary' || kind === 'hotspot_summary' ? kind : undefined
}

/** The drafted items not on the agenda yet (redrafting adds, never duplicates or removes). */
export function newDraftItems(current: DraftItem[], drafted: DraftItem[]): DraftItem[] {
  const present = new Set(current.map(draftKey).filter(Boolean))
  return drafted.filter((item) => !present.has(draftKey(item)))
}

/** Replaces the agenda with the organisers' edited list (edit, reorder, add, remove in one). */
export async function replaceAgenda(deps: AgendaDeps, actor: Actor, meetingId: string, items: EditedItem[]): Promise<void> {
  const meeting = await meetingWithOpenRecords(deps, actor, meetingId)
  const current = await agendaOf(deps, meetingId)
  for (const [i, item] of items.entries()) {
    if (!item.report_id) continue
    const report = await visibleReport(deps, actor, item.report_id).catch(() => undefined)
    if (!report || !scopeContains(meeting.scope_code, report.village_code))
      throw new DomainError('invalid', 'notFound', `items.${i}.report_id`)
  }
  const kept = items.map((item) => {
    // An item keeps where it came from (its report, action item or hotspot): matched by its report,
    // else by its unchanged title, so drafting again after an edit adds nothing twice.
    const origin = item.report_id
      ? current.find((c) => c.report_id === item.report_id)
      : current.find((c) => !c.report_id && c.title === item.title)
    return {
      title: item.title,
      notes: item.notes,
      report_id: item.report_id ?? null,
      action_item_id: origin?.action_item_id ?? null,
      hotspot_code: origin?.hotspot_code ?? null,
      draft_json: origin?.draft_json ?? null,
    }
  })
  await deps.atomic([
    deps.db.deleteFrom('agenda_items').where('meeting_id', '=', meetingId).compile(),
    ...agendaInserts(deps, meetingId, kept, 1),
    auditStatement(deps.db, {
      at: deps.clock().toISOString(),
      actorId: actor.id,
      action: 'meeting.agenda',
      entityType: 'meeting',
      entityId: meetingId,
      before: current,
      after: kept,
    }),
  ])
}

/** Applies one edit from the meeting page to the current agenda. */
export async function editAgenda(deps: AgendaDeps, actor: Actor, meetingId: string, edit: AgendaEdit): Promise<void> {
  await meetingWithOpenRecords(deps, actor, meetingId)
  const items: EditedItem[] = (await agendaOf(deps, meetingId)).map(({ title, notes, report_id }) => ({ title, notes, report_id }))
  if (edit.op === 'add') items.push({ title: edit.title, notes: edit.notes, report_id: null })
  else if (!items[edit.index]) throw new DomainError('invalid', 'invalidValue', 'op')
  else if (edit.op === 'remove') items.splice(edit.index, 1)
  else {
    const other = edit.op === 'up' ? edit.index - 1 : edit.index + 1
    if (items[other]) [items[edit.index], items[other]] = [items[other]!, items[edit.index]!]
  }
  await replaceAgenda(deps, actor, meetingId, items)
}

/** Drafts the agenda again from the data, adding only what is not on it yet. */
export async function redraftAgenda(deps: AgendaDeps, actor: Actor, meetingId: string): Promise<number> {
  const meeting = await meetingWithOpenRecords(deps, actor, meetingId)
  const current = await agendaOf(deps, meetingId)
  const added = newDraftItems(current, await draftAgenda(deps, meeting))
  await deps.atomic([
    ...agendaInserts(deps, meetingId, added, current.length + 1),
    auditStatement(deps.db, {
      at: deps.clock().toISOString(),
      actorId: actor.id,
      action: 'meeting.agenda_draft',
      entityType: 'meeting',
      entityId: meetingId,
      after: added,
    }),
  ])
  return added.length
}
