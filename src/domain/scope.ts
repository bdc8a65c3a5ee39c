import type { Role, User } from '../db/schema.ts'
import { DomainError } from './errors.ts'
import { levelOfCode } from './regions.ts'

/**
 * The scope rule, the only place it is written: a user acts on its scope region and every
 * region below it, nothing else. Kemendagri codes nest by dotted prefix, so `35.10` contains
 * `35.10.01.2001` but not `35.1`.
 */
export function scopeContains(scopeCode: string, regionCode: string): boolean {
  return regionCode === scopeCode || regionCode.startsWith(`${scopeCode}.`)
}

/**
 * The same rule as one index-friendly range for SQL: `code >= from AND code < to`. Codes are
 * digits and dots, and '/' sorts right after '.' and before every digit, so the range holds
 * `35.10` and every `35.10.…`, but not `35.100`. (`LIKE '35.10.%'` would not use the index:
 * LIKE is case-insensitive and the column is not.)
 */
export function scopeRange(scopeCode: string): { from: string; to: string } {
  return { from: scopeCode, to: `${scopeCode}/` }
}

/** Reporters work in one village; reviewers and admins in a district or a regency. */
export function scopeLevelFits(role: Role, scopeCode: string): boolean {
  const level = levelOfCode(scopeCode)
  return role === 'reporter' ? level === 'village' : level === 'district' || level === 'regency'
}

/** Refuses unless `actor` may act on `regionCode`. */
export function assertInScope(actor: Pick<User, 'scope_code'>, regionCode: string): void {
  if (!scopeContains(actor.scope_code, regionCode)) throw new DomainError('forbidden', 'outsideScope', 'scope_code')
}

/** Refuses unless `actor` is an admin whose scope contains `regionCode`. */
export function assertAdminOf(actor: Pick<User, 'role' | 'scope_code'>, regionCode: string): void {
  if (actor.role !== 'admin') throw new DomainError('forbidden', 'forbidden')
  assertInScope(actor, regionCode)
}

/**
 * Refuses unless `actor` works in `regencyCode` or above it: a regency's settings (report
 * categories, deadlines) are read by everyone whose work they shape.
 */
export function assertWorksInRegency(actor: Pick<User, 'scope_code'>, regencyCode: string): void {
  if (!scopeContains(regencyCode, actor.scope_code) && !scopeContains(actor.scope_code, regencyCode))
    throw new DomainError('forbidden', 'outsideScope', 'regency')
}
