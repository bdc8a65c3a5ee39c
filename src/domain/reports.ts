import { sql } from 'kysely'
import { compiledOnce } from '../db/compiled-once.ts'
import { ConstraintViolation } from '../db/constraint-violation.ts'
import type { Report, ReportStatus, TimeZone, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { alertRank, canTransition } from './alert-levels.ts'
import { regencyCategories } from './categories.ts'
import { DomainError } from './errors.ts'
import { newId } from './ids.ts'
import { toLocalIso } from './local-time.ts'
import { reportFiledNotification, reportUpdatedNotification } from './notification-events.ts'
import { type Actor, assertCan, can, NOT_FOUND, reportsVisibleTo } from './permissions.ts'
import { ackDueAt, filingSettings } from './regency-settings.ts'
import { findRegion, levelOfCode, parentOfCode } from './regions.ts'
import { countFiled, countStatusChange } from './report-counts.ts'
import { eventAuthors, reportEvents } from './report-events.ts'
import type { NewReportInput, ReportEventInput } from './report-input.ts'
import { checkUploads, filingDigests, type PhotoDeps, type PhotoView, storedPhotos, uploadDigests } from './report-photos.ts'
import { displayTitle } from './titles.ts'

type ReportDeps = WriteDeps & PhotoDeps

/** A report with what the API and pages show beside it. */
export interface ReportRow extends Omit<Report, 'seq'> {
  reporter_name: string
  reporter_pillar: User['pillar']
  village_name: string
  timezone: TimeZone
}

/**
 * Reports joined with their reporter and village; the base of every report query. With `match`
 * (an FTS5 query of few matches), the search index is read first and each match looked up by
 * `seq`: SQLite keeps a CROSS JOIN's left table as the outer loop.
 */
export function reportsQuery(deps: Pick<Deps, 'db'>, match?: string) {
  const reports =
    match === undefined
      ? deps.db.selectFrom('reports')
      : // Typed as reports alone: nothing after this reads the index's columns.
        (deps.db
          .selectFrom('report_search')
          .crossJoin('reports')
          .where(sql<boolean>`report_search MATCH ${match}`)
          .whereRef('reports.seq', '=', 'report_search.rowid') as unknown as ReturnType<typeof deps.db.selectFrom<'reports'>>)
  return reports
    .innerJoin('users', 'users.id', 'reports.reporter_id')
    .innerJoin('regions', 'regions.code', 'reports.village_code')
    .selectAll('reports')
    .select([
      'users.name as reporter_name',
      'users.pillar as reporter_pillar',
      'regions.name as village_name',
      'regions.timezone as timezone',
    ])
}

/** A report the viewer may see, or a 404 refusal: outside one's view a report does not exist. */
export async function visibleReport(deps: Pick<Deps, 'db'>, viewer: Actor, id: string): Promise<ReportRow> {
  const row = await reportsQuery(deps).where('reports.id', '=', id).where(reportsVisibleTo(viewer)).executeTakeFirst()
  if (!row) throw NOT_FOUND()
  return row
}

// Every filing from the field carries a client_id (the outbox's idempotency key): compiled once.
const byClientId = compiledOnce((db, v: { reporterId: string; clientId: string }) =>
  reportsQuery({ db }).where('reports.reporter_id', '=', v.reporterId).where('reports.client_id', '=', v.clientId),
)

async function findByClientId(deps: Pick<Deps, 'db'>, reporterId: string, clientId: string) {
  const [row] = (await deps.db.executeQuery(byClientId(deps.db, { reporterId, clientId }))).rows
  return row
}

/**
 * Whether a retry carries the same report as the one stored under its `client_id`. An idempotency
 * key sent again with other content is a different report, never answered with the stored one.
 */
function sameFiling(stored: ReportRow, input: NewReportInput): boolean {
  return (
    stored.village_code === input.village_code &&
    stored.category === input.category &&
    stored.alert_level === input.alert_level &&
    stored.title === input.title &&
    stored.description === input.description &&
    Date.parse(stored.occurred_at) === Date.parse(input.occurred_at) &&
    stored.latitude === input.latitude &&
    stored.longitude === input.longitude &&
    stored.restricted === (input.restricted ? 1 : 0)
  )
}

/**
 * The stored report of a retry, or a refusal when the key was used for another report: other
 * fields, or other photos (compared by their digests, in order).
 */
async function retried(
  deps: Pick<Deps, 'db'>,
  stored: ReportRow,
  input: NewReportInput,
  photos: Uint8Array[],
): Promise<{ report: ReportRow; created: false }> {
  const [storedPhotos, sentPhotos] = await Promise.all([filingDigests(deps, stored.id), uploadDigests(photos)])
  if (!sameFiling(stored, input) || storedPhotos.join() !== sentPhotos.join())
    throw new DomainError('conflict', 'clientIdReused', 'client_id')
  return { report: stored, created: false }
}

// A report may be filed up to an hour ahead, for phones whose clocks run fast.
const FUTURE_TOLERANCE_MS = 3600_000

/**
 * Files a report for the reporter's own village, with up to four photos. With a `client_id`,
 * filing is idempotent: sending the same report (and photos) again returns the one stored
 * (`created: false`); sending another report with the same `client_id` is refused (409), never
 * answered with the stored one.
 */
export async function fileReport(
  deps: ReportDeps,
  reporter: User,
  input: NewReportInput,
  photos: Uint8Array[] = [],
): Promise<{ report: ReportRow; created: boolean }> {
  const ownVillage = can(reporter, 'report.file', reporter.scope_code)
  assertCan(
    reporter,
    'report.file',
    input.village_code,
    ownVillage ? () => new DomainError('forbidden', 'notOwnVillage', 'village_code') : undefined,
  )
  checkUploads(photos)
  if (input.client_id) {
    const existing = await findByClientId(deps, reporter.id, input.client_id)
    if (existing) return retried(deps, existing, input, photos)
  }
  const districtCode = parentOfCode(input.village_code)!
  const regencyCode = parentOfCode(districtCode)!
  const category = (await regencyCategories(deps, regencyCode, 'id')).find((c) => c.code === input.category)
  if (!category || category.retired) throw new DomainError('invalid', 'categoryUnknown', 'category')
  const now = deps.clock()
  if (Date.parse(input.occurred_at) > now.getTime() + FUTURE_TOLERANCE_MS)
    throw new DomainError('invalid', 'occurredInFuture', 'occurred_at')
  const village = await findRegion(deps.db, input.village_code)
  if (!village) throw new DomainError('invalid', 'regionUnknown', 'village_code')
  const settings = await filingSettings(deps, regencyCode)

  const id = newId()
  const report: Omit<Report, 'seq'> = {
    id,
    client_id: input.client_id,
    reporter_id: reporter.id,
    village_code: input.village_code,
    district_code: districtCode,
    regency_code: regencyCode,
    category: input.category,
    alert_level: input.alert_level,
    alert_rank: alertRank(input.alert_level),
    title: input.title,
    description: input.description,
    occurred_at: input.occurred_at,
    latitude: input.latitude,
    longitude: input.longitude,
    restricted: input.restricted ? 1 : 0,
    status: 'new',
    version: 1,
    ack_due_at: ackDueAt(input.alert_level, now, settings.deadlines),
    acknowledged_at: null,
    last_event_id: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  }
  const kept = await storedPhotos(deps, photos, { reportId: id, eventId: null, uploaderId: reporter.id, at: report.created_at })
  try {
    await deps.atomic([
      reportInsert(deps.db, report),
      ...countFiled(deps.db, report, village.timezone),
      ...kept.statements,
      // The report's alerts stand or fall with it.
      ...(await reportFiledNotification(deps, { ...report, village_name: village.name }, settings.rules)),
    ])
  } catch (error) {
    await kept.discard()
    // The same retry arriving twice at once: the UNIQUE (reporter, client_id) index decides.
    const raced = error instanceof ConstraintViolation && input.client_id && (await findByClientId(deps, reporter.id, input.client_id))
    if (raced) return retried(deps, raced, input, photos)
    throw error
  }
  // Everything the answer shows is at hand: no need to read the row back.
  const joined = { reporter_name: reporter.name, reporter_pillar: reporter.pillar, village_name: village.name, timezone: village.timezone }
  return { report: { ...report, ...joined }, created: true }
}

// Every column a filing writes from its values; \`seq\` is numbered in the same statement. A record,
// so that a column added to the table and not here fails to compile.
const FILED_COLUMNS = Object.keys({
  id: true,
  client_id: true,
  reporter_id: true,
  village_code: true,
  district_code: true,
  regency_code: true,
  category: true,
  alert_level: true,
  alert_rank: true,
  title: true,
  description: true,
  occurred_at: true,
  latitude: true,
  longitude: true,
  restricted: true,
  status: true,
  version: true,
  ack_due_at: true,
  acknowledged_at: true,
  last_event_id: true,
  created_at: true,
  updated_at: true,
} satisfies Record<keyof Omit<Report, 'seq'>, true>) as (keyof Omit<Report, 'seq'>)[]

const reportInsert = compiledOnce((db, v: Omit<Report, 'seq'>) =>
  db.insertInto('reports').values({
    ...(Object.fromEntries(FILED_COLUMNS.map((column) => [column, v[column]])) as Omit<Report, 'seq'>),
    // Filing order, in the INSERT itself: numbering it afterwards would write the row twice (migration 0016).
    seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM reports)`,
  }),
)

/** Whether a report still awaits acknowledgement, and whether its deadline has passed. */
export function attentionOf(report: Pick<Report, 'status' | 'ack_due_at'>, now: Date): 'needs_attention' | 'overdue' | null {
  if (report.status !== 'new' || report.ack_due_at === null) return null
  return report.ack_due_at < now.toISOString() ? 'overdue' : 'needs_attention'
}

export interface TimelineEntry {
  id: string
  type: 'comment' | 'status'
  status: ReportStatus | null
  note: string
  /** `title`: how the author is known in the field (Babinsa, Kapolsek Pesanggaran). */
  author: { id: string; name: string; pillar: User['pillar']; title: string }
  created_at: string
  /** Photos added with a comment. */
  photos: PhotoView[]
}

/** The report's comments and status changes, oldest first, each with its photos (from the report's `photos`). */
export async function reportTimeline(deps: Pick<Deps, 'db'>, report: ReportRow, photos: PhotoView[]): Promise<TimelineEntry[]> {
  const events = await reportEvents(deps, [report.id])
  const authors = await eventAuthors(deps, events)
  return events.map((event) => {
    // The users table keeps every account (accounts are deactivated, never deleted).
    const author = authors.get(event.author_id)!
    return {
      id: event.id,
      type: event.type,
      status: event.status,
      note: event.note,
      author: {
        id: author.id,
        name: author.name,
        pillar: author.pillar,
        title: displayTitle(author.pillar, levelOfCode(author.scope_code), author.position, author.role),
      },
      created_at: toLocalIso(event.created_at, report.timezone),
      photos: photos.filter((photo) => photo.event_id === event.id),
    }
  })
}

/**
 * Adds a comment, with up to four photos (anyone who sees the report), or a status change
 * (reviewers and admins in scope, from the version they saw: a stale version is a 409 and
 * changes nothing).
 */
export async function addReportEvent(
  deps: ReportDeps,
  viewer: User,
  reportId: string,
  input: ReportEventInput,
  photos: Uint8Array[] = [],
): Promise<void> {
  const report = await visibleReport(deps, viewer, reportId)
  checkUploads(photos)
  if (input.type === 'status' && photos.length > 0) throw new DomainError('invalid', 'photosOnComments', 'photos')
  // A comment may be photos alone.
  if (input.type === 'comment' && !input.note && photos.length === 0) throw new DomainError('invalid', 'required', 'note')
  const now = deps.clock().toISOString()
  const eventId = newId()

  if (input.type === 'comment') {
    const kept = await storedPhotos(deps, photos, { reportId: report.id, eventId, uploaderId: viewer.id, at: now })
    try {
      await deps.atomic([
        deps.db
          .insertInto('report_events')
          .values({
            id: eventId,
            report_id: report.id,
            type: 'comment',
            status: null,
            note: input.note,
            author_id: viewer.id,
            created_at: now,
          })
          .compile(),
        ...kept.statements,
        ...(await reportUpdatedNotification(deps, viewer, report, { eventId, type: 'comment', status: null, note: input.note })),
      ])
    } catch (error) {
      await kept.discard()
      throw error
    }
    return
  }
  assertCan(viewer, 'report.review', report.village_code)
  if (input.version !== report.version) throw new DomainError('conflict', 'staleVersion', 'version')
  if (!canTransition(report.status, input.status)) throw new DomainError('invalid', 'impossibleTransition', 'status')
  try {
    await deps.atomic([
      deps.db
        .updateTable('reports')
        .set({
          status: input.status,
          version: report.version + 1,
          last_event_id: eventId,
          updated_at: now,
          acknowledged_at: sql`COALESCE(acknowledged_at, ${now})`,
        })
        .where('id', '=', report.id)
        .where('version', '=', input.version)
        .compile(),
      // If another change won the race, the update above matched nothing, this subquery is
      // NULL, the NOT NULL report_id fails, and the whole unit is undone: a 409, no partial write.
      deps.db
        .insertInto('report_events')
        .values({
          id: eventId,
          report_id: sql<string>`(SELECT id FROM reports WHERE id = ${report.id} AND last_event_id = ${eventId})`,
          type: 'status',
          status: input.status,
          note: input.note,
          author_id: viewer.id,
          created_at: now,
        })
        .compile(),
      ...countStatusChange(deps.db, report, report.status, input.status),
      ...(await reportUpdatedNotification(deps, viewer, report, { eventId, type: 'status', status: input.status, note: input.note })),
    ])
  } catch (error) {
    if (error instanceof ConstraintViolation && error.on('report_events.report_id', 'not_null'))
      throw new DomainError('conflict', 'staleVersion', 'version')
    throw error
  }
}
