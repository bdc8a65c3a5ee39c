import { type RawBuilder, sql } from 'kysely'

/** D1 binds at most 100 parameters per statement; SQLite allows more, so D1 sets the bound. */
export const MAX_BOUND_PARAMETERS = 100

/**
 * `values` as one bound parameter, for `x IN ${jsonList(values)}`: an IN list of any length
 * within D1's parameter bound, read back by SQLite's `json_each`.
 */
export function jsonList(values: readonly string[]): RawBuilder<string> {
  return sql<string>`(SELECT value FROM json_each(${JSON.stringify(values)}))`
}

/** `items` in consecutive slices of at most `size`, for `IN (…)` lists and multi-row inserts. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const slices: T[][] = []
  for (let i = 0; i < items.length; i += size) slices.push(items.slice(i, i + size))
  return slices
}
