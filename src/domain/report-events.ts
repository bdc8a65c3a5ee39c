import { chunks, jsonList } from '../db/chunks.ts'
import type { ReportEvent, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { compressedText, decompressedText } from './compressed-text.ts'

// Reports looked at per atomic unit (their ids are one bound parameter); each archived one is a row
// of five, so a multi-row insert of twenty stays within D1's hundred.
const REPORTS_PER_UNIT = 500
const ROWS_PER_INSERT = 20

/** An event as the archive body holds it: the report is the row's key. */
type ArchivedEvent = [
  ReportEvent['seq'],
  ReportEvent['id'],
  ReportEvent['type'],
  ReportEvent['status'],
  ReportEvent['note'],
  ReportEvent['author_id'],
  ReportEvent['created_at'],
]

/**
 * Moves the timelines of reports resolved before `before`, whose every event is older than it,
 * from `report_events` into `report_event_archive`: one compressed row per report, written in the
 * same atomic unit that removes its events, and audited. A report commented on since keeps its
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
    const archivable = [...timelines].filter(([, timeline]) =>
      timeline.every((event) => event.created_at < cutoff && event.seq !== newest.seq),
    )
    if (archivable.length === 0) continue
    const archivedAt = deps.clock().toISOString()
    const rows = await Promise.all(
      archivable.map(async ([reportId, timeline]) => ({
        report_id: reportId,
        last_seq: timeline.at(-1)!.seq,
        events: timeline.length,
        body: await compressedText(JSON.stringify(timeline.map(archivedEvent)), 'deflate-raw'),
        archived_at: archivedAt,
      })),
    )
    const moved = rows.reduce((sum, row) => sum + row.events, 0)
    await deps.atomic([
      ...chunks(rows, ROWS_PER_INSERT).map((part) => deps.db.insertInto('report_event_archive').values(part).compile()),
      // Only what the rows above hold: an event added meanwhile has a larger seq and stays.
      deps.db
        .deleteFrom('report_events')
        .where('report_id', 'in', jsonList(rows.map((row) => row.report_id)))
        .where((eb) =>
          eb(
            'seq',
            '<=',
            eb
              .selectFrom('report_event_archive')
              .select((inner) => inner.fn.max('last_seq').as('last_seq'))
              .whereRef('report_event_archive.report_id', '=', 'report_events.report_id'),
          ),
        )
        .compile(),
      auditStatement(deps.db, {
        at: archivedAt,
        actorId: null,
        action: 'timeline.archive',
        entityType: 'report_event_archive',
        entityId: null,
        // Which reports: the archive rows say, with the same time.
        after: { before: cutoff, reports: rows.length, events: moved },
      }),
    ])
    reports += rows.length
    events += moved
  }
}

/** The timeline events of `reportIds`, archived and live, in the order they were written. */
export async function reportEvents(deps: Pick<Deps, 'db'>, reportIds: readonly string[]): Promise<ReportEvent[]> {
  if (reportIds.length === 0) return []
  const ids = jsonList(reportIds)
  const [archived, live] = await Promise.all([
    deps.db.selectFrom('report_event_archive').select(['report_id', 'body']).where('report_id', 'in', ids).execute(),
    deps.db.selectFrom('report_events').selectAll().where('report_id', 'in', ids).orderBy('seq').execute(),
  ])
  if (archived.length === 0) return live
  const unpacked = await Promise.all(
    archived.map(async (row) =>
      (JSON.parse(await decompressedText(row.body, 'deflate-raw')) as ArchivedEvent[]).map((event) =>
        unarchivedEvent(row.report_id, event),
      ),
    ),
  )
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
