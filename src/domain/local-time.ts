import type { TimeZone } from '../db/schema.ts'

// Indonesia has kept fixed offsets without daylight saving since 1988: WIB, WITA, WIT.
const OFFSET_HOURS: Record<TimeZone, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 }

/** The UTC offset of an Indonesian zone, in hours. */
export function offsetHours(zone: TimeZone): number {
  return OFFSET_HOURS[zone]
}

/** ISO 8601 in the zone's local time with its offset: `2026-11-22T15:30:00+07:00`. */
export function toLocalIso(utcIso: string, zone: TimeZone): string {
  const hours = OFFSET_HOURS[zone]
  const local = new Date(Date.parse(utcIso) + hours * 3600_000).toISOString().slice(0, 19)
  return `${local}+${String(hours).padStart(2, '0')}:00`
}

/** A calendar quarter, as Rakor planning and the trend chart count them. */
export interface Quarter {
  year: number
  quarter: 1 | 2 | 3 | 4
}

/** The quarter that contains `instant` in the zone's local time. */
export function quarterOf(instant: Date, zone: TimeZone): Quarter {
  const local = new Date(instant.getTime() + OFFSET_HOURS[zone] * 3600_000)
  return { year: local.getUTCFullYear(), quarter: (Math.floor(local.getUTCMonth() / 3) + 1) as Quarter['quarter'] }
}

/** The UTC instant at which a quarter starts in the zone's local time. */
export function quarterStart({ year, quarter }: Quarter, zone: TimeZone): Date {
  return new Date(Date.UTC(year, (quarter - 1) * 3, 1) - OFFSET_HOURS[zone] * 3600_000)
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
