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

// A successful write probe counts for this long: /readyz is public, and a client hammering it
// then costs one write (and one fsync) every few seconds, not one per request.
const WRITE_FRESH_MS = 5_000
const lastWrite = new WeakMap<object, number>()

/**
 * Whether this instance can serve: the database's newest migration is the code's, and a write
 * commits. The write rewrites one probe row; it is not an action of anyone's, so not audited.
 */
export async function readiness(deps: WriteDeps): Promise<Readiness> {
  const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM d1_migrations`.execute(deps.db)
  const newest = rows[0]?.name ?? ''
  const migrations = newest === LATEST_MIGRATION ? 'current' : newest < LATEST_MIGRATION ? 'pending' : 'newer'
  const writable = await probeWrite(deps)
  return { ready: migrations === 'current' && writable === 'ok', migrations, writable }
}

async function probeWrite(deps: WriteDeps): Promise<Readiness['writable']> {
  const now = deps.clock()
  if (now.getTime() - (lastWrite.get(deps.db) ?? Number.NEGATIVE_INFINITY) < WRITE_FRESH_MS) return 'ok'
  try {
    await deps.atomic([
      deps.db
        .insertInto('readiness_probe')
        .values({ id: 1, checked_at: now.toISOString() })
        .onConflict((oc) => oc.column('id').doUpdateSet({ checked_at: (eb) => eb.ref('excluded.checked_at') }))
        .compile(),
    ])
    lastWrite.set(deps.db, now.getTime())
    return 'ok'
  } catch {
    lastWrite.delete(deps.db)
    return 'failed'
  }
}
