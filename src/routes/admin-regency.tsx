import { Hono } from 'hono'
import type { Context } from 'hono'
import * as v from 'valibot'
import { RegencySettingsPage } from '../../templates/regency-settings-page.tsx'
import { addCategory, regencyCategories, retireCategory } from '../domain/categories.ts'
import { DomainError } from '../domain/errors.ts'
import { ackDeadlines, setAckDeadlines } from '../domain/regency-settings.ts'
import { deadlinesSchema, holidaySchema, newCategorySchema, rakorRuleSchema } from '../domain/regency-admin-input.ts'
import { holidaysIn, rakorRule, removeHoliday, setHoliday, setRakorRule } from '../domain/rakor-schedule.ts'
import { findRegion } from '../domain/regions.ts'
import { assertAdminOf } from '../domain/scope.ts'
import type { AppEnv } from '../http/env.ts'
import { formErrors, formFields, pageContext, requireSignedIn } from '../http/page.ts'
import { statusOf } from '../http/problem.ts'
import { fieldProblems } from '../http/validate.ts'

interface Shown {
  values?: Record<string, string>
  errors?: Record<string, string>
  alert?: string
  notice?: string
}

async function render(c: Context<AppEnv>, shown: Shown = {}, status: 200 | 409 | 422 = 200) {
  const code = c.req.param('code') ?? ''
  const regency = await findRegion(c.var.deps.db, code)
  if (!regency || regency.level !== 'regency') throw new DomainError('not_found', 'notFound')
  assertAdminOf(c.var.user!, code)
  const year = c.var.deps.clock().getUTCFullYear()
  const [categories, deadlines, rule, holidays] = await Promise.all([
    regencyCategories(c.var.deps, code, c.var.lang),
    ackDeadlines(c.var.deps, code),
    rakorRule(c.var.deps, code),
    // This year's and next year's: planning looks ahead.
    Promise.all([holidaysIn(c.var.deps, code, year), holidaysIn(c.var.deps, code, year + 1)]).then(([a, b]) => [...new Map([...a, ...b].map((h) => [h.date, h])).values()]),
  ])
  return c.html(
    <RegencySettingsPage ctx={pageContext(c)} regency={regency} categories={categories} deadlines={deadlines} rule={rule} holidays={holidays} values={shown.values ?? {}} errors={shown.errors ?? {}} alert={shown.alert} notice={shown.notice} />,
    status,
  )
}

/** A form that failed validation, re-shown with each message beside its field. */
function invalid(c: Context<AppEnv>, form: Record<string, string>, issues: Parameters<typeof fieldProblems>[0]) {
  return render(c, { values: form, errors: formErrors(c, issues), alert: c.var.t.errors.validation }, 422)
}

/** Regency admins' report settings pages: categories and acknowledgement deadlines. */
export const adminRegencyRoutes = new Hono<AppEnv>()
  .use('/admin/regencies/:code/*', requireSignedIn(), async (c, next) => {
    assertAdminOf(c.var.user!, c.req.param('code') ?? '')
    await next()
  })
  .use('/admin/regencies/:code', requireSignedIn())
  .get('/admin/regencies/:code', (c) => render(c))
  .post('/admin/regencies/:code/categories', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(newCategorySchema, form)
    if (!parsed.success) return invalid(c, form, parsed.issues)
    try {
      await addCategory(c.var.deps, c.var.user!.id, c.req.param('code'), parsed.output)
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return render(c, { values: form, errors: { [error.field]: c.var.t.errors[error.key] } }, statusOf(error) as 409)
    }
    return render(c, { notice: c.var.t.users.saved })
  })
  .post('/admin/regencies/:code/categories/:category/retire', async (c) => {
    await retireCategory(c.var.deps, c.var.user!.id, c.req.param('code'), c.req.param('category'))
    return render(c, { notice: c.var.t.users.saved })
  })
  .post('/admin/regencies/:code/deadlines', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(deadlinesSchema, { awas: Number(form.awas), siaga: Number(form.siaga) })
    if (!parsed.success) return invalid(c, form, parsed.issues)
    await setAckDeadlines(c.var.deps, c.var.user!.id, c.req.param('code'), parsed.output)
    return render(c, { notice: c.var.t.users.saved })
  })
  .post('/admin/regencies/:code/rakor-rule', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(rakorRuleSchema, { ...form, week: Number(form.week), weekday: Number(form.weekday) })
    if (!parsed.success) return invalid(c, form, parsed.issues)
    await setRakorRule(c.var.deps, c.var.user!.id, c.req.param('code'), parsed.output)
    return render(c, { notice: c.var.t.users.saved })
  })
  .post('/admin/regencies/:code/holidays', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(holidaySchema, form)
    if (!parsed.success) return invalid(c, form, parsed.issues)
    await setHoliday(c.var.deps, c.var.user!.id, c.req.param('code'), parsed.output)
    return render(c, { notice: c.var.t.users.saved })
  })
  .post('/admin/regencies/:code/holidays/:date/remove', async (c) => {
    await removeHoliday(c.var.deps, c.var.user!.id, c.req.param('code'), c.req.param('date'))
    return render(c, { notice: c.var.t.users.saved })
  })
