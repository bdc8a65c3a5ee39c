import type { Meeting } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { Language } from '../i18n/index.ts'
import { agendaFor, meetingReaders } from './agenda-view.ts'
import { visibleMeeting } from './meeting-access.ts'
import { pillarCoverage } from './meeting-attendance.ts'
import { participantsOf } from './meeting-participants.ts'
import type { Actor } from './permissions.ts'
import { inReaderLanguage } from './planned-words.ts'
import { actionItemJson } from './views.ts'

/**
 * Everything the meeting page, `GET /api/v1/meetings/:id` and the minutes show. The agenda reads
 * as `viewer` may see it, or for the `whole` meeting (the printed minutes) as every participant may,
 * its drafted words in the reader's `lang`.
 */
export async function meetingDetail(
  deps: Pick<Deps, 'db' | 'clock'>,
  viewer: Actor,
  meetingId: string,
  { audience = 'viewer', lang = 'id' }: { audience?: 'viewer' | 'whole'; lang?: Language } = {},
) {
  const [meeting] = (await inReaderLanguage(deps.db, [await visibleMeeting(deps, viewer, meetingId)], lang)) as [Meeting]
  const readers = audience === 'whole' ? [viewer, ...(await meetingReaders(deps, meetingId))] : [viewer]
  const [agenda, participants, minutes, actionItems] = await Promise.all([
    agendaFor(deps, meetingId, readers, lang),
    participantsOf(deps, meetingId),
    deps.db
      .selectFrom('minutes')
      .select(['summary', 'decisions', 'text', 'document_number', 'chair_id', 'minute_taker_id', 'updated_at'])
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst(),
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
