import type { CompiledQuery } from 'kysely'
import type { Meeting, Report, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { type NotificationEventInput, notificationStatements } from './notify.ts'
import { can } from './permissions.ts'
import type { NotificationRules } from './regency-settings.ts'
import { codeWithAncestors, findRegion, levelOfCode } from './regions.ts'
import { displayTitle } from './titles.ts'

// Who hears what, and what each message is made of. Every recipient of a report's news must be
// able to see the report (`report.view`): the one rule decides, here as everywhere.

type NotifyDeps = Pick<Deps, 'db' | 'clock'>
/** What report messages are made of: the report, and its village's name. */
type ReportFacts = Pick<
  Report,
  'id' | 'title' | 'village_code' | 'district_code' | 'alert_level' | 'restricted' | 'reporter_id' | 'ack_due_at' | 'created_at'
> & { village_name: string }

/** Active reviewers and admins of exactly these scopes. */
export function overseersAt(deps: Pick<Deps, 'db'>, scopes: string[]) {
  return deps.db
    .selectFrom('users')
    .select(['id', 'role', 'scope_code'])
    .where('scope_code', 'in', scopes)
    .where('role', 'in', ['reviewer', 'admin'])
    .where('active', '=', 1)
    .execute()
}

/** Active reviewers and admins whose scope contains the village, at the given levels, who may see the report. */
async function overseersOf(deps: Pick<Deps, 'db'>, report: ReportFacts, levels: ('district' | 'regency' | 'province')[]) {
  const scopes = codeWithAncestors(report.village_code).filter((code) => levels.includes(levelOfCode(code) as 'district'))
  const users = await overseersAt(deps, scopes)
  return users.filter((user) => can(user, 'report.view', report)).map((user) => user.id)
}

/** An event about a report, with the facts every report message is worded from. */
function reportEvent(
  report: ReportFacts,
  event: Pick<NotificationEventInput, 'id' | 'kind' | 'mandatory'> & { params?: Record<string, unknown> },
): NotificationEventInput {
  return {
    ...event,
    regionCode: report.village_code,
    subjectId: report.id,
    restricted: report.restricted === 1,
    params: {
      report_id: report.id,
      title: report.title,
      alert_level: report.alert_level,
      village_code: report.village_code,
      village_name: report.village_name,
      reporter_id: report.reporter_id,
      ...event.params,
    },
  }
}

/**
 * A filed report: `awas` to every overseer whose scope contains the village, at once and
 * mandatory; `siaga` to the district's overseers (and the regency's, where it says so); `waspada`
 * to the district's where the regency says so; every level to the regency's webhooks that asked.
 * The daily summary carries the rest to people.
 */
export async function reportFiledNotification(deps: NotifyDeps, report: ReportFacts, rules: NotificationRules): Promise<CompiledQuery[]> {
  const levels: ('district' | 'regency' | 'province')[] =
    report.alert_level === 'awas'
      ? ['district', 'regency', 'province']
      : report.alert_level === 'siaga'
        ? rules.siaga_to_regency
          ? ['district', 'regency']
          : ['district']
        : report.alert_level === 'waspada' && rules.waspada_to_district
          ? ['district']
          : []
  const recipients = levels.length ? await overseersOf(deps, report, levels) : []
  const event = reportEvent(report, {
    id: `report.filed:${report.id}`,
    kind: 'report.filed',
    mandatory: report.alert_level === 'awas',
  })
  return notificationStatements(deps, event, recipients)
}

/** The id of an overdue report's escalation stage: each is recorded once. */
export function reportOverdueEventId(reportId: string, stage: 1 | 2): string {
  return `report.overdue:${reportId}:${stage}`
}

/**
 * An acknowledgement overdue, stage 1 (past the deadline) or 2 (past twice the deadline): the
 * regency's overseers, and the district's again; mandatory.
 */
export async function reportOverdueNotification(deps: NotifyDeps, report: ReportFacts, stage: 1 | 2): Promise<CompiledQuery[]> {
  const event = reportEvent(report, {
    id: reportOverdueEventId(report.id, stage),
    kind: 'report.overdue',
    mandatory: true,
    params: { stage, ack_due_at: report.ack_due_at },
  })
  return notificationStatements(deps, event, await overseersOf(deps, report, ['district', 'regency']))
}

/**
 * A status change or comment: the reporter and the village's other pillars who may see the
 * report, told who did it by office ("Danramil Pesanggaran"); never the one who did it.
 */
export async function reportUpdatedNotification(
  deps: NotifyDeps,
  actor: User,
  report: ReportFacts,
  change: { eventId: string; type: 'status' | 'comment'; status: Report['status'] | null; note: string },
): Promise<CompiledQuery[]> {
  const [villagers, actorRegion] = await Promise.all([
    deps.db
      .selectFrom('users')
      .select(['id', 'role', 'scope_code'])
      .where('scope_code', '=', report.village_code)
      .where('active', '=', 1)
      .execute(),
    findRegion(deps.db, actor.scope_code),
  ])
  const recipients = villagers.filter((user) => user.id !== actor.id && can(user, 'report.view', report)).map((user) => user.id)
  const office = displayTitle(actor.pillar, levelOfCode(actor.scope_code), actor.position, actor.role)
  const event = reportEvent(report, {
    id: `report.updated:${change.eventId}`,
    kind: 'report.updated',
    mandatory: false,
    params: {
      change: change.type,
      status: change.status,
      note: change.note,
      actor_name: actor.name,
      actor_office: levelOfCode(actor.scope_code) === 'village' ? office : `${office} ${actorRegion?.name ?? ''}`.trim(),
    },
  })
  return notificationStatements(deps, event, recipients)
}

/** The facts every meeting message is worded from. */
function meetingParams(meeting: Meeting) {
  return {
    meeting_id: meeting.id,
    title: meeting.title,
    starts_at: meeting.starts_at,
    ends_at: meeting.ends_at,
    venue: meeting.venue,
    scope_code: meeting.scope_code,
  }
}

/** Everyone invited to a meeting, as user ids. */
export async function participantIds(deps: Pick<Deps, 'db'>, meetingId: string): Promise<string[]> {
  const rows = await deps.db
    .selectFrom('meeting_participants')
    .innerJoin('users', 'users.id', 'meeting_participants.user_id')
    .select('users.id')
    .where('meeting_participants.meeting_id', '=', meetingId)
    .where('users.active', '=', 1)
    .execute()
  return rows.map((row) => row.id)
}

/** What happened to a meeting, for its participants. */
export type MeetingNews =
  | { kind: 'meeting.invited' }
  | { kind: 'meeting.changed' }
  | { kind: 'meeting.cancelled'; reason: string }
  /** `h-3`, `h-1` (07:00 local, days before), or `2h` (hours before the start). */
  | { kind: 'meeting.reminder'; stage: string }

/**
 * A meeting event's id. A reminder is keyed by the start it announces: a meeting moved to
 * another day is reminded of anew; a change is keyed by the sequence that made it.
 */
export function meetingEventId(meeting: Pick<Meeting, 'id' | 'sequence' | 'starts_at'>, news: MeetingNews): string {
  if (news.kind === 'meeting.changed') return `${news.kind}:${meeting.id}:${meeting.sequence}`
  if (news.kind === 'meeting.reminder') return `${news.kind}:${meeting.id}:${news.stage}@${meeting.starts_at}`
  return `${news.kind}:${meeting.id}`
}

/**
 * A meeting's news for `recipients`: an invitation (one event per meeting, so people invited later
 * join it), a change of time or venue (one per sequence), a cancellation, or a reminder stage.
 */
export function meetingNotification(
  deps: NotifyDeps,
  meeting: Meeting,
  news: MeetingNews,
  recipients: readonly string[],
): Promise<CompiledQuery[]> {
  return notificationStatements(
    deps,
    {
      id: meetingEventId(meeting, news),
      kind: news.kind,
      regionCode: meeting.scope_code,
      subjectId: meeting.id,
      mandatory: false,
      restricted: false,
      params: {
        ...meetingParams(meeting),
        ...(news.kind === 'meeting.cancelled' && { reason: news.reason }),
        ...(news.kind === 'meeting.reminder' && { stage: news.stage }),
      },
    },
    recipients,
  )
}
