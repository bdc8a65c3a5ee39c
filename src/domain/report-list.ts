import type { Deps } from '../deps.ts'
import { alertRank } from './alert-levels.ts'
import { DomainError } from './errors.ts'
import { decodeCursor, encodeCursor, olderThan } from './keyset-cursor.ts'
import { localDayEnd, localDayStart } from './local-time.ts'
import { type Actor, assertCan, reportRegionColumn, reportsVisibleTo } from './permissions.ts'
import { timezoneOfCode } from './regions.ts'
import type { ReportFilter } from './report-input.ts'
import { fewMatches, matchesSearch, searchMatch } from './report-search.ts'
import { type ReportRow, reportsQuery } from './reports.ts'

export interface ReportPage {
  items: ReportRow[]
  next_cursor: string | null
}

/** A `YYYY-MM-DD` bound is a whole local day of the viewer's zone; an instant is itself. */
function bound(value: string, viewer: Actor, edge: 'from' | 'to'): { op: '>=' | '<' | '<='; at: string } {
  if (value.length !== 10) return { op: edge === 'from' ? '>=' : '<=', at: value }
  const zone = timezoneOfCode(viewer.scope_code)
  return edge === 'from'
    ? { op: '>=', at: localDayStart(value, zone).toISOString() }
    : { op: '<', at: localDayEnd(value, zone).toISOString() }
}

/** The filtered reports a viewer sees, newest first (by when it happened), one page at a time. */
export async function listReports(deps: Pick<Deps, 'db' | 'readerDb'>, viewer: Actor, filter: ReportFilter): Promise<ReportPage> {
  if (filter.region) assertCan(viewer, 'region.view', filter.region, () => new DomainError('forbidden', 'outsideScope', 'region'))
  const regionColumn = filter.region ? reportRegionColumn(filter.region) : undefined
  const cursor = filter.cursor ? decodeCursor(filter.cursor, 'seq') : undefined
  const limit = filter.limit
  const match = filter.q ? searchMatch(filter.q, filter.region ?? viewer.scope_code) : undefined
  if (match === null) return { items: [], next_cursor: null }
  const indexDriven = match !== undefined && (await fewMatches(deps, match))
  // A word in many reports is searched in time order, each report checked against the word index
  // (54 ms for a common word at 5,000,000 reports): on a reader thread where there is one, so the
  // serving thread stays free meanwhile. A rare word's few reports are quicker read here.
  const reading = match && !indexDriven ? { db: deps.readerDb ?? deps.db } : deps

  const rows = await reportsQuery(reading, indexDriven ? match : undefined)
    .where(reportsVisibleTo(viewer))
    .$if(regionColumn !== undefined, (qb) => qb.where(regionColumn!, '=', filter.region!))
    .$if(filter.status !== undefined, (qb) => qb.where('reports.status', '=', filter.status!))
    .$if(filter.alert_level !== undefined, (qb) => qb.where('reports.alert_level', '=', filter.alert_level!))
    .$if(filter.min_alert_level !== undefined, (qb) => qb.where('reports.alert_rank', '>=', alertRank(filter.min_alert_level!)))
    .$if(filter.category !== undefined, (qb) => qb.where('reports.category', '=', filter.category!))
    .$if(filter.from !== undefined, (qb) => {
      const { op, at } = bound(filter.from!, viewer, 'from')
      return qb.where('reports.occurred_at', op, at)
    })
    .$if(filter.to !== undefined, (qb) => {
      const { op, at } = bound(filter.to!, viewer, 'to')
      return qb.where('reports.occurred_at', op, at)
    })
    .$if(match !== undefined && !indexDriven, (qb) => qb.where(matchesSearch(match!)))
    .$if(cursor !== undefined, (qb) => qb.where(olderThan('reports.occurred_at', 'reports.seq', cursor!)))
    .orderBy('reports.occurred_at', 'desc')
    // Ties of the same time in filing order: the time indexes end with seq (migration 0018).
    .orderBy('reports.seq', 'desc')
    .limit(limit + 1)
    .execute()

  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(last.occurred_at, last.seq) : null }
}

// A workbook is built whole in memory, so it carries at most this many reports, and says so; the
// CSV export streams every one.
export const XLSX_LIMIT = 20_000

/**
 * Every report of a filter, a page at a time, newest first: what exports read as they write. The
 * first page is small, so a download starts at once; the rest are larger, so it ends sooner, but
 * no larger than what the serving thread formats in a few milliseconds (a page of 1,000 held it
 * for 50 ms while other requests waited).
 */
export async function* reportPages(deps: Pick<Deps, 'db'>, viewer: Actor, filter: ReportFilter): AsyncGenerator<ReportRow[]> {
  let cursor: string | undefined
  let pageSize = 100
  do {
    const page = await listReports(deps, viewer, { ...filter, limit: pageSize, cursor })
    if (page.items.length > 0) yield page.items
    cursor = page.next_cursor ?? undefined
    pageSize = 250
  } while (cursor)
}

/** The first `limit` reports of a filter, and whether more matched. */
export async function firstReports(
  deps: Pick<Deps, 'db'>,
  viewer: Actor,
  filter: ReportFilter,
  limit: number,
): Promise<{ rows: ReportRow[]; more: boolean }> {
  const rows: ReportRow[] = []
  for await (const page of reportPages(deps, viewer, filter)) {
    rows.push(...page)
    if (rows.length > limit) return { rows: rows.slice(0, limit), more: true }
  }
  return { rows, more: false }
}
