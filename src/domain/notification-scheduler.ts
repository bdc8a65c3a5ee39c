import { type CompiledQuery, sql } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import type { ActionItem, Meeting } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { silentVillages } from './dashboard.ts'
import { hotspotsIn } from './hotspots.ts'
import { localDate, localToUtc } from './local-time.ts'
import {
  meetingEventId,
  meetingNotification,
  overseersAt,
  participantIds,
  reportOverdueEventId,
  reportOverdueNotification,
} from './notification-events.ts'
import { notificationStatements } from './notify.ts'
import { reportRegionColumn } from './permissions.ts'
import { DEFAULT_NOTIFICATION_RULES } from './regency-settings.ts'
import { findRegion, levelOfCode, regencyOfCode, timezoneOfCode } from './regions.ts'
import type { OverseenColumn } from './report-indexes.ts'

// The time-based notifications: overdue acknowledgements, Rakor reminders, action items falling
// due, and the daily summary. Every event has an id made of what it is about, and every insert
// ignores what exists, so a pass that runs again, stops halfway or runs beside another sends
// nothing twice. Each query is served by an index (test/node/database.test.ts).

type SchedulerDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'readerDb'>

const HOUR = 3600_000
const DAY = 24 * HOUR
// An acknowledgement deadline is at most 30 days, so its second stage comes within 60 days of
// filing; reports older than that are past escalating.
const OVERDUE_WINDOW_MS = 60 * DAY
const SUMMARY_TIME = '07:00'
const REMINDER_TIME = '07:00'
// How many scopes get their daily summary per pass: each costs a few grouped queries.
const SUMMARIES_PER_PASS = 25

/** What one pass found and recorded. */
export interface ScheduleResult {
  overdue: number
  reminders: number
  action_items: number
  summaries: number
}

/**
 * The items whose event (`idOf`) is not recorded yet: a pass does the work of making statements
 * only for those, and `INSERT OR IGNORE` covers a pass running beside it.
 */
async function notYetRecorded<T>(deps: Pick<Deps, 'db'>, items: T[], idOf: (item: T) => string): Promise<T[]> {
  const found = new Set<string>()
  for (const slice of chunks(items.map(idOf), MAX_BOUND_PARAMETERS)) {
    const rows = await deps.db.selectFrom('notification_events').select('id').where('id', 'in', slice).execute()
    for (const row of rows) found.add(row.id)
  }
  return items.filter((item) => !found.has(idOf(item)))
}

const actionItemEventId = (itemId: string, stage: 'soon' | 'overdue') => `action_item.due:${itemId}:${stage}`
const summaryEventId = (scope: string, date: string) => `summary.daily:${scope}:${date}`

/** Runs each unit on its own: one report's escalation does not wait for, or fail with, another's. */
async function record(deps: SchedulerDeps, units: CompiledQuery[][]): Promise<number> {
  for (const unit of units) await deps.atomic(unit)
  return units.length
}

/** Stage 1 past the deadline, stage 2 past twice the deadline, once each. */
async function overdueReports(deps: SchedulerDeps, now: Date): Promise<number> {
  const at = now.toISOString()
  const rows = await deps.db
    .selectFrom('reports')
    .innerJoin('regions', 'regions.code', 'reports.village_code')
    .select([
      'reports.id',
      'reports.title',
      'reports.village_code',
      'regions.name as village_name',
      'reports.district_code',
      'reports.alert_level',
      'reports.restricted',
      'reports.reporter_id',
      'reports.ack_due_at',
      'reports.created_at',
      sql<number>`julianday(reports.ack_due_at) * 2 - julianday(reports.created_at) <= julianday(${at})`.as('second_due'),
    ])
    // Literal, not bound: only then may SQLite use the partial index (WHERE status = 'new').
    .where(sql<boolean>`reports.status = 'new'`)
    .where('reports.ack_due_at', '<=', at)
    .where('reports.ack_due_at', '>', new Date(now.getTime() - OVERDUE_WINDOW_MS).toISOString())
    .orderBy('reports.ack_due_at')
    .limit(200)
    .execute()
  const wanted = rows.flatMap((row) => [{ row, stage: 1 as const }, ...(row.second_due ? [{ row, stage: 2 as const }] : [])])
  const fresh = await notYetRecorded(deps, wanted, ({ row, stage }) => reportOverdueEventId(row.id, stage))
  return record(deps, await Promise.all(fresh.map(({ row, stage }) => reportOverdueNotification(deps, row, stage))))
}

