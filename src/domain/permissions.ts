import type { Expression, ExpressionBuilder, SqlBool } from 'kysely'
import type { Database, Meeting, Report, User } from '../db/schema.ts'
import { DomainError } from './errors.ts'
import { levelOfCode, regencyOfCode } from './regions.ts'
import { scopeContains } from './scope.ts'

/** Who is asking: enough of a user to decide what it may do. */
export type Actor = Pick<User, 'id' | 'role' | 'scope_code'>

/** Village pillars (Kepala Desa/Lurah, Babinsa, Bhabinkamtibmas) work in one village. */
function isVillageUser(actor: Actor): boolean {
  return levelOfCode(actor.scope_code) === 'village'
}

/** Reviewers and admins oversee a district or regency: they review reports and organise Rakor. */
function isOverseer(actor: Actor): boolean {
  return actor.role === 'reviewer' || actor.role === 'admin'
}

/** Regency settings exist only for regencies. */
function isRegency(code: string): boolean {
  return levelOfCode(code) === 'regency'
}

/** What a report's visibility depends on. */
export type ReportAccessFacts = Pick<Report, 'village_code' | 'restricted' | 'reporter_id'>

/**
 * Every "may this actor do this to that?", one rule per action, all built on the one scope
 * rule (`scopeContains`). A new permission is one row here and one row in the test table.
 */
const RULES = {
  /** File an early-warning report: a village's own pillars, for that village only. */
  'report.file': (actor: Actor, villageCode: string) => isVillageUser(actor) && actor.scope_code === villageCode,
  /**
   * See a report: a village's pillars see its unrestricted reports and their own restricted
   * ones; reviewers and admins see every report within their scope. (`reportsVisibleTo` is
   * the same rule as SQL.)
   */
  'report.view': (actor: Actor, report: ReportAccessFacts) =>
    isOverseer(actor)
      ? scopeContains(actor.scope_code, report.village_code)
      : actor.scope_code === report.village_code && (report.restricted === 0 || report.reporter_id === actor.id),
  /** Acknowledge and move reports of a region through the workflow, and read its dashboard. */
  'report.review': (actor: Actor, regionCode: string) => isOverseer(actor) && scopeContains(actor.scope_code, regionCode),
  /** Narrow a list, an export or a filter to a region: anywhere within one's scope. */
  'region.view': (actor: Actor, regionCode: string) => scopeContains(actor.scope_code, regionCode),
  /** Create, change, deactivate and reset accounts whose scope lies within one's own. */
  'user.manage': (actor: Actor, scopeCode: string) => actor.role === 'admin' && scopeContains(actor.scope_code, scopeCode),
  /** Change a regency's settings (categories, deadlines, Rakor rule, holidays): its admins. */
  'regency.configure': (actor: Actor, regencyCode: string) =>
    isRegency(regencyCode) && actor.role === 'admin' && scopeContains(actor.scope_code, regencyCode),
  /** Read a regency's settings: everyone whose work they shape, in the regency or above it. */
  'regency.read': (actor: Actor, regencyCode: string) =>
    isRegency(regencyCode) && (scopeContains(regencyCode, actor.scope_code) || scopeContains(actor.scope_code, regencyCode)),
  /** Organise Rakor of a region (plan, create, edit, agenda, attendance, minutes, action items). */
  'meeting.organise': (actor: Actor, scopeCode: string) => isOverseer(actor) && scopeContains(actor.scope_code, scopeCode),
  /** Reopen a held meeting's records (with a reason): an admin over its scope, not every organiser. */
  'meeting.reopen': (actor: Actor, scopeCode: string) => actor.role === 'admin' && scopeContains(actor.scope_code, scopeCode),
  /** See a meeting: its organisers, and everyone invited. */
  'meeting.view': (actor: Actor, meeting: { scope_code: string; invited: boolean }) =>
    meeting.invited || (isOverseer(actor) && scopeContains(actor.scope_code, meeting.scope_code)),
  /** Invite someone to a meeting one organises: a person whose scope lies within one's own. */
  'meeting.invite': (actor: Actor, inviteeScope: string) => isOverseer(actor) && scopeContains(actor.scope_code, inviteeScope),
  /** Read what notifications were sent to whom in a region: admins over it. */
  'notification.log': (actor: Actor, regionCode: string) => actor.role === 'admin' && scopeContains(actor.scope_code, regionCode),
  /** See whether the three-pillar rhythm holds in a regency: its overseers. */
  'compliance.view': (actor: Actor, regencyCode: string) => isOverseer(actor) && scopeContains(actor.scope_code, regencyCode),
} as const

