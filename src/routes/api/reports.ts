import { Hono } from 'hono'
import type { Context } from 'hono'
import { regencyCategories } from '../../domain/categories.ts'
import { dashboardFor } from '../../domain/dashboard.ts'
import { allReports, listReports } from '../../domain/report-list.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../../domain/report-input.ts'
import { reportsCsv } from '../../domain/report-csv.ts'
import { addReportEvent, fileReport, reportJson, reportTimeline, visibleReport } from '../../domain/reports.ts'
import { regencyOfCode } from '../../domain/regions.ts'
import { requireBearer } from '../../http/bearer.ts'
import type { AppEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** Early-warning reports: filing, lists, one report with its timeline, events. */
export const apiReports = new Hono<AppEnv>()
  .use(requireBearer())
  .post('/', async (c) => {
    const input = parseOrProblem(newReportSchema, await readJson(c.req.raw))
    const { report, created } = await fileReport(c.var.deps, c.var.user!, input)
    return c.json(reportJson(report), created ? 201 : 200)
  })
  .get('/', async (c) => {
    const page = await listReports(c.var.deps, c.var.user!, parseOrProblem(reportFilterSchema, c.req.query()))
    return c.json({ items: page.items.map(reportJson), next_cursor: page.next_cursor })
  })
  .get('/:id', async (c) => {
    const report = await visibleReport(c.var.deps, c.var.user!, c.req.param('id'))
    return c.json({ ...reportJson(report), timeline: await reportTimeline(c.var.deps, report) })
  })
  .post('/:id/events', async (c) => {
    const input = parseOrProblem(reportEventSchema, await readJson(c.req.raw))
    await addReportEvent(c.var.deps, c.var.user!, c.req.param('id'), input)
    const report = await visibleReport(c.var.deps, c.var.user!, c.req.param('id'))
    return c.json({ ...reportJson(report), timeline: await reportTimeline(c.var.deps, report) }, 201)
  })

/** The filtered reports as a CSV download, for the signed-in viewer (API and pages alike). */
export async function reportsCsvResponse(c: Context<AppEnv>): Promise<Response> {
  const viewer = c.var.user!
  const rows = await allReports(c.var.deps, viewer, parseOrProblem(reportFilterSchema, c.req.query()))
  const categories = await regencyCategories(c.var.deps, regencyOfCode(viewer.scope_code), c.var.lang)
  return c.body(reportsCsv(rows, c.var.t, categories), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="laporan-${viewer.scope_code}.csv"`,
  })
}

/** The CSV export (`/reports.csv`, beside the reports resource) and the dashboard summary. */
export const apiReportViews = new Hono<AppEnv>()
  .use('/reports.csv', requireBearer())
  .use('/dashboard', requireBearer())
  .get('/reports.csv', reportsCsvResponse)
  .get('/dashboard', async (c) => {
    const region = c.req.query('region') ?? c.var.user!.scope_code
    const { region: _region, ...summary } = await dashboardFor(c.var.deps, c.var.user!, region)
    return c.json(summary)
  })
