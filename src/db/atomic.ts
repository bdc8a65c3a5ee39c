import type { CompiledQuery } from 'kysely'

/** What one statement of an atomic write did. */
export interface StatementResult {
  changes: number
}

/**
 * Runs statements as one all-or-nothing unit: a transaction on better-sqlite3, `batch()` on D1.
 *
 * D1 has no interactive transactions, so a unit cannot read in between its writes: compute
 * everything first (ids come from `crypto.randomUUID()`), and express conditions inside SQL
 * (`WHERE version = ?`, `INSERT … SELECT … WHERE EXISTS`). A statement that raises aborts the unit;
 * a constraint failure arrives as a `ConstraintViolation`, the same on both engines.
 *
 * @example
 * await atomic([db.insertInto('users').values(row).compile(), auditInsert(db, entry).compile()])
 */
export type AtomicWrite = (statements: CompiledQuery[]) => Promise<StatementResult[]>
