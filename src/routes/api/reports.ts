import type { Context } from 'hono'
import { Hono } from 'hono'
import { dashboardFor } from '../../domain/dashboard.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../../domain/report-input.ts'
import { listReports } from '../../domain/report-list.ts'
import { addReportEvent, fileReport, reportTimeline, visibleReport } from '../../domain/reports.ts'
import { reportJson } from '../../domain/views.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { expensive } from '../../http/per-user-budget.ts'
import { reportsCsvResponse, reportsXlsxResponse } from '../../http/report-export.ts'
import { sendSoon } from '../../http/send-soon.ts'
import { filledParams, parseOrProblem, readJson } from '../../http/validate.ts'

/** One report with its timeline, as the viewer may see it. */
async function reportWithTimeline(c: Context<SignedInEnv>, id: string) {
  const report = await visibleReport(c.var.deps, c.var.user, id)
  return { ...reportJson(report), timeline: await reportTimeline(c.var.deps, report) }
}

/** Early-warning reports: filing, lists, one report with its timeline, events. */
export const apiReports = new Hono<SignedInEnv>()
  .basePath('/reports')
  .post('/', async (c) => {
    const input = parseOrProblem(newReportSchema, await readJson(c.req.raw))
    const { report, created } = await fileReport(c.var.deps, c.var.user, input)
    if (created && report.alert_level === 'awas') sendSoon(c)
    return c.json(reportJson(report), created ? 201 : 200)
  })
  .get('/', async (c) => {
    const page = await listReports(c.var.deps, c.var.user, parseOrProblem(reportFilterSchema, filledParams(c.req.query())))
    return c.json({ items: page.items.map(reportJson), next_cursor: page.next_cursor })
  })
  .get('/:id', async (c) => c.json(await reportWithTimeline(c, c.req.param('id'))))
  .post('/:id/events', async (c) => {
    const input = parseOrProblem(reportEventSchema, await readJson(c.req.raw))
    await addReportEvent(c.var.deps, c.var.user, c.req.param('id'), input)
    return c.json(await reportWithTimeline(c, c.req.param('id')), 201)
  })

/** The CSV export (`/reports.csv`, beside the reports resource) and the dashboard summary. */
export const apiReportViews = new Hono<SignedInEnv>()
  .get('/reports.csv', expensive, reportsCsvResponse)
  .get('/reports.xlsx', expensive, reportsXlsxResponse)
  .get('/dashboard', expensive, async (c) => {
    const region = c.req.query('region') ?? c.var.user.scope_code
    const { region: _region, ...summary } = await dashboardFor(c.var.deps, c.var.user, region)
    return c.json(summary)
  })
