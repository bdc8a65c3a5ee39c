import * as v from 'valibot'
import type { RegionLevel } from '../db/schema.ts'
import type { ErrorKey } from '../i18n/index.ts'
import { isRegionCode, levelOfCode } from './regions.ts'

// The pieces every input schema is built from. valibot messages are catalog keys; the HTTP
// layer says them in the user's language.

/** A catalog key as a valibot message. */
export const message = (key: ErrorKey) => key

/** Required text, trimmed, at most `max` characters. */
export const text = (max: number) =>
  v.pipe(v.string(message('required')), v.trim(), v.nonEmpty(message('required')), v.maxLength(max, message('tooLong')))

/** Optional text, trimmed; absent is `''`. */
export const optionalText = (max: number) =>
  v.optional(v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(max, message('tooLong'))), '')

/** A whole number within a range, from JSON. */
export const integer = (min: number, max: number) =>
  v.pipe(
    v.number(message('required')),
    v.integer(message('invalidValue')),
    v.minValue(min, message('invalidValue')),
    v.maxValue(max, message('invalidValue')),
  )

/**
 * A Kemendagri region code of one of `levels`, e.g. `regionCode(['village'])`; `key` names
 * the refusal (default: unknown region).
 */
export const regionCode = (levels: readonly RegionLevel[], key: ErrorKey = 'regionUnknown') =>
  v.pipe(
    v.string(message('required')),
    v.trim(),
    v.check((code) => isRegionCode(code) && levels.includes(levelOfCode(code)), message(key)),
  )

/** Any region code, from a province to a village. */
export const anyRegionCode = regionCode(['province', 'regency', 'district', 'village'])

/** A calendar date that exists (`YYYY-MM-DD`, no 31 February), in years 1900–2199. */
export const dateSchema = v.pipe(v.string(message('required')), v.trim(), v.check(isRealDate, message('dateFormat')))

/** Whether `value` is `YYYY-MM-DD` naming a day that exists, in a sane range of years. */
export function isRealDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  if (year < 1900 || year > 2199) return false
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** A UUID, lower-cased; `key` names the refusal. */
export const uuid = (key: ErrorKey) => v.pipe(v.string(message('required')), v.trim(), v.toLowerCase(), v.uuid(message(key)))

/** A report category's code: lowercase snake_case, 2–40 characters, starting with a letter. */
export const CATEGORY_CODE = /^[a-z][a-z0-9_]{1,39}$/
