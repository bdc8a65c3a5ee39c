import type { AgendaItem, Meeting } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { alertRank } from './alert-levels.ts'
import { hotspotsIn } from './dashboard.ts'
import { reportRegionColumn } from './report-visibility.ts'

/** An agenda item before it has an id and position. */
export type DraftItem = Pick<AgendaItem, 'title' | 'notes' | 'report_id' | 'action_item_id' | 'hotspot_code'>

const LOOKBACK_WITHOUT_PREVIOUS_MS = 90 * 86_400_000

/**
 * The agenda drafted from the data, in Indonesian (the meeting's working language): open
 * siaga/awas reports in scope since the previous meeting of the scope, current hotspots, and
 * every open action item from earlier meetings of the scope.
 */
export async function draftAgenda(
  deps: Pick<Deps, 'db' | 'clock'>,
  meeting: Pick<Meeting, 'id' | 'scope_code' | 'starts_at'>,
): Promise<DraftItem[]> {
  const column = reportRegionColumn(meeting.scope_code)!
  const previous = await deps.db
    .selectFrom('meetings')
    .select('starts_at')
    .where('scope_code', '=', meeting.scope_code)
    .where('starts_at', '<', meeting.starts_at)
    .where('status', '!=', 'cancelled')
    .where('id', '!=', meeting.id)
    .orderBy('starts_at', 'desc')
    .executeTakeFirst()
  const since = previous?.starts_at ?? new Date(Date.parse(meeting.starts_at) - LOOKBACK_WITHOUT_PREVIOUS_MS).toISOString()

  const [reports, hotspots, actions] = await Promise.all([
    deps.db
      .selectFrom('reports')
      .innerJoin('regions', 'regions.code', 'reports.village_code')
      .select(['reports.id', 'reports.title', 'reports.alert_level', 'regions.name as village'])
      .where(column, '=', meeting.scope_code)
      .where('reports.alert_rank', '>=', alertRank('siaga'))
      .where('reports.status', '!=', 'resolved')
      .where('reports.occurred_at', '>=', since)
      .orderBy('reports.alert_rank', 'desc')
      .orderBy('reports.occurred_at')
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
  const none = { report_id: null, action_item_id: null, hotspot_code: null }
  return [
    ...actions.map((a) => ({ ...none, title: `Tindak lanjut: ${a.description}`, notes: `Batas waktu ${a.due_date}`, action_item_id: a.id })),
    ...reports.map((r) => ({ ...none, title: `[${r.alert_level.toUpperCase()}] ${r.title} (${r.village})`, notes: '', report_id: r.id })),
    ...hotspots.map((h) => ({
      ...none,
      title: `Titik rawan: ${h.village_name}`,
      notes: h.reasons.map((reason) => (reason.kind === 'awas' ? 'Ada laporan Awas dalam 30 hari terakhir' : `${reason.above_normal_30d} laporan di atas Normal dalam 30 hari`)).join('; '),
      hotspot_code: h.village_code,
    })),
  ]
}

/** The drafted items not on the agenda yet (redrafting adds, never duplicates or removes). */
export function newDraftItems(current: DraftItem[], drafted: DraftItem[]): DraftItem[] {
  const key = (item: DraftItem) => item.report_id ?? item.action_item_id ?? (item.hotspot_code && `hotspot:${item.hotspot_code}`)
  const present = new Set(current.map(key).filter(Boolean))
  return drafted.filter((item) => !present.has(key(item)))
}
