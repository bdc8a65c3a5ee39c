import { type Expression, type SqlBool, sql } from 'kysely'
import type { Deps } from '../deps.ts'
import { levelOfCode } from './regions.ts'

// At most this many words of a search count; the box takes 200 characters.
const MAX_WORDS = 16

// A search matching at most this many reports in its region reads them through the index and
// sorts them; one matching more reads the region's reports newest first and keeps the matches,
// which then lie densely enough to fill a page from a few thousand rows at worst. Each report
// read through the index costs about 15 µs with its joins: 2,000 of them took 30 ms at 500,000
// reports, where reading newest first took 10.
export const INDEX_DRIVEN_LIMIT = 500

const PLACE_PREFIX = { province: 'p', regency: 'r', district: 'd', village: 'v' } as const

/**
 * A search box's words as an FTS5 query (see migrations 0014 and 0018): every word must be a word of
 * the report, in any order, case and diacritics aside; within `regionCode` when given. Null when
 * the text has no words: nothing matches it. Whole words, not prefixes: FTS5 gathers a prefix's
 * every posting before answering (9 ms instead of 1.6 for a common word in a regency of 25,000
 * reports, and growing with the nation's).
 */
export function searchMatch(text: string, regionCode?: string): string | null {
  const words = searchWords(text).slice(0, MAX_WORDS)
  if (words.length === 0) return null
  return [...words, ...(regionCode ? [placeWord(regionCode)] : [])].map((word) => `"${word}"`).join(' ')
}

/**
 * The words of a text, each one word to unicode61 as well: an index without positions refuses a
 * query "word" it reads as two. Nonspacing marks go first: the index removes the diacritics among
 * them (a rarer one it reads as a space, and such a word then finds nothing, but never fails).
 * Then letters and digits make words, and everything else parts them: the other marks, which
 * unicode61 reads as spaces, and the private-use character that begins the index's place words.
 */
function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

// What begins each place word in the index (migration 0018): private use, in no word of a search.
const PLACE_MARK = '\uE000'

/** A region's code as the word the index holds for it: `35.10.01` → U+E000 `d351001`. */
function placeWord(code: string): string {
  return PLACE_MARK + PLACE_PREFIX[levelOfCode(code)] + code.replaceAll('.', '')
}

/** Whether a search matches few enough reports to read them through the index (INDEX_DRIVEN_LIMIT). */
export async function fewMatches(deps: Pick<Deps, 'db'>, match: string): Promise<boolean> {
  const { n } = await deps.db
    .selectFrom(
      sql<{ one: number }>`(SELECT 1 AS one FROM report_search WHERE report_search MATCH ${match} LIMIT ${INDEX_DRIVEN_LIMIT + 1})`.as(
        'matched',
      ),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return n <= INDEX_DRIVEN_LIMIT
}

/**
 * A report is among a search's matches: for reading a region's reports in order and keeping those.
 * The matches are gathered once into a lookup table; the unary `+` keeps SQLite from reading the
 * reports through them instead (thousands, to sort), so it reads the region's newest first.
 */
export function matchesSearch(match: string): Expression<SqlBool> {
  return sql<SqlBool>`+reports.seq IN (SELECT rowid FROM report_search WHERE report_search MATCH ${match})`
}
