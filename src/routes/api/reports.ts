import type { Context } from 'hono'
import { Hono } from 'hono'
import { dashboardFor } from '../../domain/dashboard.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../../domain/report-input.ts'
import { listReports } from '../../domain/report-list.ts'
import { photosOfReports } from '../../domain/report-photos.ts'
import { addReportEvent, fileReport, reportTimeline, visibleReport } from '../../domain/reports.ts'
import { photoJson, reportJson } from '../../domain/views.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { formFields, formFiles } from '../../http/form.ts'
import { expensive } from '../../http/per-user-budget.ts'
import { photoResponse } from '../../http/photo-response.ts'
import { reportsCsvResponse, reportsXlsxResponse } from '../../http/report-export.ts'
import { sendSoon } from '../../http/send-soon.ts'
import { filledParams, parseOrProblem, readJson } from '../../http/validate.ts'

/** One report with its photos and timeline, as the viewer may see it. */
async function reportWithTimeline(c: Context<SignedInEnv>, id: string) {
  const { deps, user } = c.var
  const report = await visibleReport(deps, user, id)
  const photos = await photosOfReports(deps, [report.id])
  const timeline = await reportTimeline(deps, report, photos)
  return {
    ...reportJson(report, photos, deps.publicUrl),
    timeline: timeline.map(({ id: _id, ...entry }) => ({
      ...entry,
      photos: entry.photos.map((photo) => photoJson(deps.publicUrl, photo)),
    })),
  }
}

// Multipart fields arrive as text; these are the ones the JSON contract has as numbers or booleans.
const NUMBER_FIELDS = new Set(['latitude', 'longitude', 'version'])
const BOOLEAN_FIELDS = new Set(['restricted'])

/** A multipart text field as the JSON contract types it; anything else stays text, for the schema to refuse. */
function typedField(name: string, value: string): unknown {
  if (NUMBER_FIELDS.has(name) && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  if (BOOLEAN_FIELDS.has(name) && ['true', 'false'].includes(value)) return value === 'true'
  if (name === 'client_id' && value === '') return null
  return value
}

/**
 * The request's fields and photos: a JSON body (no photos), or multipart/form-data with the same
 * fields as form fields and the files as repeated `photos` parts.
 */
async function fieldsAndPhotos(c: Context<SignedInEnv>): Promise<{ fields: Record<string, unknown>; photos: Uint8Array[] }> {
  if (!c.req.header('Content-Type')?.toLowerCase().startsWith('multipart/form-data'))
    return { fields: await readJson(c.req.raw), photos: [] }
  const form = await formFields(c)
  const fields = Object.fromEntries(Object.entries(form).map(([name, value]) => [name, typedField(name, value)]))
  return { fields, photos: await formFiles(c, 'photos') }
}

/** Early-warning reports: filing, lists, one report with its timeline, events, photos. */
export const apiReports = new Hono<SignedInEnv>()
  .basePath('/reports')
  .post('/', async (c) => {
    const { deps, user } = c.var
    const { fields, photos } = await fieldsAndPhotos(c)
    const { report, created } = await fileReport(deps, user, parseOrProblem(newReportSchema, fields), photos)
    if (created && report.alert_level === 'awas') sendSoon(c)
    // A report just filed without photos has none to read back; a retry answers with the stored one's.
    const stored = created && photos.length === 0 ? [] : await photosOfReports(deps, [report.id])
    return c.json(reportJson(report, stored, deps.publicUrl), created ? 201 : 200)
  })
  .get('/', async (c) => {
    const { deps, user } = c.var
    const page = await listReports(deps, user, parseOrProblem(reportFilterSchema, filledParams(c.req.query())))
    const photos = await photosOfReports(
      deps,
      page.items.map((report) => report.id),
    )
    return c.json({ items: page.items.map((report) => reportJson(report, photos, deps.publicUrl)), next_cursor: page.next_cursor })
  })
  .get('/:id', async (c) => c.json(await reportWithTimeline(c, c.req.param('id'))))
  .post('/:id/events', async (c) => {
    const { fields, photos } = await fieldsAndPhotos(c)
    await addReportEvent(c.var.deps, c.var.user, c.req.param('id'), parseOrProblem(reportEventSchema, fields), photos)
    return c.json(await reportWithTimeline(c, c.req.param('id')), 201)
  })
  .get('/:id/photos/:photoId', (c) => photoResponse(c, 'display'))
  .get('/:id/photos/:photoId/thumbnail', (c) => photoResponse(c, 'thumbnail'))

/** The CSV export (`/reports.csv`, beside the reports resource) and the dashboard summary. */
export const apiReportViews = new Hono<SignedInEnv>()
  .get('/reports.csv', expensive, reportsCsvResponse)
  .get('/reports.xlsx', expensive, reportsXlsxResponse)
  .get('/dashboard', expensive.onThisThread, async (c) => {
    const region = c.req.query('region') ?? c.var.user.scope_code
    const { region: _region, ...summary } = await dashboardFor(c.var.deps, c.var.user, region)
    return c.json(summary)
  })
