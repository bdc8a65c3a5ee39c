import type { Context } from 'hono'
import { type Category, regencyCategories } from '../domain/categories.ts'
import { regencyOfCode, regionNames } from '../domain/regions.ts'
import { reportsCsvStream } from '../domain/report-csv.ts'
import { type ReportFilter, reportFilterSchema } from '../domain/report-input.ts'
import { firstReports, reportPages, XLSX_LIMIT } from '../domain/report-list.ts'
import { reportsXlsx } from '../domain/report-xlsx.ts'
import type { SignedInEnv } from './env.ts'
import { filledParams, parseOrProblem } from './validate.ts'

/** The request's filters, the categories to name reports by, and the download's name. */
async function exportOf(c: Context<SignedInEnv>): Promise<{ filter: ReportFilter; categories: Category[]; filename: string }> {
  const viewer = c.var.user
  const filter = parseOrProblem(reportFilterSchema, filledParams(c.req.query()))
  const categories = await regencyCategories(c.var.deps, regencyOfCode(viewer.scope_code), c.var.lang)
  return { filter, categories, filename: `laporan-${viewer.scope_code}` }
}

/** Every report the viewer may see under the request's filters, as a CSV download written as it is read (API and pages alike). */
export async function reportsCsvResponse(c: Context<SignedInEnv>): Promise<Response> {
  const { filter, categories, filename } = await exportOf(c)
  const stream = await reportsCsvStream(reportPages(c.var.deps, c.var.user, filter), c.var.t, categories)
  return c.body(stream, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}.csv"`,
  })
}

/** The same reports as an Excel workbook, the first XLSX_LIMIT of them; a last row says when there were more. */
export async function reportsXlsxResponse(c: Context<SignedInEnv>): Promise<Response> {
  const { filter, categories, filename } = await exportOf(c)
  const { rows, more } = await firstReports(c.var.deps, c.var.user, filter, XLSX_LIMIT)
  const districts = await regionNames(
    c.var.deps.db,
    rows.map((row) => row.district_code),
  )
  const note = more ? c.var.t.reports.xlsxLimited(XLSX_LIMIT) : undefined
  return c.body(await reportsXlsx(rows, c.var.t, categories, districts, note), 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="${filename}.xlsx"`,
    ...(more && { 'X-Export-Limited': String(XLSX_LIMIT) }),
  })
}
