import type { Region, TimeZone } from '../src/db/schema.ts'
import { calendarDate, localClock, MONTHS } from '../src/domain/local-time.ts'
import { levelOfCode } from '../src/domain/regions.ts'
import type { Language, Messages } from '../src/i18n/index.ts'

const ZONE_NAMES: Record<TimeZone, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' }

/** WIB, WITA or WIT. */
export function zoneName(zone: TimeZone): string {
  return ZONE_NAMES[zone]
}

/** `09.00` (Indonesian writes hours with a dot) or `09:00`. */
function clockTime(local: Date, lang: Language): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(local.getUTCHours())}${lang === 'id' ? '.' : ':'}${pad(local.getUTCMinutes())}`
}

/** `20 November 2026 pukul 10.00 WIB`, or `20 November 2026 at 10:00 WIB`. */
export function localDateTime(utcIso: string, zone: TimeZone, lang: Language): string {
  const local = localClock(utcIso, zone)
  const at = lang === 'id' ? 'pukul' : 'at'
  return `${local.getUTCDate()} ${MONTHS[lang][local.getUTCMonth()]} ${local.getUTCFullYear()} ${at} ${clockTime(local, lang)} ${ZONE_NAMES[zone]}`
}

/** `09.00–12.00 WIB`: a meeting's hours, as minutes write them. */
export function localTimeRange(startsUtc: string, endsUtc: string, zone: TimeZone, lang: Language): string {
  return `${clockTime(localClock(startsUtc, zone), lang)}–${clockTime(localClock(endsUtc, zone), lang)} ${ZONE_NAMES[zone]}`
}

const WEEKDAYS: Record<Language, string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
}

/** `Selasa, 12 Januari 2027`: the day and date as Indonesian letters and minutes write them. */
export function localLongDate(utcIso: string, zone: TimeZone, lang: Language): string {
  const local = localClock(utcIso, zone)
  return `${WEEKDAYS[lang][local.getUTCDay()]}, ${local.getUTCDate()} ${MONTHS[lang][local.getUTCMonth()]} ${local.getUTCFullYear()}`
}

/** `Kamis, 14 Januari 2027 pukul 09.00 WIB`: meetings are announced with their weekday. */
export function localDayDateTime(utcIso: string, zone: TimeZone, lang: Language): string {
  const local = localClock(utcIso, zone)
  return `${WEEKDAYS[lang][local.getUTCDay()]}, ${localDateTime(utcIso, zone, lang)}`
}

export { calendarDate }

/**
 * A region as a sentence names it: "Kecamatan Pesanggaran", "Desa Sarongan", "Kabupaten
 * Banyuwangi" (regency names carry their kind already). Kemendagri village codes say which kind:
 * 1xxx a kelurahan, 2xxx a desa.
 */
export function regionLabel(t: Messages, region: Pick<Region, 'code' | 'name' | 'level'>): string {
  const kinds = t.regionKinds
  if (region.level === 'regency') return region.name
  if (region.level === 'village') return `${region.code.split('.')[3]?.startsWith('1') ? kinds.kelurahan : kinds.desa} ${region.name}`
  return `${kinds[region.level]} ${region.name}`
}

/** A region's label from its code and name alone (its kind follows from the code). */
export function regionLabelOf(t: Messages, code: string, name: string): string {
  return regionLabel(t, { code, name, level: levelOfCode(code) })
}

/** "Triwulan IV 2026" ("Quarter 4 2026"); `short` gives "TW IV 2026" for chart labels. */
export function quarterName(t: Messages, quarter: number, year?: number, short = false): string {
  const name = short ? t.quarters.short(quarter) : t.quarters.name(quarter)
  return year === undefined ? name : `${name} ${year}`
}
