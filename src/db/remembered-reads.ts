import { RecentlyUsedMap } from '../recently-used-map.ts'
import type { AtomicWrite } from './atomic.ts'

// How long a read is remembered: changes another process makes (the CLI, another Workers isolate)
// are seen within it; this process's own forget at once (forgettingWrites).
const REMEMBERED_MS = 1000

interface Remembered {
  /** A statement that writes one of the tables the reads come from. */
  writes: RegExp
  forget: () => void
}

const everyRemembered: Remembered[] = []

/**
 * Reads that request after request makes alike (the user behind a token; a regency's categories
 * and settings, and a village, on every filing), remembered by key for a second instead of read
 * each time: the filing path read them four times per report. `tables` are those the reads come
 * from: an atomic write of this process to any of them forgets every remembered read at once.
 * Identical reads asked at once share one. What is remembered is shared: callers must not change it.
 */
export function rememberedReads<V>(tables: readonly string[]): (db: object, key: string, read: () => Promise<V>) => Promise<V> {
  // Per database (a test process opens many), all forgotten together.
  let byDatabase = new WeakMap<object, RecentlyUsedMap<string, { value: Promise<V>; until: number }>>()
  everyRemembered.push({
    writes: new RegExp(`^\\s*(update|insert\\s+(or\\s+\\w+\\s+)?into|delete\\s+from)\\s+"?(${tables.join('|')})"?\\s`, 'i'),
    forget: () => {
      byDatabase = new WeakMap()
    },
  })
  return (db, key, read) => {
    let entries = byDatabase.get(db)
    if (!entries) {
      entries = new RecentlyUsedMap(10_000)
      byDatabase.set(db, entries)
    }
    const now = Date.now()
    const known = entries.get(key)
    if (known && known.until > now) return known.value
    const value = read()
    entries.set(key, { value, until: now + REMEMBERED_MS })
    // A failed read is not remembered: the next asks again.
    value.catch(() => entries.delete(key))
    return value
  }
}

/** `atomic` that forgets the remembered reads of every table a unit wrote, once it is committed. */
export function forgettingWrites(atomic: AtomicWrite): AtomicWrite {
  return async (statements) => {
    const results = await atomic(statements)
    for (const remembered of everyRemembered) if (statements.some((statement) => remembered.writes.test(statement.sql))) remembered.forget()
    return results
  }
}
