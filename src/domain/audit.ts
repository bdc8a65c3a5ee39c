import type { CompiledQuery, Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'

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
export function auditStatement(db: Kysely<Database>, entry: AuditInput): CompiledQuery {
  return db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .compile()
}
