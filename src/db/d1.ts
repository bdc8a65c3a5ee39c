import { Kysely } from 'kysely'
import { D1Dialect } from 'kysely-d1'
import type { AtomicWrite } from './atomic.ts'
import { asConstraintViolation } from './constraint-violation.ts'
import { forgettingWrites } from './remembered-reads.ts'
import type { Database } from './schema.ts'

/** Kysely and the atomic writer over a Cloudflare D1 binding (forgetting the remembered reads it changes). */
export function openD1(binding: D1Database): { db: Kysely<Database>; atomic: AtomicWrite } {
  const db = new Kysely<Database>({ dialect: new D1Dialect({ database: binding }) })
  // D1 runs a batch as one implicit transaction: if any statement fails, none is applied.
  const atomic: AtomicWrite = async (statements) => {
    if (statements.length === 0) return []
    try {
      const results = await binding.batch(statements.map((q) => binding.prepare(q.sql).bind(...(q.parameters as unknown[]))))
      return results.map((r) => ({ changes: r.meta.changes ?? 0 }))
    } catch (error) {
      throw asConstraintViolation(error)
    }
  }
  return { db, atomic: forgettingWrites(atomic) }
}
