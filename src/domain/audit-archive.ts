import type { AuditLog } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import { compressedText, decompressedText } from './compressed-text.ts'
import { type AuditEntry, reportWriteEntries } from './report-audit.ts'

// Entries per segment: a segment is read whole to find one entry, so it stays small enough to
// read in milliseconds, and large enough to compress well.
const SEGMENT_ENTRIES = 10_000

/**
 * Moves the audit entries written before `before` from `audit_log` into compressed segments of
 * `audit_archive`, oldest first, each segment and the removal of its entries one atomic unit. A
 * segment takes ids in order and ends at the first entry that is not old enough, so it holds every
 * entry of its id range. Returns how many entries and segments were moved.
 */
export async function archiveAudit(deps: WriteDeps, before: Date): Promise<{ entries: number; segments: number }> {
  const cutoff = before.toISOString()
  let entries = 0
  let segments = 0
  for (;;) {
    const rows = await deps.db.selectFrom('audit_log').selectAll().orderBy('id').limit(SEGMENT_ENTRIES).execute()
    const young = rows.findIndex((row) => row.at >= cutoff)
    const old = young === -1 ? rows : rows.slice(0, young)
    if (old.length === 0) return { entries, segments }
    const first = old[0]!
    const last = old.at(-1)!
    await deps.atomic([
      deps.db
        .insertInto('audit_archive')
        .values({
          first_id: first.id,
          last_id: last.id,
          first_at: first.at,
          last_at: last.at,
          entries: old.length,
          body: await compressedText(old.map((row) => JSON.stringify(row)).join('\n'), 'gzip'),
          archived_at: deps.clock().toISOString(),
        })
        .compile(),
      deps.db.deleteFrom('audit_log').where('id', '>=', first.id).where('id', '<=', last.id).compile(),
    ])
    entries += old.length
    segments++
    if (young !== -1) return { entries, segments }
  }
}

/**
 * Every audit entry about one entity, archived and live, oldest first: what an inquiry reads. A
 * report's include those made from its own rows (`reportWriteEntries`).
 */
export async function auditTrail(deps: Pick<Deps, 'db'>, entityType: string, entityId: string): Promise<AuditEntry[]> {
  const archived: AuditLog[] = []
  const segments = await deps.db.selectFrom('audit_archive').select('body').orderBy('first_id').execute()
  for (const { body } of segments)
    for (const line of (await decompressedText(body, 'gzip')).split('\n')) {
      const entry = JSON.parse(line) as AuditLog
      if (entry.entity_type === entityType && entry.entity_id === entityId) archived.push(entry)
    }
  const live = await deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute()
  const logged = [...archived, ...live]
  if (entityType !== 'report') return logged
  const made = await reportWriteEntries(deps, entityId, logged)
  // Stable: entries of the same millisecond keep the log's order, then the filing's and the timeline's.
  return [...logged, ...made].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}