type Rules = typeof RULES
export type Action = keyof Rules
export type Target<A extends Action> = Parameters<Rules[A]>[1]

/**
 * Whether `actor` may do `action` to `target`: the one place permissions are decided.
 *
 * @example can(kapolsek, 'report.review', '35.10.01.2001') // true within Pesanggaran
 */
export function can<A extends Action>(actor: Actor, action: A, target: Target<A>): boolean {
  return (RULES[action] as (actor: Actor, target: Target<A>) => boolean)(actor, target)
}

/**
 * Refuses unless `can(actor, action, target)`: 403 by default, or the refusal given (a 404
 * where the target must not be known to exist for someone who may not see it).
 */
export function assertCan<A extends Action>(actor: Actor, action: A, target: Target<A>, refusal?: () => DomainError): void {
  if (!can(actor, action, target)) throw refusal?.() ?? new DomainError('forbidden', 'forbidden')
}

/** The refusal for something outside one's view: it does not exist. */
export const NOT_FOUND = () => new DomainError('not_found', 'notFound')

/** What a signed-in user may reach at all, for navigation and home pages. */
export interface Capabilities {
  fileReports: boolean
  review: boolean
  organiseMeetings: boolean
  manageUsers: boolean
  /** Whether the user sees the regency's Rakor compliance (its overseers). */
  viewCompliance: boolean
  /** The regency whose settings the user keeps, if any. */
  configureRegency: string | null
  /** Whether the user reads the notification delivery log (admins). */
  viewDeliveryLog: boolean
}

/** The capabilities of an actor, as data for templates. */
export function capabilities(actor: Actor): Capabilities {
  return {
    fileReports: can(actor, 'report.file', actor.scope_code),
    review: can(actor, 'report.review', actor.scope_code),
    organiseMeetings: can(actor, 'meeting.organise', actor.scope_code),
    manageUsers: can(actor, 'user.manage', actor.scope_code),
    viewCompliance: levelOfCode(actor.scope_code) !== 'province' && can(actor, 'compliance.view', regencyOfCode(actor.scope_code)),
    configureRegency:
      levelOfCode(actor.scope_code) === 'regency' && can(actor, 'regency.configure', actor.scope_code) ? actor.scope_code : null,
    viewDeliveryLog: can(actor, 'notification.log', actor.scope_code),
  }
}

/** What a viewer may do on one meeting's page, as data for its template. */
export interface MeetingPermissions {
  /** Organise it at all (action items stay open to change after the meeting). */
  organise: boolean
  /** Change its records: agenda, participants, attendance, minutes (only while scheduled: held locks them). */
  record: boolean
  /** Change its details, mark it held or cancel it (only while scheduled). */
  reschedule: boolean
  /** Reopen it once held, with a reason. */
  reopen: boolean
}

export function meetingPermissions(actor: Actor, meeting: Pick<Meeting, 'scope_code' | 'status'>): MeetingPermissions {
  const organise = can(actor, 'meeting.organise', meeting.scope_code)
  const scheduled = organise && meeting.status === 'scheduled'
  const reopen = meeting.status === 'held' && can(actor, 'meeting.reopen', meeting.scope_code)
  return { organise, record: scheduled, reschedule: scheduled, reopen }
}

/**
 * The meetings an actor organises, as a scope (null: none). Lists use it in SQL, beside the
 * meetings the actor is invited to.
 */
export function organisedScope(actor: Actor): string | null {
  return can(actor, 'meeting.organise', actor.scope_code) ? actor.scope_code : null
}

/** An indexed column of `reports` that holds one level of the report's region. */
export type ReportRegionColumn = 'reports.regency_code' | 'reports.district_code' | 'reports.village_code'

/** The indexed column of `reports` that holds a region of `code`'s level. */
export function reportRegionColumn(code: string): ReportRegionColumn | undefined {
  const level = levelOfCode(code)
  if (level === 'regency') return 'reports.regency_code'
  if (level === 'district') return 'reports.district_code'
  if (level === 'village') return 'reports.village_code'
  return undefined
}

/**
 * The `report.view` rule as a SQL condition on `reports`, for lists, exports and counts.
 * Anything it leaves out does not exist for the viewer (404).
 */
export function reportsVisibleTo(viewer: Actor) {
  return (eb: ExpressionBuilder<Database, 'reports'>): Expression<SqlBool> => {
    const column = reportRegionColumn(viewer.scope_code)
    if (!column) return eb.val(false)
    const inScope = eb(column, '=', viewer.scope_code)
    if (isOverseer(viewer)) return inScope
    return eb.and([inScope, eb.or([eb('reports.restricted', '=', 0), eb('reports.reporter_id', '=', viewer.id)])])
  }
}
