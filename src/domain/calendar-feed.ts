import ical, { ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { tzlib_get_ical_block } from 'timezones-ical-library'
import { compiledOnce } from '../db/compiled-once.ts'
import type { Meeting } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { codeWithAncestors, timezoneOfCode } from './regions.ts'
import { scopeRange } from './scope.ts'

const DAY = 86_400_000
// A cancelled meeting stays (as CANCELLED) for 30 days after its date so every client sees it.
const CANCELLED_KEPT_MS = 30 * DAY
// Feeds carry the past year and everything ahead.
const HISTORY_MS = 365 * DAY

/** What a feed holds, and the latest moment its content changed. */
export interface FeedContent {
  meetings: Meeting[]
  lastModified: Date
}

/**
 * The latest change of a feed: an edited meeting, or a cancelled one leaving it after its 30
 * days, whichever came last (so If-Modified-Since is honest even when only time passed).
 */
function feedContent(candidates: Meeting[], now: Date, includeCancelled: boolean): FeedContent {
  const historyStart = now.getTime() - HISTORY_MS
  const inFeed = (m: Meeting) =>
    Date.parse(m.starts_at) >= historyStart &&
    (m.status !== 'cancelled' || (includeCancelled && Date.parse(m.ends_at) + CANCELLED_KEPT_MS > now.getTime()))
  // When a meeting that is not in the feed left it: a year after it, or when it was cancelled
  // (or, where cancelled ones are shown, 30 days after its date).
  const leftAt = (m: Meeting) => {
    const cancelledLeft = includeCancelled ? Date.parse(m.ends_at) + CANCELLED_KEPT_MS : Date.parse(m.updated_at)
    return Math.min(Date.parse(m.starts_at) + HISTORY_MS, m.status === 'cancelled' ? cancelledLeft : Infinity)
  }
  const meetings = candidates.filter(inFeed).sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id.localeCompare(b.id))
  const changes = [
    0,
    ...meetings.map((m) => Date.parse(m.updated_at)),
    ...candidates
      .filter((m) => !inFeed(m))
      .map(leftAt)
      .filter((t) => t <= now.getTime()),
  ]
  // HTTP dates have whole seconds.
  return { meetings, lastModified: new Date(Math.floor(Math.max(...changes) / 1000) * 1000) }
}

/**
 * The public meetings of a region's feed: those whose scope is the region, one of its
 * ancestors, or one of its descendants (a village's feed carries its district's and
 * regency's Rakor; a regency's carries every district's).
 */
export async function regionFeed(deps: Pick<Deps, 'db' | 'clock'>, code: string, includeCancelled: boolean): Promise<FeedContent> {
  const ancestors = codeWithAncestors(code)
  const below = scopeRange(code)
  const candidates = await deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('visibility', '=', 'public')
    .where((eb) =>
      eb.or([eb('scope_code', 'in', ancestors), eb.and([eb('scope_code', '>=', below.from), eb('scope_code', '<', below.to)])]),
    )
    .execute()
  return feedContent(candidates, deps.clock(), includeCancelled)
}

/** Every meeting, public or internal, the user is invited to. */
export async function personalFeed(deps: Pick<Deps, 'db' | 'clock'>, userId: string): Promise<FeedContent> {
  const { rows } = await deps.db.executeQuery(invitedTo(deps.db, { userId }))
  return feedContent(rows, deps.clock(), true)
}

// Every poll of a personal feed, 304s included: compiled once; a subquery, not a join, which
// SQLite would compile again on every run (see sessionUser).
const invitedTo = compiledOnce((db, v: { userId: string }) =>
  db
    .selectFrom('meetings')
    .selectAll()
    .where('id', 'in', db.selectFrom('meeting_participants').select('meeting_id').where('user_id', '=', v.userId)),
)

export interface CalendarText {
  name: string
  description: string
  /** The app's origin, for links back to meetings. */
  origin: string
}

/** VTIMEZONE blocks from a bundled library: nothing is read from files at run time. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone)
  return Array.isArray(block) && block[0] ? block[0] : null
}

/** A feed as a response needs it: its key (for the ETag), how to render it, and its last change. */
export function calendarFeed(meetings: Meeting[], text: CalendarText, lastModified: Date) {
  return { key: feedKey(meetings, text), render: () => renderCalendar(meetings, text), lastModified }
}

// Bumped whenever renderCalendar renders differently, so a deployment's new bytes get new ETags.
const FEED_FORMAT = 1

/**
 * What a feed's bytes depend on, known before rendering: its words, and each meeting's id,
 * sequence, status and last change (every change to a meeting moves `updated_at`). Equal keys
 * render equal bytes, so the key gives the ETag, and a client that has them is answered 304
 * without rendering anything.
 */
function feedKey(meetings: Meeting[], text: CalendarText): string {
  return JSON.stringify([FEED_FORMAT, text, meetings.map((m) => [m.id, m.sequence, m.status, m.updated_at])])
}

/**
 * The iCalendar text of meetings, shaped for what Google, Outlook, Apple and Thunderbird
 * stumble on: stable UIDs, SEQUENCE and DTSTAMP from the meeting, local times with TZID and a
 * matching VTIMEZONE, no METHOD, no attendees, cancelled events marked in the summary too
 * (Outlook ignores STATUS). The same meetings always give the same bytes.
 */
function renderCalendar(meetings: Meeting[], text: CalendarText): string {
  const calendar = ical({
    name: text.name,
    description: text.description,
    prodId: { company: 'Tiga Pilar', product: 'tigapilar', language: 'ID' },
    // No calendar-wide zone: each event names its own, and DTSTAMP stays in UTC.
    timezone: { name: null, generator: vtimezone },
    ttl: 3600,
    url: text.origin,
  })
  for (const meeting of meetings) {
    const zone = timezoneOfCode(meeting.scope_code)
    const link = `${text.origin}/meetings/${meeting.id}`
    const cancelled = meeting.status === 'cancelled'
    const lines = [
      cancelled ? `DIBATALKAN: ${meeting.cancel_reason ?? ''}` : null,
      meeting.description || null,
      `Tempat: ${meeting.venue}`,
      meeting.online_url ? `Tautan daring: ${meeting.online_url}` : null,
      `Halaman rapat: ${link}`,
    ].filter((line): line is string => line !== null)
    const updated = DateTime.fromISO(meeting.updated_at, { zone: 'utc' })
    calendar.createEvent({
      id: `${meeting.id}@tigapilar`,
      sequence: meeting.sequence,
      stamp: updated,
      lastModified: updated,
      start: DateTime.fromISO(meeting.starts_at, { zone: 'utc' }).setZone(zone),
      end: DateTime.fromISO(meeting.ends_at, { zone: 'utc' }).setZone(zone),
      timezone: zone,
      summary: cancelled ? `DIBATALKAN: ${meeting.title}` : meeting.title,
      description: lines.join('\n'),
      location: meeting.venue,
      url: link,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    })
  }
  return calendar.toString()
}
