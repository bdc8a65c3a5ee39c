import { type SqlBool, sql } from 'kysely'
import { DomainError } from './errors.ts'
import { base64url } from './secrets.ts'

/**
 * A keyset cursor: the (time, id) of the last row a page showed, opaque to clients. The next page
 * starts strictly after it, so rows added meanwhile neither repeat nor shift the pages.
 */
export function encodeCursor(at: string, id: string): string {
  return base64url(new TextEncoder().encode(`${at}|${id}`))
}

/** A cursor read back, or a 422 naming `cursor` for anything this app did not make. */
export function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)))
    const [at = '', id = ''] = text.split('|')
    // Ids are UUIDs, or 32 hex digits where SQL made them.
    if (!Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{32,36}$/.test(id)) return { at, id }
  } catch {
    // fall through to the refusal
  }
  throw new DomainError('invalid', 'invalidValue', 'cursor')
}

/** Rows after `cursor` in newest-first order (`at DESC, id DESC`): older, or as old with a smaller id. */
export function olderThan(at: string, id: string, cursor: { at: string; id: string }) {
  return sql<SqlBool>`(${sql.ref(at)} < ${cursor.at} OR (${sql.ref(at)} = ${cursor.at} AND ${sql.ref(id)} < ${cursor.id}))`
}
