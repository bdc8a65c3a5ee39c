import type { TimeZone } from '../db/schema.ts'
import type { Language } from '../i18n/index.ts'

// Indonesia has kept fixed offsets without daylight saving since 1988: WIB, WITA, WIT.
// Every local-time calculation of the app is one of the helpers below.
const OFFSET_HOURS: Record<TimeZone, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 }
const HOUR = 3600_000
const DAY = 86_400_000

/** The UTC offset of an Indonesian zone, in hours. */
export function offsetHours(zone: TimeZone): number {
  return OFFSET_HOURS[zone]
}

/** The offset as ISO 8601 writes it: `+07:00`. */
export function offsetString(zone: TimeZone): string {
  return `+${String(OFFSET_HOURS[zone]).padStart(2, '0')}:00`
}

/** The wall-clock fields of an instant in a zone, as a Date read through its UTC getters. */
export function localClock(instant: Date | string, zone: TimeZone): Date {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime()
  return new Date(time + OFFSET_HOURS[zone] * HOUR)
}

/** ISO 8601 in the zone's local time with its offset: `2026-11-22T15:30:00+07:00`. */
export function toLocalIso(utcIso: string, zone: TimeZone): string {
  return `${localClock(utcIso, zone).toISOString().slice(0, 19)}${offsetString(zone)}`
}

/** The local date of an instant: `2026-11-22`. */
export function localDate(instant: Date | string, zone: TimeZone): string {
  return localClock(instant, zone).toISOString().slice(0, 10)
}

/** What a `datetime-local` input shows for an instant: `2026-11-22T15:30`. */
export function localInputValue(instant: Date | string, zone: TimeZone): string {
  return localClock(instant, zone).toISOString().slice(0, 16)
}

/** The instant a local day (`YYYY-MM-DD`) begins in a zone. */
export function localDayStart(date: string, zone: TimeZone): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - OFFSET_HOURS[zone] * HOUR)
}

/** The instant a local day ends (the next day's start). */
export function localDayEnd(date: string, zone: TimeZone): Date {
  return new Date(localDayStart(date, zone).getTime() + DAY)
}

/** A local date and `HH:MM` in a zone, as a UTC ISO instant. */
export function localToUtc(date: string, time: string, zone: TimeZone): string {
  return new Date(Date.parse(`${date}T${time}:00Z`) - OFFSET_HOURS[zone] * HOUR).toISOString()
}

/**
 * When a daily local window (`start`–`end`, `HH:MM`, crossing midnight when end < start) that
 * contains `now` ends; undefined when `now` is outside it. Quiet hours are such a window.
 */
export function windowEnd(now: Date, zone: TimeZone, start: string, end: string): Date | undefined {
  const clock = localClock(now, zone).toISOString().slice(11, 16)
  const inside = start <= end ? clock >= start && clock < end : clock >= start || clock < end
  if (!inside) return undefined
  const today = localDate(now, zone)
  const endToday = new Date(localToUtc(today, end, zone))
  return endToday > now ? endToday : new Date(endToday.getTime() + DAY)
}

const LOCAL_OR_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/

/**
 * A time as a person or client enters it: with an offset (or Z) it is that instant; without,
 * it is wall-clock time in `zone`. Undefined when it is no real time (31 February, 25:00) or
 * its year lies outside 1900–2199.
 */
export function parseLocalTime(value: string, zone: TimeZone): string | undefined {
  const match = LOCAL_OR_OFFSET.exec(value.trim())
  if (!match) return undefined
  const [, year, month, day, hour, minute] = match.map(Number) as number[]
  if (year! < 1900 || year! > 2199 || hour! > 23 || minute! > 59) return undefined
  const calendar = new Date(Date.UTC(year!, month! - 1, day!))
  if (calendar.getUTCMonth() !== month! - 1 || calendar.getUTCDate() !== day) return undefined
  const withSeconds = match[6] ? value.trim() : `${value.trim().slice(0, 16)}:00${value.trim().slice(16)}`
  const parsed = Date.parse(match[8] ? withSeconds : `${withSeconds}${offsetString(zone)}`)
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString()
}

/** A calendar quarter, as Rakor planning and the trend chart count them. */
export interface Quarter {
  year: number
  quarter: 1 | 2 | 3 | 4
}

/** The quarter that contains `instant` in the zone's local time. */
export function quarterOf(instant: Date, zone: TimeZone): Quarter {
  const local = localClock(instant, zone)
  return { year: local.getUTCFullYear(), quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as Quarter['quarter'] }
}

/** The UTC instant at which a quarter starts in the zone's local time. */
export function quarterStart({ year, quarter }: Quarter, zone: TimeZone): Date {
  return new Date(Date.UTC(year, (quarter - 1) * 3, 1) - OFFSET_HOURS[zone] * HOUR)
}

/** The quarter `n` quarters before (negative) or after `q`. */
export function shiftQuarter(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter['quarter'] }
}

/** `2026-Q4`, the label the API and the chart use. */
export function quarterLabel(q: Quarter): string {
  return `${q.year}-Q${q.quarter}`
}

/** Month names as dates are written in each language. */
export const MONTHS: Record<Language, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
}

/** `15 Januari 2027` for a calendar date (`2027-01-15`), such as an action item's due date. */
export function calendarDate(isoDate: string, lang: Language): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  return `${day} ${MONTHS[lang][month! - 1]} ${year}`
}
