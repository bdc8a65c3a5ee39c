import { type SqlBool, sql } from 'kysely'
import { DomainError } from './errors.ts'
import { base64url } from './secrets.ts'

/** What breaks ties of the same time in a keyset: an id (UUIDs, or 32 hex digits where SQL made them), or a seq. */
const TIE_BREAKS = { id: /^[0-9a-f-]{32,36}$/, seq: /^[1-9][0-9]{0,14}$/ }

export interface KeysetCursor {
  at: string
  id: string | number
}

/**
 * A keyset cursor: the (time, tie-break) of the last row a page showed, opaque to clients. The
 * next page starts strictly after it, so rows added meanwhile neither repeat nor shift the pages.
 */
export function encodeCursor(at: string, id: string | number): string {
  return base64url(new TextEncoder().encode(`${at}|${id}`))
}

/** A cursor read back with its tie-break of the kind `tieBreak`, or a 422 naming `cursor` for anything this app did not make. */
export function decodeCursor(cursor: string, tieBreak: keyof typeof TIE_BREAKS = 'id'): KeysetCursor {
  try {
    const text = new TextDecoder().decode(Uint8Array.from(atob(cursor.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)))
    const [at = '', id = ''] = text.split('|')
    if (!Number.isNaN(Date.parse(at)) && TIE_BREAKS[tieBreak].test(id)) return { at, id: tieBreak === 'seq' ? Number(id) : id }
  } catch {
    // fall through to the refusal
  }
  throw new DomainError('invalid', 'invalidValue', 'cursor')
}

/** Rows after `cursor` in newest-first order (`at DESC, tieBreak DESC`): older, or as old with a smaller tie-break. */
export function olderThan(at: string, tieBreak: string, cursor: KeysetCursor) {
  return sql<SqlBool>`(${sql.ref(at)} < ${cursor.at} OR (${sql.ref(at)} = ${cursor.at} AND ${sql.ref(tieBreak)} < ${cursor.id}))`
}
