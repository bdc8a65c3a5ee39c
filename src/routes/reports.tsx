import type { Context } from 'hono'
import { Hono } from 'hono'
import { ReportFormPage, type ReportFormValues } from '../../templates/report-form-page.tsx'
import { ReportPage, type SubmittedEvent } from '../../templates/report-page.tsx'
import { ReportsPage } from '../../templates/reports-page.tsx'
import { nextStatuses } from '../domain/alert-levels.ts'
import { regencyCategories } from '../domain/categories.ts'
import { localInputValue, parseLocalTime } from '../domain/local-time.ts'
import { assertCan, can } from '../domain/permissions.ts'
import { regionChoices } from '../domain/region-choices.ts'
import { findRegion, regencyOfCode, timezoneOfCode } from '../domain/regions.ts'
import { newReportSchema, reportEventSchema, reportFilterSchema } from '../domain/report-input.ts'
import { listReports } from '../domain/report-list.ts'
import { photosOfReports } from '../domain/report-photos.ts'
import { addReportEvent, attentionOf, fileReport, reportTimeline, visibleReport } from '../domain/reports.ts'
import type { SignedInEnv } from '../http/env.ts'
import { type FormFeedback, formFields, formFiles, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { expensive } from '../http/per-user-budget.ts'
import { photoResponse } from '../http/photo-response.ts'
import { reportsCsvResponse, reportsXlsxResponse } from '../http/report-export.ts'
import { sendSoon } from '../http/send-soon.ts'
import { filledParams, parseOrProblem } from '../http/validate.ts'

/** The form's fields as the API's JSON: local time gets the village's offset, numbers parsed. */
function reportInputFromForm(form: Record<string, string>, villageCode: string) {
  const number = (text?: string) => (text?.trim() ? Number(text.trim().replace(',', '.')) : null)
  const local = form.occurred_at ?? ''
  return {
    village_code: villageCode,
    category: form.category ?? '',
    alert_level: form.alert_level ?? '',
    title: form.title ?? '',
    description: form.description ?? '',
    // A datetime-local input sends wall-clock minutes of the village's zone.
    occurred_at: (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) && parseLocalTime(local, timezoneOfCode(villageCode))) || local,
    latitude: number(form.latitude),
    longitude: number(form.longitude),
    restricted: form.restricted === '1',
    client_id: form.client_id || null,
  }
}

async function renderForm(c: Context<SignedInEnv>, values: ReportFormValues, feedback?: FormFeedback) {
  const { user, deps } = c.var
  const village = (await findRegion(deps.db, user.scope_code))!
  const categories = await regencyCategories(deps, regencyOfCode(user.scope_code), c.var.lang)
  const page = (
    <ReportFormPage
      ctx={pageContext(c)}
      village={village}
      categories={categories}
      values={values}
      errors={feedback?.errors ?? {}}
      alert={feedback?.alert}
    />
  )
  return c.html(page, feedback?.status ?? 200)
}

async function renderReport(
  c: Context<SignedInEnv>,
  id: string,
  shown: { feedback?: FormFeedback; submitted?: SubmittedEvent; notice?: string } = {},
) {
  const { deps, user } = c.var
  const report = await visibleReport(deps, user, id)
  const photos = await photosOfReports(deps, [report.id])
  const [timeline, categories] = await Promise.all([
    reportTimeline(deps, report, photos),
    regencyCategories(deps, report.regency_code, c.var.lang),
  ])
  const page = (
    <ReportPage
      ctx={pageContext(c)}
      report={report}
      photos={photos.filter((photo) => photo.event_id === null)}
      timeline={timeline}
      categories={categories}
      statusChoices={can(user, 'report.review', report.village_code) ? nextStatuses(report.status) : []}
      attention={attentionOf(report, deps.clock())}
      errors={shown.feedback?.errors ?? {}}
      submitted={shown.submitted}
      alert={shown.feedback?.alert}
      notice={shown.notice}
    />
  )
  return c.html(page, shown.feedback?.status ?? 200)
}

/** Report pages: filing (no JavaScript needed), list with filters, CSV, one report, its photos. */
export const reportRoutes = new Hono<SignedInEnv>()
  .get('/reports', async (c) => {
    const { user, deps } = c.var
    const query = c.req.query()
    const page = await listReports(deps, user, parseOrProblem(reportFilterSchema, filledParams(query)))
    const categories = await regencyCategories(deps, regencyOfCode(user.scope_code), c.var.lang)
    const regions = await regionChoices(deps.db, user.scope_code)
    const { cursor: _cursor, ...kept } = query
    return c.html(
      <ReportsPage
        ctx={pageContext(c)}
        reports={page.items}
        categories={categories}
        regions={regions}
        filter={kept}
        nextCursor={page.next_cursor}
        canFile={can(user, 'report.file', user.scope_code)}
      />,
    )
  })
  .get('/reports.csv', expensive, reportsCsvResponse)
  .get('/reports.xlsx', expensive, reportsXlsxResponse)
  .get('/reports/new', async (c) => {
    const { user, deps } = c.var
    assertCan(user, 'report.file', user.scope_code)
    return renderForm(c, {
      client_id: crypto.randomUUID(),
      alert_level: 'normal',
      occurred_at: localInputValue(deps.clock(), timezoneOfCode(user.scope_code)),
    })
  })
  .post('/reports', async (c) => {
    const { user } = c.var
    assertCan(user, 'report.file', user.scope_code)
    const form = await formFields(c)
    // A re-shown form gets a fresh key: nothing was filed under the one it came with, or (409) that
    // key already holds another report and must not be sent again.
    const values = { ...form, client_id: crypto.randomUUID() }
    return handleForm(
      c,
      (feedback) => renderForm(c, values, feedback),
      async () => {
        const { report, created } = await fileReport(
          c.var.deps,
          user,
          parseOrProblem(newReportSchema, reportInputFromForm(form, user.scope_code)),
          await formFiles(c, 'photos'),
        )
        if (created && report.alert_level === 'awas') sendSoon(c)
        return c.redirect(`/reports/${report.id}?filed=1`, 303)
      },
    )
  })
  .get('/reports/:id', (c) => renderReport(c, c.req.param('id'), { notice: c.req.query('filed') ? c.var.t.reports.filed : undefined }))
  .post('/reports/:id/events', async (c) => {
    const form = await formFields(c)
    const id = c.req.param('id')
    // A refusal (a stale version included) re-shows the page as it now is, with what was typed.
    const submitted: SubmittedEvent = { type: form.type === 'status' ? 'status' : 'comment', note: form.note ?? '', status: form.status }
    return handleForm(
      c,
      (feedback) => renderReport(c, id, { feedback, submitted }),
      async () => {
        const input = {
          type: form.type,
          note: form.note ?? '',
          ...(form.type === 'status' ? { status: form.status, version: Number(form.version) } : {}),
        }
        await addReportEvent(c.var.deps, c.var.user, id, parseOrProblem(reportEventSchema, input), await formFiles(c, 'photos'))
        return c.redirect(`/reports/${id}`, 303)
      },
    )
  })
  .get('/reports/:id/photos/:photoId', (c) => photoResponse(c, 'display'))
  .get('/reports/:id/photos/:photoId/thumbnail', (c) => photoResponse(c, 'thumbnail'))
