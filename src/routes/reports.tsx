import { Hono } from 'hono'
import type { Context } from 'hono'
import * as v from 'valibot'
import { fieldErrors } from '../../templates/form-fields.tsx'
import { ReportFormPage, type ReportFormValues } from '../../templates/report-form-page.tsx'
import { ReportPage } from '../../templates/report-page.tsx'
import { ReportsPage } from '../../templates/reports-page.tsx'
import { regencyCategories } from '../domain/categories.ts'
import { DomainError } from '../domain/errors.ts'
import { offsetHours, toLocalIso } from '../domain/local-time.ts'
import { findRegion, levelOfCode, regencyOfCode, timezoneOfCode } from '../domain/regions.ts'
import { listReports } from '../domain/report-list.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../domain/report-input.ts'
import { canChangeStatus } from '../domain/report-visibility.ts'
import { addReportEvent, attentionOf, fileReport, reportTimeline, visibleReport } from '../domain/reports.ts'
import type { AppEnv } from '../http/env.ts'
import { reportsCsvResponse } from './api/reports.ts'
import { formErrors, formFields, pageContext, requireSignedIn } from '../http/page.ts'
import { statusOf, translateProblems } from '../http/problem.ts'
import { fieldProblems, parseOrProblem } from '../http/validate.ts'

/** The form's fields as the API's JSON: local time gets the village's offset, numbers parsed. */
function reportInputFromForm(form: Record<string, string>, villageCode: string) {
  const offset = `+${String(offsetHours(timezoneOfCode(villageCode))).padStart(2, '0')}:00`
  const number = (text?: string) => (text?.trim() ? Number(text.trim().replace(',', '.')) : null)
  const local = form.occurred_at ?? ''
  return {
    village_code: villageCode,
    category: form.category ?? '',
    alert_level: form.alert_level ?? '',
    title: form.title ?? '',
    description: form.description ?? '',
    occurred_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00${offset}` : local,
    latitude: number(form.latitude),
    longitude: number(form.longitude),
    restricted: form.restricted === '1',
    client_id: form.client_id || null,
  }
}

async function renderForm(c: Context<AppEnv>, values: ReportFormValues, errors: Record<string, string>, status: 200 | 403 | 422 = 200) {
  const user = c.var.user!
  const village = (await findRegion(c.var.deps.db, user.scope_code))!
  const categories = await regencyCategories(c.var.deps, regencyOfCode(user.scope_code), c.var.lang)
  const alert = Object.keys(errors).length ? c.var.t.errors.validation : undefined
  return c.html(<ReportFormPage ctx={pageContext(c)} village={village} categories={categories} values={values} errors={errors} alert={alert} />, status)
}

async function renderReport(c: Context<AppEnv>, id: string, extra: { errors?: Record<string, string>; alert?: string; notice?: string } = {}, status: 200 | 403 | 409 | 422 = 200) {
  const { deps, user } = c.var
  const report = await visibleReport(deps, user!, id)
  const [timeline, categories] = await Promise.all([reportTimeline(deps, report), regencyCategories(deps, report.regency_code, c.var.lang)])
  return c.html(
    <ReportPage ctx={pageContext(c)} report={report} timeline={timeline} categories={categories} canChangeStatus={canChangeStatus(user!)} attention={attentionOf(report, deps.clock())} errors={extra.errors ?? {}} alert={extra.alert} notice={extra.notice} />,
    status,
  )
}

/** Report pages: filing (no JavaScript needed), list with filters, CSV, one report. */
export const reportRoutes = new Hono<AppEnv>()
  .use('/reports', requireSignedIn())
  .use('/reports/*', requireSignedIn())
  .use('/reports.csv', requireSignedIn())
  .get('/reports', async (c) => {
    const query = c.req.query()
    const filter = parseOrProblem(reportFilterSchema, query)
    const page = await listReports(c.var.deps, c.var.user!, filter)
    const categories = await regencyCategories(c.var.deps, regencyOfCode(c.var.user!.scope_code), c.var.lang)
    const { cursor: _cursor, ...kept } = query
    const canFile = levelOfCode(c.var.user!.scope_code) === 'village'
    return c.html(<ReportsPage ctx={pageContext(c)} reports={page.items} categories={categories} filter={kept} nextCursor={page.next_cursor} canFile={canFile} />)
  })
  .get('/reports.csv', reportsCsvResponse)
  .get('/reports/new', async (c) => {
    if (levelOfCode(c.var.user!.scope_code) !== 'village') throw new DomainError('forbidden', 'forbidden')
    const now = toLocalIso(c.var.deps.clock().toISOString(), timezoneOfCode(c.var.user!.scope_code)).slice(0, 16)
    return renderForm(c, { client_id: crypto.randomUUID(), alert_level: 'normal', occurred_at: now }, {})
  })
  .post('/reports', async (c) => {
    const user = c.var.user!
    if (levelOfCode(user.scope_code) !== 'village') throw new DomainError('forbidden', 'forbidden')
    const form = await formFields(c)
    const values = { ...form, client_id: form.client_id || crypto.randomUUID() }
    const parsed = v.safeParse(newReportSchema, reportInputFromForm(form, user.scope_code))
    if (!parsed.success) return renderForm(c, values, formErrors(c, parsed.issues), 422)
    try {
      const { report } = await fileReport(c.var.deps, user, parsed.output)
      return c.redirect(`/reports/${report.id}?filed=1`, 303)
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return renderForm(c, values, { [error.field]: c.var.t.errors[error.key] }, statusOf(error) as 403 | 422)
    }
  })
  .get('/reports/:id', (c) => renderReport(c, c.req.param('id'), { notice: c.req.query('filed') ? c.var.t.reports.filed : undefined }))
  .post('/reports/:id/events', async (c) => {
    const form = await formFields(c)
    const id = c.req.param('id')
    const input = { type: form.type, note: form.note ?? '', ...(form.type === 'status' ? { status: form.status, version: Number(form.version) } : {}) }
    const parsed = v.safeParse(reportEventSchema, input)
    const noteField = form.type === 'status' ? 'status_note' : 'comment_note'
    if (!parsed.success) {
      const problems = translateProblems(c.var.t, fieldProblems(parsed.issues)).map((p) => ({ ...p, path: p.path === 'note' ? noteField : p.path }))
      return renderReport(c, id, { errors: fieldErrors(problems), alert: c.var.t.errors.validation }, 422)
    }
    try {
      await addReportEvent(c.var.deps, c.var.user!, id, parsed.output)
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error
      return renderReport(c, id, { alert: c.var.t.errors[error.key] }, statusOf(error) as 403 | 409 | 422)
    }
    return c.redirect(`/reports/${id}`, 303)
  })
