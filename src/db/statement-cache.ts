import type SqliteDatabase from 'better-sqlite3'
import { RecentlyUsedMap } from '../recently-used-map.ts'

// Enough for every statement the app has (a few hundred), with room for chunked IN lists.
const CAPACITY = 1_000

/**
 * `prepare` that prepares each SQL text once: compiling a statement costs more than running most
 * of ours (a profile of filing and /me spent 18% of their time in `prepare`). A statement still
 * iterating (a stream) is busy, so a second user of its text gets a fresh one.
 */
export function cachedPrepare(sqlite: SqliteDatabase.Database): (text: string) => SqliteDatabase.Statement {
  const statements = new RecentlyUsedMap<string, SqliteDatabase.Statement>(CAPACITY)
  return (text) => {
    const cached = statements.get(text)
    if (cached && !cached.busy) return cached
    const statement = sqlite.prepare(text)
    if (!cached) statements.set(text, statement)
    return statement
  }
}
