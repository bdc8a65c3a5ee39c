import { type CompiledQuery, type Expression, type Insertable, type Kysely, type SqlBool, sql } from 'kysely'
import { compiledOnce } from '../db/compiled-once.ts'
import { ConstraintViolation } from '../db/constraint-violation.ts'
import type { AuditLog, AuditLogTable, Database } from '../db/schema.ts'
import type { WriteDeps } from '../deps.ts'

export interface AuditInput {
  at: string
  actorId: string | null
  action: string
  entityType: string
  entityId: string | null
  before?: unknown
  after?: unknown
}

/**
 * The audit row for a write, compiled to run in the same atomic unit as the write itself,
 * so an audited change and its record stand or fall together.
 */
export function auditStatement(db: Kysely<Database>, entry: AuditInput, guard?: Expression<SqlBool>): CompiledQuery {
  const row = auditRow(entry)
  if (!guard) return auditInsert(db, row)
  return db
    .insertInto('audit_log')
    .values({
      ...row,
      // With a guard that does not hold (the write before it matched nothing: someone else
      // changed the row first), the action is NULL, the NOT NULL column refuses it, and the
      // whole atomic unit is undone: D1's batch cannot read in between to decide.
      action: sql<string>`(SELECT ${entry.action} WHERE ${guard})`,
    })
    .compile()
}

/** An audit entry as the log holds it: who, when, what, and the fields that changed. */
export function auditRow(entry: AuditInput): Omit<AuditLog, 'id'> {
  return {
    at: entry.at,
    actor_id: entry.actorId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    ...changedFields(entry.before, entry.after),
  }
}

// Every write has its audit entry: the commonest statement of all, compiled once.
const auditInsert = compiledOnce((db, v: Omit<Insertable<AuditLogTable>, 'id'>) =>
  db.insertInto('audit_log').values({
    at: v.at,
    actor_id: v.actor_id,
    action: v.action,
    entity_type: v.entity_type,
    entity_id: v.entity_id,
    before_json: v.before_json,
    after_json: v.after_json,
  }),
)

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The audit's before and after as JSON, of the fields that changed only: a row written whole on
 * both sides would double the log for what a diff says in a few bytes.
 */
function changedFields(before: unknown, after: unknown): { before_json: string | null; after_json: string | null } {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value))
  if (!isRecord(before) || !isRecord(after)) return { before_json: json(before), after_json: json(after) }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => json(before[key]) !== json(after[key]))
  const pick = (record: Record<string, unknown>) => Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]))
  return { before_json: json(pick(before)), after_json: json(pick(after)) }
}

/** Whether an error is a guarded audit refusing to record a write that did not happen. */
export function isGuardRefusal(error: unknown): boolean {
  return error instanceof ConstraintViolation && error.on('audit_log.action', 'not_null')
}

/** What an audited write records besides who and when. */
export type AuditedChange = Omit<AuditInput, 'at' | 'actorId'>

/**
 * Runs `write` (given the clock's now) and its audit row as one atomic unit, on behalf of `actor`.
 * For writes whose audit row needs no guard; guarded ones build their unit with `auditStatement`.
 */
export async function writeAudited(
  deps: WriteDeps,
  actor: { id: string } | null,
  change: AuditedChange,
  write: (now: string) => CompiledQuery | CompiledQuery[],
): Promise<void> {
  const now = deps.clock().toISOString()
  await deps.atomic([...[write(now)].flat(), auditStatement(deps.db, { at: now, actorId: actor?.id ?? null, ...change })])
}
