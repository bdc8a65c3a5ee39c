import { sql } from 'kysely'
import { chunks, jsonList } from '../db/chunks.ts'
import type { ReportEvent, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { compressedText, decompressedText } from './compressed-text.ts'

// Reports looked at per atomic unit (their ids are one bound parameter), and archived per segment:
// a hundred reports' events compress to 40% less together than one by one, and a segment read for
// one report is still a few milliseconds of work.
const REPORTS_PER_UNIT = 500
const REPORTS_PER_SEGMENT = 100

/** An event as an archive body holds it: the report is the row's key, or the segment entry's. */
type ArchivedEvent = [
  ReportEvent['seq'],
  ReportEvent['id'],
  ReportEvent['type'],
  ReportEvent['status'],
  ReportEvent['note'],
  ReportEvent['author_id'],
  ReportEvent['created_at'],
]

/** A segment's body: each report's seq with its archived events. */
type SegmentBody = [number, ArchivedEvent[]][]

/**
 * Moves the timelines of reports resolved before `before`, whose every event is older than it,
 * from `report_events` into compressed segments of `report_event_segments`, written in the same
 * atomic unit that removes their events, and audited. A report commented on since keeps its
 * timeline live.
 * Returns how many reports and events were moved.
 */
export async function archiveTimelines(deps: WriteDeps, before: Date): Promise<{ reports: number; events: number }> {
  const cutoff = before.toISOString()
  let after = 0
  let reports = 0
  let events = 0
  for (;;) {
    const candidates = await deps.db
      .selectFrom('reports')
      .select(['id', 'seq'])
      .where('seq', '>', after)
      .where('status', '=', 'resolved')
      .where('updated_at', '<', cutoff)
      .where((eb) => eb.exists(eb.selectFrom('report_events').select('seq').whereRef('report_id', '=', 'reports.id')))
      .orderBy('seq')
      .limit(REPORTS_PER_UNIT)
      .execute()
    if (candidates.length === 0) return { reports, events }
    after = candidates.at(-1)!.seq
    const [live, newest] = await Promise.all([
      deps.db
        .selectFrom('report_events')
        .selectAll()
        .where('report_id', 'in', jsonList(candidates.map((report) => report.id)))
        .orderBy('seq')
        .execute(),
      deps.db
        .selectFrom('report_events')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .executeTakeFirstOrThrow(),
    ])
    // The table's newest event stays: SQLite numbers a new event one past the largest seq left,
    // and an archived seq must never be numbered again.
    const timelines = Map.groupBy(live, (event) => event.report_id)
    const archivable = candidates.flatMap((report) => {
      const timeline = timelines.get(report.id)
      return timeline?.every((event) => event.created_at < cutoff && event.seq !== newest.seq) ? [{ ...report, timeline }] : []
    })
    if (archivable.length === 0) continue
    const archivedAt = deps.clock().toISOString()
    const segments = await Promise.all(
      chunks(archivable, REPORTS_PER_SEGMENT).map(async (part) => ({
        part,
        body: await compressedText(
          JSON.stringify(part.map((report): SegmentBody[number] => [report.seq, report.timeline.map(archivedEvent)])),
          'deflate-raw',
        ),
      })),
    )
    const moved = archivable.reduce((sum, report) => sum + report.timeline.length, 0)
    await deps.atomic([
      ...segments.flatMap(({ part, body }) => [
        deps.db
          .insertInto('report_event_segments')
          .values({
            reports: part.length,
            events: part.reduce((sum, report) => sum + report.timeline.length, 0),
            body,
            archived_at: archivedAt,
          })
          .compile(),
        // The segment just written has the largest id: nothing else writes in between.
        sql`INSERT INTO report_event_segment_reports (report_seq, segment_id, last_seq)
          SELECT value ->> 0, (SELECT max(id) FROM report_event_segments), value ->> 1
          FROM json_each(${JSON.stringify(part.map((report) => [report.seq, report.timeline.at(-1)!.seq]))})`.compile(deps.db),
      ]),
      // Only what the segments above hold: an event added meanwhile has a larger seq and stays.
      deps.db
        .deleteFrom('report_events')
        .where('report_id', 'in', jsonList(archivable.map((report) => report.id)))
        .where((eb) =>
          eb(
            'seq',
            '<=',
            eb
              .selectFrom('report_event_segment_reports')
              .innerJoin('reports', 'reports.seq', 'report_event_segment_reports.report_seq')
              .select((inner) => inner.fn.max('report_event_segment_reports.last_seq').as('last_seq'))
              .whereRef('reports.id', '=', 'report_events.report_id'),
          ),
        )
        .compile(),
      auditStatement(deps.db, {
        at: archivedAt,
        actorId: null,
        action: 'timeline.archive',
        entityType: 'report_event_segments',
        entityId: null,
        // Which reports: the segments say, with the same time.
        after: { before: cutoff, reports: archivable.length, events: moved },
      }),
    ])
    reports += archivable.length
    events += moved
  }
}

/** The timeline events of `reportIds`, archived and live, in the order they were written. */
export async function reportEvents(deps: Pick<Deps, 'db'>, reportIds: readonly string[]): Promise<ReportEvent[]> {
  if (reportIds.length === 0) return []
  const ids = jsonList(reportIds)
  const [archived, segmented, live] = await Promise.all([
    deps.db.selectFrom('report_event_archive').select(['report_id', 'body']).where('report_id', 'in', ids).execute(),
    deps.db
      .selectFrom('reports')
      .innerJoin('report_event_segment_reports as held', 'held.report_seq', 'reports.seq')
      .innerJoin('report_event_segments as segment', 'segment.id', 'held.segment_id')
      .select(['reports.id as report_id', 'reports.seq as report_seq', 'segment.id', 'segment.body'])
      .where('reports.id', 'in', ids)
      .execute(),
    deps.db.selectFrom('report_events').selectAll().where('report_id', 'in', ids).orderBy('seq').execute(),
  ])
  if (archived.length === 0 && segmented.length === 0) return live
  const fromRows = archived.map(async (row) =>
    (JSON.parse(await decompressedText(row.body, 'deflate-raw')) as ArchivedEvent[]).map((event) => unarchivedEvent(row.report_id, event)),
  )
  // Each segment read once, however many of the reports it holds.
  const fromSegments = [...Map.groupBy(segmented, (row) => row.id).values()].map(async (rows) => {
    const wanted = new Map(rows.map((row) => [row.report_seq, row.report_id]))
    const body = JSON.parse(await decompressedText(rows[0]!.body, 'deflate-raw')) as SegmentBody
    return body.flatMap(([seq, events]) => {
      const reportId = wanted.get(seq)
      return reportId === undefined ? [] : events.map((event) => unarchivedEvent(reportId, event))
    })
  })
  const unpacked = await Promise.all([...fromRows, ...fromSegments])
  return [...unpacked.flat(), ...live].sort((a, b) => a.seq - b.seq)
}

/** The authors of `events`, by id: how each is known in the field. */
export async function eventAuthors(
  deps: Pick<Deps, 'db'>,
  events: readonly ReportEvent[],
): Promise<Map<string, Pick<User, 'id' | 'name' | 'pillar' | 'scope_code' | 'position' | 'role'>>> {
  if (events.length === 0) return new Map()
  const authors = await deps.db
    .selectFrom('users')
    .select(['id', 'name', 'pillar', 'scope_code', 'position', 'role'])
    .where('id', 'in', jsonList([...new Set(events.map((event) => event.author_id))]))
    .execute()
  return new Map(authors.map((author) => [author.id, author]))
}

function archivedEvent(event: ReportEvent): ArchivedEvent {
  return [event.seq, event.id, event.type, event.status, event.note, event.author_id, event.created_at]
}

function unarchivedEvent(report_id: string, [seq, id, type, status, note, author_id, created_at]: ArchivedEvent): ReportEvent {
  return { seq, id, report_id, type, status, note, author_id, created_at }
}
