import type { Role } from '../db/schema.ts'
import { levelOfCode } from './regions.ts'

/**
 * The scope rule, the only place it is written: a user acts on its scope region and every
 * region below it, nothing else. Kemendagri codes nest by dotted prefix, so `35.10` contains
 * `35.10.01.2001` but not `35.1`. The permissions module builds every decision on it.
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
