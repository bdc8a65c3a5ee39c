import type { Kysely } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import { compiledOnce } from '../db/compiled-once.ts'
import { rememberedReads } from '../db/remembered-reads.ts'
import type { Database, Region, RegionLevel, TimeZone } from '../db/schema.ts'

/** Kemendagri code shapes: `35`, `35.10`, `35.10.01`, `35.10.01.2001`. */
const CODE_PATTERN = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/
const LEVELS: RegionLevel[] = ['province', 'regency', 'district', 'village']

/** Whether `code` has the shape of a Kemendagri region code. */
export function isRegionCode(code: string): boolean {
  return CODE_PATTERN.test(code)
}

/** The level a code's shape implies: `35.10` → `regency`. Assumes a valid code. */
export function levelOfCode(code: string): RegionLevel {
  return LEVELS[code.split('.').length - 1]!
}

/** The code one level up, or null for a province: `35.10.01` → `35.10`. */
export function parentOfCode(code: string): string | null {
  const cut = code.lastIndexOf('.')
  return cut === -1 ? null : code.slice(0, cut)
}

/** The regency part of a district or village code (a regency's own code for a regency). */
export function regencyOfCode(code: string): string {
  return code.split('.').slice(0, 2).join('.')
}

/** A code and every code above it, nearest first: `35.10.01` → `35.10.01`, `35.10`, `35`. */
export function codeWithAncestors(code: string): string[] {
  const codes: string[] = []
  for (let c: string | null = code; c; c = parentOfCode(c)) codes.push(c)
  return codes
}

/** A region and those above it, in one query, province first (for breadcrumbs and letterheads). */
export function regionPath(db: Kysely<Database>, code: string): Promise<Region[]> {
  return db.selectFrom('regions').selectAll().where('code', 'in', codeWithAncestors(code)).orderBy('code').execute()
}

/** The province part of any code: `35.10.01.2001` → `35`. */
export function provinceOfCode(code: string): string {
  return code.slice(0, 2)
}

// Undang-Undang/Keppres 41/1987 split Indonesia into three zones; provinces created since
// inherit their parent's zone (e.g. the Papua provinces of 2022 are all WIT).
const WITA_PROVINCES = new Set(['51', '52', '53', '63', '64', '65', '71', '72', '73', '74', '75', '76'])
const WIT_PROVINCES = new Set(['81', '82', '91', '92', '93', '94', '95', '96'])

/** The time zone of a region, from its province: WIB, WITA or WIT. */
export function timezoneOfCode(code: string): TimeZone {
  const province = provinceOfCode(code)
  if (WIT_PROVINCES.has(province)) return 'Asia/Jayapura'
  if (WITA_PROVINCES.has(province)) return 'Asia/Makassar'
  return 'Asia/Jakarta'
}

/** One region by code, or undefined. */
export function findRegion(db: Kysely<Database>, code: string): Promise<Region | undefined> {
  return rememberedRegions(db, code, async () => (await db.executeQuery(regionByCode(db, { code }))).rows[0])
}

// Read by every filing and most pages: compiled once, and remembered.
const rememberedRegions = rememberedReads<Region | undefined>(['regions'])
const regionByCode = compiledOnce((db, v: { code: string }) => db.selectFrom('regions').selectAll().where('code', '=', v.code))

/** The names of regions by code, for lists that show a name where a code is stored. */
export async function regionNames(db: Kysely<Database>, codes: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>()
  for (const slice of chunks([...new Set(codes)], MAX_BOUND_PARAMETERS)) {
    const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', slice).execute()
    for (const row of rows) names.set(row.code, row.name)
  }
  return names
}

/** The direct children of a region, ordered by code. */
export function childRegions(db: Kysely<Database>, code: string): Promise<Region[]> {
  return childRegionsQuery(db, code).execute()
}

/** The query behind `childRegions`, exposed so a test can read its plan. */
export function childRegionsQuery(db: Kysely<Database>, code: string) {
  return db.selectFrom('regions').selectAll().where('parent_code', '=', code).orderBy('code')
}

/** All regencies stored, ordered by code (for choosing a home regency). */
export function listRegencies(db: Kysely<Database>): Promise<Region[]> {
  return db.selectFrom('regions').selectAll().where('level', '=', 'regency').orderBy('code').execute()
}
