import type { CompiledQuery } from 'kysely'
import { chunks, MAX_BOUND_PARAMETERS } from '../db/chunks.ts'
import type { NewRegion, RegionLevel } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { auditStatement } from './audit.ts'
import { levelOfCode, parentOfCode, timezoneOfCode } from './regions.ts'

/** One row of the idn-area-data tables, reduced to what the hierarchy needs. */
export interface SourceRegion {
  code: string
  name: string
}

// Five columns a row: 20 rows fill a statement.
const ROWS_PER_STATEMENT = Math.floor(MAX_BOUND_PARAMETERS / 5)

/** Turns source rows into region rows: level, parent and time zone all follow from the code. */
export function toRegionRows(source: SourceRegion[]): NewRegion[] {
  return source.map(({ code, name }) => ({
    code,
    name: name.trim(),
    level: levelOfCode(code),
    parent_code: parentOfCode(code),
    timezone: timezoneOfCode(code),
  }))
}

/**
 * The upserts that bring `rows` into the regions table, parents before children. A row
 * already stored with the same values is left untouched, so importing twice changes nothing.
 */
export function regionUpserts(deps: Pick<Deps, 'db'>, rows: NewRegion[]): CompiledQuery[] {
  const order: Record<RegionLevel, number> = { province: 0, regency: 1, district: 2, village: 3 }
  const sorted = [...rows].sort((a, b) => order[a.level] - order[b.level] || a.code.localeCompare(b.code))
  return chunks(sorted, ROWS_PER_STATEMENT).map((slice) =>
    deps.db
      .insertInto('regions')
      .values(slice)
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet(({ ref }) => ({
            name: ref('excluded.name'),
            level: ref('excluded.level'),
            parent_code: ref('excluded.parent_code'),
            timezone: ref('excluded.timezone'),
          }))
          .where(({ eb, or, ref }) =>
            or([
              eb('regions.name', 'is not', ref('excluded.name')),
              eb('regions.parent_code', 'is not', ref('excluded.parent_code')),
              eb('regions.level', 'is not', ref('excluded.level')),
              eb('regions.timezone', 'is not', ref('excluded.timezone')),
            ]),
          ),
      )
      .compile(),
  )
}

export interface ImportResult {
  /** Rows per level in the imported set. */
  counts: Record<RegionLevel, number>
  /** Rows inserted or changed now; 0 on a repeated import. */
  changed: number
}

/** Imports region rows in one atomic unit, with one audit entry for the whole import. */
export async function importRegions(deps: WriteDeps, rows: NewRegion[], actorId: string | null, label: string): Promise<ImportResult> {
  const counts: Record<RegionLevel, number> = { province: 0, regency: 0, district: 0, village: 0 }
  for (const row of rows) counts[row.level]++
  const upserts = regionUpserts(deps, rows)
  const audit = auditStatement(deps.db, {
    at: deps.clock().toISOString(),
    actorId,
    action: 'regions.import',
    entityType: 'region',
    entityId: label,
    after: counts,
  })
  const results = await deps.atomic([...upserts, audit])
  const changed = results.slice(0, upserts.length).reduce((sum, r) => sum + r.changes, 0)
  return { counts, changed }
}

/**
 * The same upserts as plain SQL text, for `wrangler d1 execute --file` (Workers deployments
 * load regions this way: the Worker itself does not carry the 3 MB source tables).
 */
export function regionUpsertsAsSql(deps: Pick<Deps, 'db'>, rows: NewRegion[]): string {
  const literal = (value: unknown) =>
    value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${String(value).replaceAll("'", "''")}'`
  return regionUpserts(deps, rows)
    .map((q) => {
      let i = 0
      return `${q.sql.replace(/\?/g, () => literal(q.parameters[i++]))};`
    })
    .join('\n')
}
