import SqliteDatabase from 'better-sqlite3'
import { Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/schema.ts'
import { InlineLimitSqliteDialect } from '../../src/db/sqlite-compiler.ts'

const db = new Kysely<Database>({ dialect: new InlineLimitSqliteDialect({ database: new SqliteDatabase(':memory:') }) })

describe('the SQLite compiler', () => {
  it('writes whole-number limits and offsets into the SQL and binds everything else', () => {
    const query = db.selectFrom('reports').select('id').where('village_code', '=', '35.10.01.2001').limit(51).offset(100).compile()
    expect(query.sql).toBe('select "id" from "reports" where "village_code" = ? limit 51 offset 100')
    expect(query.parameters).toEqual(['35.10.01.2001'])
  })

  it('leaves a limit that is not a whole number (an expression, a fraction) bound as Kysely would', () => {
    const computed = db.selectFrom('reports').select('id').limit(sql<number>`${5} + 1`).compile()
    expect(computed.sql).toBe('select "id" from "reports" limit ? + 1')
    expect(computed.parameters).toEqual([5])
    const fraction = db.selectFrom('reports').select('id').limit(2.5).compile()
    expect(fraction.sql).toBe('select "id" from "reports" limit ?')
    expect(fraction.parameters).toEqual([2.5])
  })
})
