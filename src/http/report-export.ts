import type { Context } from 'hono'
import { regencyCategories } from '../domain/categories.ts'
import { regencyOfCode } from '../domain/regions.ts'
import { reportsCsv } from '../domain/report-csv.ts'
import { reportFilterSchema } from '../domain/report-input.ts'
import { allReports } from '../domain/report-list.ts'
import type { SignedInEnv } from './env.ts'
import { parseOrProblem } from './validate.ts'

/** The filtered reports as a CSV download, for the signed-in viewer (API and pages alike). */
export async function reportsCsvResponse(c: Context<SignedInEnv>): Promise<Response> {
  const viewer = c.var.user
  const rows = await allReports(c.var.deps, viewer, parseOrProblem(reportFilterSchema, c.req.query()))
  const categories = await regencyCategories(c.var.deps, regencyOfCode(viewer.scope_code), c.var.lang)
  return c.body(reportsCsv(rows, c.var.t, categories), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="laporan-${viewer.scope_code}.csv"`,
  })
}
