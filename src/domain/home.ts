import { sql } from 'kysely'
import type { AlertLevel, ReportStatus, User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import { awaitingAcknowledgementIn } from './attention.ts'
import { can, reportRegionColumn } from './permissions.ts'
import { levelOfCode, regionNames } from './regions.ts'
import { eventAuthors, reportEvents } from './report-events.ts'
import { scopeRange } from './scope.ts'
import { displayTitle, positionTitle } from './titles.ts'

/** What needs this user, for the home page: each part only where the user's role has it. */
export interface HomeSummary {
  /** Reviewers: siaga/awas reports still unacknowledged in scope, and how many are past their deadline. */
  attention?: { waiting: number; overdue: number }
  /** Village users: their latest reports, each with who last moved it ("Danramil Pesanggaran"). */
  ownReports?: {
    id: string
    title: string
    alert_level: AlertLevel
    status: ReportStatus
    occurred_at: string
    handled_by: string | null
  }[]
  /** Open action items for the user's pillar (or the user) within the scope, soonest due first. */
  actionItems: { id: string; meeting_id: string; description: string; due_date: string }[]
  /** Admins: accounts in scope never used, or still on a temporary password. */
  idleAccounts?: { id: string; name: string; username: string; title: string; never_logged_in: boolean; temporary: boolean }[]
}

const LIMIT = 5

/** The home page's summary for `user`. */
export async function homeSummary(deps: Pick<Deps, 'db' | 'clock'>, user: User): Promise<HomeSummary> {
  const range = scopeRange(user.scope_code)
  const column = reportRegionColumn(user.scope_code)
  const reviews = column !== undefined && column !== 'reports.village_code' && can(user, 'report.review', user.scope_code)

  const [attention, ownReports, actionItems, idleAccounts] = await Promise.all([
    reviews
      ? deps.db
          .selectFrom('reports')
          .select([
            sql<number>`count(*)`.as('waiting'),
            sql<number>`coalesce(sum(ack_due_at <= ${deps.clock().toISOString()}), 0)`.as('overdue'),
          ])
          .where(awaitingAcknowledgementIn(column, user.scope_code))
          .executeTakeFirstOrThrow()
      : undefined,
    user.role === 'reporter' ? latestOwnReports(deps, user) : undefined,
    deps.db
      .selectFrom('action_items')
      .select(['id', 'meeting_id', 'description', 'due_date'])
      .where('status', '=', 'open')
      .where('scope_code', '>=', range.from)
      .where('scope_code', '<', range.to)
      .where((eb) => eb.or([eb('responsible_pillar', '=', user.pillar), eb('responsible_user_id', '=', user.id)]))
      .orderBy('due_date')
      .limit(LIMIT)
      .execute(),
    can(user, 'user.manage', user.scope_code)
      ? deps.db
          .selectFrom('users')
          .select(['id', 'name', 'username', 'role', 'pillar', 'scope_code', 'position', 'last_login_at', 'must_change_password'])
          .where('scope_code', '>=', range.from)
          .where('scope_code', '<', range.to)
          .where('active', '=', 1)
          .where((eb) => eb.or([eb('last_login_at', 'is', null), eb('must_change_password', '=', 1)]))
          .orderBy('name')
          .limit(20)
          .execute()
      : undefined,
  ])
  return {
    ...(attention ? { attention: { waiting: Number(attention.waiting), overdue: Number(attention.overdue) } } : {}),
    ...(ownReports ? { ownReports } : {}),
    actionItems,
    ...(idleAccounts
      ? {
          idleAccounts: idleAccounts.map((u) => ({
            id: u.id,
            name: u.name,
            username: u.username,
            title: displayTitle(u.pillar, levelOfCode(u.scope_code), u.position, u.role),
            never_logged_in: u.last_login_at === null,
            temporary: u.must_change_password === 1,
          })),
        }
      : {}),
  }
}

/** A reporter's latest reports, with the title and region of whoever last changed each one's status. */
async function latestOwnReports(deps: Pick<Deps, 'db'>, user: User): Promise<NonNullable<HomeSummary['ownReports']>> {
  const reports = await deps.db
    .selectFrom('reports')
    .select(['id', 'title', 'alert_level', 'status', 'occurred_at'])
    .where('village_code', '=', user.scope_code)
    .where('reporter_id', '=', user.id)
    .orderBy('occurred_at', 'desc')
    .limit(LIMIT)
    .execute()
  if (reports.length === 0) return []
  const changes = (
    await reportEvents(
      deps,
      reports.map((report) => report.id),
    )
  ).filter((event) => event.type === 'status')
  const authors = await eventAuthors(deps, changes)
  const lastChange = new Map(changes.map((change) => [change.report_id, authors.get(change.author_id)!]))
  const names = await regionNames(
    deps.db,
    [...authors.values()].map((author) => author.scope_code),
  )
  return reports.map((report) => {
    const change = lastChange.get(report.id)
    const handledBy = change
      ? `${positionTitle(change.pillar, levelOfCode(change.scope_code), change.position, change.role)} ${names.get(change.scope_code) ?? ''}`.trim()
      : null
    return { ...report, handled_by: handledBy }
  })
}
