import type { AlertLevel } from '../db/schema.ts'
import { type Language, messagesFor } from '../i18n/index.ts'
import type { HotspotReason } from './hotspots.ts'
import { calendarDate } from './local-time.ts'

/** What a drafted agenda item was drawn from: enough to write its words in any language. */
export type AgendaDraft =
  | { kind: 'action'; description: string; due_date: string }
  | { kind: 'report'; level: AlertLevel; title: string; village: string }
  | { kind: 'hotspot'; village: string; reasons: HotspotReason[] }
  /** Open siaga/awas reports counted per district (or village), when there are too many to list. */
  | { kind: 'report_summary'; total: number; regions: { name: string; awas: number; siaga: number }[] }
  /** The hotspots beyond those listed one by one. */
  | { kind: 'hotspot_summary'; villages: string[] }

/** A drafted item's title and notes in `lang`. */
export function draftedWords(draft: AgendaDraft, lang: Language): { title: string; notes: string } {
  const t = messagesFor(lang)
  const words = t.agendaDraft
  if (draft.kind === 'action') return { title: words.followUp(draft.description), notes: words.due(calendarDate(draft.due_date, lang)) }
  if (draft.kind === 'report')
    return { title: `[${t.alertLevels[draft.level].toUpperCase()}] ${draft.title} (${draft.village})`, notes: '' }
  if (draft.kind === 'report_summary')
    return {
      title: words.openReports(draft.total),
      notes: draft.regions.map((region) => words.openReportsIn(region.name, region.awas, region.siaga)).join('; '),
    }
  if (draft.kind === 'hotspot_summary') return { title: words.moreHotspots(draft.villages.length), notes: draft.villages.join(', ') }
  const reasons = draft.reasons.map((reason) => (reason.kind === 'awas' ? words.awasRecently : words.aboveNormal(reason.above_normal_30d)))
  return { title: words.hotspot(draft.village), notes: reasons.join('; ') }
}

/**
 * The item's words for a reader of `lang`: the drafted words in that language while the stored
 * ones are still the Indonesian draft, else what the organisers wrote, as they wrote it.
 */
export function agendaWords(
  item: { title: string; notes: string; draft_json: string | null },
  lang: Language,
): { title: string; notes: string } {
  if (!item.draft_json || lang === 'id') return { title: item.title, notes: item.notes }
  const draft = JSON.parse(item.draft_json) as AgendaDraft
  const original = draftedWords(draft, 'id')
  if (original.title !== item.title || original.notes !== item.notes) return { title: item.title, notes: item.notes }
  return draftedWords(draft, lang)
}
