import type { Context } from 'hono'
import { regencyCategories } from '../domain/categories.ts'
import { regencyOfCode, regionNames } from '../domain/regions.ts'
import { reportsCsv } from '../domain/report-csv.ts'
import { reportFilterSchema } from '../domain/report-input.ts'
import { allReports } from '../domain/report-list.ts'
import { reportsXlsx } from '../domain/report-xlsx.ts'
import type { SignedInEnv } from './env.ts'
import { filledParams, parseOrProblem } from './validate.ts'

/** The reports the viewer may see under the request's filters, with the categories to name them. */
async function exportedReports(c: Context<SignedInEnv>) {
  const viewer = c.var.user
  const rows = await allReports(c.var.deps, viewer, parseOrProblem(reportFilterSchema, filledParams(c.req.query())))
  const categories = await regencyCategories(c.var.deps, regencyOfCode(viewer.scope_code), c.var.lang)
  return { rows, categories, filename: `laporan-${viewer.scope_code}` }
}

/** The filtered reports as a CSV download, for the signed-in viewer (API and pages alike). */
export async function reportsCsvResponse(c: Context<SignedInEnv>): Promise<Response> {
  const { rows, categories, filename } = await exportedReports(c)
  return c.body(reportsCsv(rows, c.var.t, categories), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}.csv"`,
  })
}

/** The same reports as an Excel workbook. */
export async function reportsXlsxResponse(c: Context<SignedInEnv>): Promise<Response> {
  const { rows, categories, filename } = await exportedReports(c)
  const districts = await regionNames(
    c.var.deps.db,
    rows.map((row) => row.district_code),
  )
  return c.body(await reportsXlsx(rows, c.var.t, categories, districts), 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="${filename}.xlsx"`,
  })
}
