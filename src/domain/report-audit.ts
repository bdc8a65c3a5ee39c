import type { AuditLog, ReportStatus } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { auditRow } from './audit.ts'
import { reportEvents } from './report-events.ts'

/** An audit entry as an inquiry reads it: a row of the audit log, or one made from a write's own record (no id). */
export type AuditEntry = Omit<AuditLog, 'id'> & { id: number | null }

/**
 * The audit entries of a report's filing, comments and status changes, made from the rows that
 * are their record: the report's row (who filed it and when; migration 0014's trigger keeps what
 * was filed), its photos, and its timeline (append-only: who, when, the new status, the note).
 * Until migration 0018, each of these facts was written into the audit log as well, which kept
 * every report twice over. `logged` are the entries the audit log holds about the report: a write
 * they record (one made before then) is not made again.
 */
export async function reportWriteEntries(deps: Pick<Deps, 'db'>, reportId: string, logged: readonly AuditEntry[]): Promise<AuditEntry[]> {
  const [report, photos, events] = await Promise.all([
    deps.db.selectFrom('reports').select(['reporter_id', 'created_at']).where('id', '=', reportId).executeTakeFirst(),
    deps.db
      .selectFrom('report_photos')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('report_id', '=', reportId)
      .groupBy('event_id')
      .execute(),
    reportEvents(deps, [reportId]),
  ])
  if (!report) return []
  const photosOf = (eventId: string | null) => Number(photos.find((row) => row.event_id === eventId)?.n ?? 0)
  const recordedEvents = new Set(logged.map((entry) => entry.after_json && (JSON.parse(entry.after_json) as { event?: string }).event))
  // As the log would hold it (`auditRow`): the fields that changed.
  const entry = (at: string, actorId: string, action: string, before: object | undefined, after: object): AuditEntry => ({
    id: null,
    ...auditRow({ at, actorId, action, entityType: 'report', entityId: reportId, before, after }),
  })

  const made: AuditEntry[] = []
  if (!logged.some((logEntry) => logEntry.action === 'report.file'))
    made.push(entry(report.created_at, report.reporter_id, 'report.file', undefined, { photos: photosOf(null) }))
  // A filed report is new at version 1; each status change moves it on by one, a comment does not.
  let status: ReportStatus = 'new'
  let version = 1
  for (const event of events) {
    const recorded = recordedEvents.has(event.id)
    if (event.type === 'comment') {
      if (!recorded)
        made.push(entry(event.created_at, event.author_id, 'report.comment', undefined, { event: event.id, photos: photosOf(event.id) }))
      continue
    }
    const after: { status: ReportStatus; version: number } = { status: event.status ?? status, version: version + 1 }
    if (!recorded) made.push(entry(event.created_at, event.author_id, 'report.status', { status, version }, { ...after, event: event.id }))
    ;({ status, version } = after)
  }
  return made
}