/** Reminder stages of a meeting, and when each is due: H-3 and H-1 at 07:00 local, and hours before. */
export function reminderTimes(meeting: Pick<Meeting, 'starts_at' | 'scope_code'>, reminderHours: number): { stage: string; at: Date }[] {
  const zone = timezoneOfCode(meeting.scope_code)
  const day = localDate(meeting.starts_at, zone)
  const daysBefore = (n: number) => localDate(new Date(Date.parse(`${day}T12:00:00Z`) - n * DAY), 'Asia/Jakarta')
  const times = [
    { stage: 'h-3', at: new Date(localToUtc(daysBefore(3), REMINDER_TIME, zone)) },
    { stage: 'h-1', at: new Date(localToUtc(daysBefore(1), REMINDER_TIME, zone)) },
  ]
  if (reminderHours > 0) times.push({ stage: `${reminderHours}h`, at: new Date(Date.parse(meeting.starts_at) - reminderHours * HOUR) })
  return times
}

/** Reminders whose time has come, for meetings starting within four days. */
async function meetingReminders(deps: SchedulerDeps, now: Date): Promise<number> {
  const at = now.toISOString()
  const meetings = await deps.db
    .selectFrom('meetings')
    .selectAll()
    .where(sql<boolean>`status = 'scheduled'`)
    .where('starts_at', '>', at)
    .where('starts_at', '<=', new Date(now.getTime() + 4 * DAY).toISOString())
    .execute()
  if (meetings.length === 0) return 0
  const settings = await deps.db
    .selectFrom('regency_settings')
    .select(['regency_code', 'reminder_hours'])
    .where('regency_code', 'in', [...new Set(meetings.map((meeting) => regencyOfCode(meeting.scope_code)))])
    .execute()
  const hoursOf = (meeting: Meeting) =>
    settings.find((row) => row.regency_code === regencyOfCode(meeting.scope_code))?.reminder_hours ??
    DEFAULT_NOTIFICATION_RULES.reminder_hours
  const due = meetings.flatMap((meeting) =>
    reminderTimes(meeting, hoursOf(meeting))
      // Due, and due after the meeting existed: a Rakor made tomorrow gets no "three days left".
      .filter((time) => time.at <= now && time.at.toISOString() >= meeting.created_at)
      .map((time) => ({ meeting, news: { kind: 'meeting.reminder', stage: time.stage } as const })),
  )
  const fresh = await notYetRecorded(deps, due, ({ meeting, news }) => meetingEventId(meeting, news))
  const units = await Promise.all(
    fresh.map(async ({ meeting, news }) => meetingNotification(deps, meeting, news, await participantIds(deps, meeting.id))),
  )
  return record(deps, units)
}

/** Open action items due within three days (once) and overdue (once more), for who must act. */
async function actionItemsDue(deps: SchedulerDeps, now: Date): Promise<number> {
  // Dates are local; the widest zone (WIT) bounds the query, each item's own zone decides.
  const latest = localDate(new Date(now.getTime() + 3 * DAY), 'Asia/Jayapura')
  const earliest = localDate(new Date(now.getTime() - 30 * DAY), 'Asia/Jakarta')
  const items = await deps.db
    .selectFrom('action_items')
    .selectAll()
    .where(sql<boolean>`status = 'open'`)
    .where('due_date', '<=', latest)
    .where('due_date', '>=', earliest)
    .execute()
  const due = items.flatMap((item): { item: ActionItem; stage: 'soon' | 'overdue' }[] => {
    const zone = timezoneOfCode(item.scope_code)
    const today = localDate(now, zone)
    const soon = localDate(new Date(now.getTime() + 3 * DAY), zone)
    if (item.due_date < today) return [{ item, stage: 'overdue' }]
    return item.due_date <= soon ? [{ item, stage: 'soon' }] : []
  })
  const fresh = await notYetRecorded(deps, due, ({ item, stage }) => actionItemEventId(item.id, stage))
  const units = await Promise.all(
    fresh.map(async ({ item, stage }) => {
      const responsible = await deps.db
        .selectFrom('users')
        .select('id')
        .where('active', '=', 1)
        .$if(item.responsible_user_id !== null, (qb) => qb.where('id', '=', item.responsible_user_id!))
        .$if(item.responsible_user_id === null, (qb) =>
          qb.where('pillar', '=', item.responsible_pillar).where('scope_code', '=', item.scope_code),
        )
        .execute()
      return notificationStatements(
        deps,
        {
          id: actionItemEventId(item.id, stage),
          kind: 'action_item.due',
          regionCode: item.scope_code,
          subjectId: item.id,
          mandatory: false,
          restricted: false,
          params: { meeting_id: item.meeting_id, description: item.description, due_date: item.due_date, overdue: stage === 'overdue' },
        },
        responsible.map((user) => user.id),
      )
    }),
  )
  return record(deps, units)
}

