import type { Kysely } from 'kysely'
import type { Database, Meeting } from '../db/schema.ts'
import { type Language, messagesFor } from '../i18n/index.ts'
import { regionNames } from './regions.ts'

/** The title and description planning gives a quarterly Rakor, in `lang`. */
export function plannedWords(regionName: string, quarter: number, year: number, lang: Language): { title: string; description: string } {
  const words = messagesFor(lang).rakorPlan
  return { title: words.title(quarter, year, regionName), description: words.description }
}

/**
 * Meetings as a reader of `lang` sees them: a planned Rakor's drafted title and description in
 * that language while the organisers have not rewritten them (the stored Indonesian words are the
 * meeting's record); everything else as stored.
 */
export async function inReaderLanguage<M extends Meeting>(db: Kysely<Database>, meetings: M[], lang: Language): Promise<M[]> {
  const planned = meetings.filter((m) => m.plan_year !== null && m.plan_quarter !== null)
  if (lang === 'id' || planned.length === 0) return meetings
  const names = await regionNames(
    db,
    planned.map((m) => m.scope_code),
  )
  return meetings.map((meeting) => {
    const name = names.get(meeting.scope_code)
    if (meeting.plan_year === null || meeting.plan_quarter === null || name === undefined) return meeting
    const drafted = plannedWords(name, meeting.plan_quarter, meeting.plan_year, 'id')
    const read = plannedWords(name, meeting.plan_quarter, meeting.plan_year, lang)
    return {
      ...meeting,
      title: meeting.title === drafted.title ? read.title : meeting.title,
      description: meeting.description === drafted.description ? read.description : meeting.description,
    }
  })
}
