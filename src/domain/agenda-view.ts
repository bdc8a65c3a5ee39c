import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import type { AgendaItem } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { Language } from '../i18n/index.ts'
import { agendaOf } from './agenda.ts'
import { agendaWords } from './agenda-draft.ts'
import { type Actor, can, type ReportAccessFacts } from './permissions.ts'

// What an agenda shows about a report follows the report visibility rule, for every reader:
// - An item linked to a report shows its title and notes (copied from the report when the agenda
//   was drafted) only to readers who may see that report. Anyone else reads only that a report
//   from that village is on the agenda (`withheld_village`); title, notes and link are left out.
// - The printed minutes are read by the whole meeting, so they show a report's item in full only
//   when every participant may see the report (`agendaFor` with all participants as readers).
// - Hotspot and action-item items carry no report content (counts and the organisers' own
//   words), so they read the same to everyone.

/** An agenda item as its readers may see it. */
export interface AgendaItemView extends Omit<AgendaItem, 'title' | 'notes' | 'draft_json'> {
  /** Null when the item's report is withheld from a reader. */
  title: string | null
  notes: string | null
  /** The village of a report withheld from a reader; null for every item shown in full. */
  withheld_village: string | null
}

/** The agenda of a meeting as every one of `readers` may see it, drafted words in `lang`. */
export async function agendaFor(
  deps: Pick<Deps, 'db'>,
  meetingId: string,
  readers: Actor[],
  lang: Language = 'id',
): Promise<AgendaItemView[]> {
  const items = await agendaOf(deps, meetingId)
  const ids = [...new Set(items.flatMap((item) => (item.report_id ? [item.report_id] : [])))]
  const facts = new Map<string, ReportAccessFacts & { village_name: string }>()
  for (const slice of chunks(ids, MAX_BOUND_PARAMETERS)) {
    const rows = await deps.db
      .selectFrom('reports')
      .innerJoin('regions', 'regions.code', 'reports.village_code')
      .select(['reports.id', 'reports.village_code', 'reports.restricted', 'reports.reporter_id', 'regions.name as village_name'])
      .where('reports.id', 'in', slice)
      .execute()
    for (const row of rows) facts.set(row.id, row)
  }
  return items.map((item) => {
    const { draft_json: _draft, ...shown } = item
    const report = item.report_id ? facts.get(item.report_id) : undefined
    if (!report || readers.every((reader) => can(reader, 'report.view', report)))
      return { ...shown, ...agendaWords(item, lang), withheld_village: null }
    return { ...shown, title: null, notes: null, report_id: null, withheld_village: report.village_name }
  })
}

/** Everyone invited to a meeting, as readers of what the whole meeting sees. */
export function meetingReaders(deps: Pick<Deps, 'db'>, meetingId: string): Promise<Actor[]> {
  return deps.db
    .selectFrom('meeting_participants')
    .innerJoin('users', 'users.id', 'meeting_participants.user_id')
    .select(['users.id', 'users.role', 'users.scope_code'])
    .where('meeting_participants.meeting_id', '=', meetingId)
    .execute()
}
