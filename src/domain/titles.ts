import type { Pillar, RegionLevel, Role } from '../db/schema.ts'

// The Sinergitas Tiga Pilar names each pillar's holder by level (Banyuwangi's Rakor usage).
const TITLES: Record<RegionLevel, Record<Pillar, string>> = {
  village: { government: 'Kepala Desa/Lurah', military: 'Babinsa', police: 'Bhabinkamtibmas' },
  district: { government: 'Camat', military: 'Danramil', police: 'Kapolsek' },
  regency: { government: 'Bupati', military: 'Dandim', police: 'Kapolres' },
  province: { government: 'Gubernur', military: 'Pangdam', police: 'Kapolda' },
}

// An administrator keeps the pillar's accounts at its unit; it does not hold the office.
const UNITS: Record<RegionLevel, Record<Pillar, string>> = {
  village: { government: 'Desa', military: 'Koramil', police: 'Polsek' },
  district: { government: 'Kecamatan', military: 'Koramil', police: 'Polsek' },
  regency: { government: 'Pemkab', military: 'Kodim', police: 'Polres' },
  province: { government: 'Pemprov', military: 'Kodam', police: 'Polda' },
}

/**
 * The position a user holds, as an attendance list or signature writes it: its free `position`
 * text if set (a Polresta's chief is "Kapolresta"), an administrator's "Operator Polsek", or the
 * pillar's office at its scope level ("Camat").
 */
export function positionTitle(pillar: Pillar, level: RegionLevel, position: string | null, role: Role): string {
  const custom = position?.trim()
  if (custom) return custom
  return role === 'admin' ? `Operator ${UNITS[level][pillar]}` : officeTitle(pillar, level)
}

/**
 * The title a user is known by in the app: its position, a regency's three office holders
 * marked as the Forkopimda.
 *
 * @example displayTitle('military', 'village', null, 'reporter') // 'Babinsa'
 */
export function displayTitle(pillar: Pillar, level: RegionLevel, position: string | null, role: Role): string {
  const title = positionTitle(pillar, level, position, role)
  return level === 'regency' && role !== 'admin' && !position?.trim() ? `Forkopimda (${title})` : title
}

/** The office itself, as a signature block names it: `Camat`, `Dandim`. */
export function officeTitle(pillar: Pillar, level: RegionLevel): string {
  return TITLES[level][pillar]
}