/**
 * The summary of one district or regency for the 24 hours before 07:00 local today. Its counts
 * read the region's whole report history (a second at a million reports), so on Node they run on
 * a reader thread: the server keeps answering meanwhile.
 */
async function summaryOf(deps: SchedulerDeps, scope: string, date: string, now: Date) {
  const reader = { db: deps.readerDb ?? deps.db }
  const zone = timezoneOfCode(scope)
  // Summaries are a district's or a regency's (dailySummaries).
  const column = reportRegionColumn(scope) as OverseenColumn
  const to = localToUtc(date, SUMMARY_TIME, zone)
  const from = new Date(Date.parse(to) - DAY).toISOString()
  const [region, levels, overdue, silent, hotspots] = await Promise.all([
    findRegion(reader.db, scope),
    reader.db
      .selectFrom('reports')
      .select(['alert_level', (eb) => eb.fn.countAll<number>().as('n')])
      .where(column, '=', scope)
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .groupBy('alert_level')
      .execute(),
    reader.db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('regency_code', '=', regencyOfCode(scope))
      .where(column, '=', scope)
      .where('status', '=', 'new')
      .where('ack_due_at', '<=', now.toISOString())
      .executeTakeFirstOrThrow(),
    silentVillages(reader, scope, new Date(now.getTime() - 30 * DAY)),
    hotspotsIn(reader, column, scope, now),
  ])
  const count = (level: string) => Number(levels.find((row) => row.alert_level === level)?.n ?? 0)
  const counts = {
    total: levels.reduce((n, row) => n + Number(row.n), 0),
    awas: count('awas'),
    siaga: count('siaga'),
    waspada: count('waspada'),
    normal: count('normal'),
    overdue: Number(overdue.n),
    silent: silent.length,
  }
  return { region_name: region?.name ?? scope, date, counts, hotspots: hotspots.slice(0, 5).map((hotspot) => hotspot.village_name) }
}

/** The daily summary at 07:00 local for every district and regency with overseers, once a day. */
async function dailySummaries(deps: SchedulerDeps, now: Date): Promise<number> {
  const scopes = await deps.db
    .selectFrom('users')
    .select('scope_code')
    .distinct()
    .where('role', 'in', ['reviewer', 'admin'])
    .where('active', '=', 1)
    .execute()
  const due = scopes
    .map((row) => row.scope_code)
    .filter((scope) => levelOfCode(scope) === 'district' || levelOfCode(scope) === 'regency')
    .map((scope) => {
      const zone = timezoneOfCode(scope)
      const date = localDate(now, zone)
      return { scope, date, ready: now.toISOString() >= localToUtc(date, SUMMARY_TIME, zone) }
    })
    .filter((entry) => entry.ready)
  const fresh = (await notYetRecorded(deps, due, ({ scope, date }) => summaryEventId(scope, date))).slice(0, SUMMARIES_PER_PASS)
  const units = await Promise.all(
    fresh.map(async ({ scope, date }) => {
      const overseers = await overseersAt(deps, [scope])
      return notificationStatements(
        deps,
        {
          id: summaryEventId(scope, date),
          kind: 'summary.daily',
          regionCode: scope,
          subjectId: null,
          mandatory: false,
          restricted: false,
          params: await summaryOf(deps, scope, date, now),
        },
        overseers.map((user) => user.id),
      )
    }),
  )
  return record(deps, units)
}

/** One scheduler pass: everything time has made due since the last. */
export async function scheduleDue(deps: SchedulerDeps): Promise<ScheduleResult> {
  const now = deps.clock()
  return {
    overdue: await overdueReports(deps, now),
    reminders: await meetingReminders(deps, now),
    action_items: await actionItemsDue(deps, now),
    summaries: await dailySummaries(deps, now),
  }
}
