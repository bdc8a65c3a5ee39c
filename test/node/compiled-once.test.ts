import SqliteDatabase from 'better-sqlite3'
import { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import { compiledOnce } from '../../src/db/compiled-once.ts'
import type { Database } from '../../src/db/schema.ts'
import { InlineLimitSqliteDialect } from '../../src/db/sqlite-compiler.ts'
import { RecentlyUsedMap } from '../../src/recently-used-map.ts'

function database() {
  const sqlite = new SqliteDatabase(':memory:')
  sqlite.exec(
    "CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT, active INTEGER); INSERT INTO users VALUES ('a', 'camat', 1), ('b', 'kades', 1), ('c', 'lama', 0)",
  )
  return new Kysely<Database>({ dialect: new InlineLimitSqliteDialect({ database: sqlite }) })
}

describe('a query compiled once', () => {
  const byName = compiledOnce((db, v: { username: string }) =>
    db.selectFrom('users').select('id').where('username', '=', v.username).where('active', '=', 1).limit(2),
  )

  it('runs with each call’s values, keeping the query’s own constants, in their order', async () => {
    const db = database()
    const first = byName(db, { username: 'camat' })
    expect(first.sql).toBe('select "id" from "users" where "username" = ? and "active" = ? limit 2')
    expect(first.parameters).toEqual(['camat', 1])
    expect((await db.executeQuery(first)).rows).toEqual([{ id: 'a' }])
    expect((await db.executeQuery(byName(db, { username: 'kades' }))).rows).toEqual([{ id: 'b' }])
    expect((await db.executeQuery(byName(db, { username: 'lama' }))).rows).toEqual([])
  })

  it('compiles once for each database it meets', () => {
    const db = database()
    const other = database()
    expect(byName(db, { username: 'x' }).query).toBe(byName(db, { username: 'y' }).query)
    expect(byName(other, { username: 'x' }).query).not.toBe(byName(db, { username: 'x' }).query)
  })

  it('refuses a value used outside the query, where one text could not serve every call', () => {
    const branching = compiledOnce((db, v: { username: string; active: boolean }) =>
      db
        .selectFrom('users')
        .select('id')
        .where('username', '=', v.username)
        .where('active', '=', v.active ? 1 : 0),
    )
    expect(() => branching(database(), { username: 'camat', active: false })).toThrow(/"active" was used outside/)
  })
})

describe('the recently used map', () => {
  it('keeps what was used since the last `capacity` insertions and forgets the rest', () => {
    const map = new RecentlyUsedMap<string, number>(2)
    map.set('a', 1)
    map.set('b', 2)
    map.set('c', 3) // a and b become the previous generation
    expect(map.get('a')).toBe(1) // used again: current
    map.set('d', 4) // c and a are the previous generation; b is forgotten
    expect(map.get('b')).toBeUndefined()
    expect([map.get('a'), map.get('c'), map.get('d')]).toEqual([1, 3, 4])
  })
})
