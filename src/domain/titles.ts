import type { Pillar, RegionLevel } from '../db/schema.ts'

// The Sinergitas Tiga Pilar names each pillar's holder by level (Banyuwangi's Rakor usage).
const TITLES: Record<RegionLevel, Record<Pillar, string>> = {
  village: { government: 'Kepala Desa/Lurah', military: 'Babinsa', police: 'Bhabinkamtibmas' },
  district: { government: 'Camat', military: 'Danramil', police: 'Kapolsek' },
  regency: { government: 'Bupati', military: 'Dandim', police: 'Kapolres' },
  province: { government: 'Gubernur', military: 'Pangdam', police: 'Kapolda' },
}

/**
 * The title a user is known by: its free `position` text if set, otherwise the pillar's
 * office at its scope level (a regency's three are the Forkopimda).
 *
 * @example displayTitle('military', 'village', null) // 'Babinsa'
 */
export function displayTitle(pillar: Pillar, level: RegionLevel, position: string | null): string {
  const custom = position?.trim()
  if (custom) return custom
  const office = officeTitle(pillar, level)
  return level === 'regency' ? `Forkopimda (${office})` : office
}

/** The office itself, as a signature block names it: `Camat`, `Dandim`. */
export function officeTitle(pillar: Pillar, level: RegionLevel): string {
  return TITLES[level][pillar]
}
