import type { Kysely } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import type { Database, Region } from '../db/schema.ts'
import { DomainError } from './errors.ts'
import { childRegions, findRegion } from './regions.ts'

/** The regions a person picks from instead of typing a code: the scope, then its children, each with theirs. */
export interface RegionChoices {
  scope: Region
  groups: { region: Region; children: Region[] }[]
}

/**
 * The choices under `scopeCode`, two levels deep at most: a regency's districts with their
 * villages, a district's villages, a province's regencies with their districts. `'districts'`
 * stops above villages (meetings, planning and compliance are held by districts and regencies).
 */
export async function regionChoices(
  db: Kysely<Database>,
  scopeCode: string,
  depth: 'villages' | 'districts' = 'villages',
): Promise<RegionChoices> {
  const scope = await findRegion(db, scopeCode)
  if (!scope) throw new DomainError('invalid', 'regionUnknown', 'region')
  if (scope.level === 'village' || (scope.level === 'district' && depth === 'districts')) return { scope, groups: [] }
  const children = await childRegions(db, scope.code)
  const withGrandchildren = scope.level === 'province' || (scope.level === 'regency' && depth === 'villages')
  const below = new Map<string, Region[]>()
  if (withGrandchildren)
    for (const slice of chunks(
      children.map((child) => child.code),
      MAX_BOUND_PARAMETERS,
    )) {
      const rows = await db.selectFrom('regions').selectAll().where('parent_code', 'in', slice).orderBy('code').execute()
      for (const row of rows) below.set(row.parent_code!, [...(below.get(row.parent_code!) ?? []), row])
    }
  return { scope, groups: children.map((region) => ({ region, children: below.get(region.code) ?? [] })) }
}
