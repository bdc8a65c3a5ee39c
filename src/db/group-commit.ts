import type SqliteDatabase from 'better-sqlite3'
import type { AtomicWrite, StatementResult } from './atomic.ts'
import { asConstraintViolation } from './constraint-violation.ts'

interface Unit {
  statements: Parameters<AtomicWrite>[0]
  resolve: (results: StatementResult[]) => void
  reject: (error: unknown) => void
}

/**
 * The better-sqlite3 `AtomicWrite`, committing together the units that arrive in one turn of the
 * event loop: one transaction and so one wait for the disk (synchronous = FULL), however many
 * filings came in at once. Each unit runs in its own savepoint, after the ones before it, so a unit
 * that fails rolls back alone and the others commit: the same outcome as running them one by one.
 * Every caller is answered after the commit, so nothing is acknowledged before it is on disk.
 */
export function groupCommit(sqlite: SqliteDatabase.Database, prepare: (text: string) => SqliteDatabase.Statement): AtomicWrite {
  let waiting: Unit[] = []
  // A nested better-sqlite3 transaction is a savepoint, rolled back if its function throws.
  const runUnit = sqlite.transaction((statements: Unit['statements']) =>
    statements.map((q) => ({ changes: prepare(q.sql).run(...(q.parameters as unknown[])).changes })),
  )
  const runGroup = sqlite.transaction((units: Unit[]) =>
    units.map((unit) => {
      try {
        return { results: runUnit(unit.statements) }
      } catch (error) {
        return { error }
      }
    }),
  )
  const flush = () => {
    const units = waiting
    waiting = []
    try {
      // IMMEDIATE: the group takes the write lock as it begins, waiting its turn (busy_timeout) while
      // another connection writes (the upkeep worker's ANALYZE, a CLI command). A deferred BEGIN
      // takes it at the first write, and if the transaction has read by then (a full-text index
      // reads its configuration when first used) SQLite fails at once with SQLITE_BUSY instead.
      const outcomes = runGroup.immediate(units)
      units.forEach((unit, i) => {
        const outcome = outcomes[i]!
        if ('error' in outcome) unit.reject(asConstraintViolation(outcome.error))
        else unit.resolve(outcome.results)
      })
    } catch (error) {
      // The commit itself failed (disk full, I/O): nothing of the group was written.
      for (const unit of units) unit.reject(asConstraintViolation(error))
    }
  }
  return (statements) =>
    new Promise((resolve, reject) => {
      if (waiting.length === 0) setImmediate(flush)
      waiting.push({ statements, resolve, reject })
    })
}
