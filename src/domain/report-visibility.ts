import { type ExpressionBuilder, type Expression, type SqlBool } from 'kysely'
import type { Database, User } from '../db/schema.ts'
import { levelOfCode } from './regions.ts'

type ReportsEb = ExpressionBuilder<Database, 'reports'>

/** The indexed column that holds a region of the given code's level on a report. */
export function reportRegionColumn(code: string): 'reports.regency_code' | 'reports.district_code' | 'reports.village_code' | undefined {
  const level = levelOfCode(code)
  if (level === 'regency') return 'reports.regency_code'
  if (level === 'district') return 'reports.district_code'
  if (level === 'village') return 'reports.village_code'
  return undefined
}

/**
 * Which reports a user sees, the one place this is written:
 * - village users: every unrestricted report of their own village, and their own restricted ones;
 * - reviewers and admins: every report within their scope.
 * Anything else does not exist for the user (404).
 */
export function visibleTo(viewer: User) {
  return (eb: ReportsEb): Expression<SqlBool> => {
    const column = reportRegionColumn(viewer.scope_code)
    if (!column) return eb.val(false)
    const inScope = eb(column, '=', viewer.scope_code)
    if (viewer.role !== 'reporter') return inScope
    return eb.and([inScope, eb.or([eb('reports.restricted', '=', 0), eb('reports.reporter_id', '=', viewer.id)])])
  }
}

/** Reviewers and admins act on reports they can see; village users only file and comment. */
export function canChangeStatus(viewer: User): boolean {
  return viewer.role === 'reviewer' || viewer.role === 'admin'
}
