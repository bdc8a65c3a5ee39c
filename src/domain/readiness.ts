import { sql } from 'kysely'
import { LATEST_MIGRATION } from '../db/migration-level.ts'
import type { WriteDeps } from '../deps.ts'

export interface Readiness {
  ready: boolean
  /** `current`, or what is wrong: `pending` (older than the code), `newer` (a newer version migrated it). */
  migrations: 'current' | 'pending' | 'newer'
  /** `ok` when a write succeeded just now, else `failed`. */
  writable: 'ok' | 'failed'
}

/**
 * Whether this instance can serve: the database's newest migration is the code's, and a write
 * commits. The write rewrites one probe row; it is not an action of anyone's, so not audited.
 */
export async function readiness(deps: WriteDeps): Promise<Readiness> {
  const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM d1_migrations`.execute(deps.db)
  const newest = rows[0]?.name ?? ''
  const migrations = newest === LATEST_MIGRATION ? 'current' : newest < LATEST_MIGRATION ? 'pending' : 'newer'
  let writable: Readiness['writable'] = 'ok'
  try {
    await deps.atomic([
      deps.db
        .insertInto('readiness_probe')
        .values({ id: 1, checked_at: deps.clock().toISOString() })
        .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: (eb) => eb.ref('excluded.checked_at') }))
        .compile(),
    ])
  } catch {
    writable = 'failed'
  }
  return { ready: migrations === 'current' && writable === 'ok', migrations, writable }
}
