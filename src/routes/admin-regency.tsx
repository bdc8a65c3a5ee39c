import type { Context } from 'hono'
import { Hono } from 'hono'
import { RegencySettingsPage } from '../../templates/regency-settings-page.tsx'
import { addCategory, regencyCategories, retireCategory } from '../domain/categories.ts'
import { DomainError } from '../domain/errors.ts'
import { newWebhookSchema } from '../domain/notification-input.ts'
import { NOTIFICATION_KINDS } from '../domain/notification-kinds.ts'
import { holidaysIn, rakorRule, removeHoliday, setHoliday, setRakorRule } from '../domain/rakor-schedule.ts'
import {
  deadlinesSchema,
  holidaySchema,
  letterheadSchema,
  newCategorySchema,
  notificationRulesSchema,
  rakorRuleSchema,
} from '../domain/regency-admin-input.ts'
import {
  ackDeadlines,
  letterhead,
  notificationRules,
  regencyFor,
  setAckDeadlines,
  setLetterhead,
  setLetterheadLogo,
  setNotificationRules,
} from '../domain/regency-settings.ts'
import { createWebhook, listWebhooks, removeWebhook, rotateWebhookSecret, webhookJson } from '../domain/webhooks.ts'
import type { SignedInEnv } from '../http/env.ts'
import { readFlash, setFlash } from '../http/flash.ts'
import { type FormFeedback, formFields, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { parseOrProblem } from '../http/validate.ts'

/** The settings page of the regency in the path, for its admins; after a change, or re-showing a refused form. */
async function render(c: Context<SignedInEnv>, shown: { values?: Record<string, string>; feedback?: FormFeedback; notice?: string } = {}) {
  const { deps, user } = c.var
  const regency = await regencyFor(deps, user, c.req.param('code') ?? '', 'regency.configure')
  const year = deps.clock().getUTCFullYear()
  const [categories, deadlines, rule, holidays, head, rules, webhooks, newSecret] = await Promise.all([
    regencyCategories(deps, regency.code, c.var.lang),
    ackDeadlines(deps, regency.code),
    rakorRule(deps, regency.code),
    // This year's and next year's: planning looks ahead.
    Promise.all([holidaysIn(deps, regency.code, year), holidaysIn(deps, regency.code, year + 1)]).then(([a, b]) => [
      ...new Map([...a, ...b].map((h) => [h.date, h])).values(),
    ]),
    letterhead(deps, regency.code),
    notificationRules(deps, regency.code),
    listWebhooks(deps, user, regency.code),
    readFlash(c, `/admin/regencies/${regency.code}`),
  ])
  const { values = {}, feedback, notice } = shown
  const page = (
    <RegencySettingsPage
      ctx={pageContext(c)}
      regency={regency}
      categories={categories}
      deadlines={deadlines}
      rule={rule}
      holidays={holidays}
      letterhead={head}
      notificationRules={rules}
      webhooks={webhooks.map(webhookJson)}
      newSecret={newSecret}
      values={values}
      errors={feedback?.errors ?? {}}
      alert={feedback?.alert}
      notice={notice}
    />
  )
  return c.html(page, feedback?.status ?? 200)
}

/** Runs one settings form: back to the page with a notice (303), or the page with the refusal beside its field. */
async function settingsForm(c: Context<SignedInEnv>, change: (form: Record<string, string>) => Promise<unknown>) {
  const form = await formFields(c)
  return handleForm(
    c,
    (feedback) => render(c, { values: form, feedback }),
    async () => {
      await change(form)
      return c.redirect(`/admin/regencies/${c.req.param('code')}?saved=1`, 303)
    },
  )
}

/** Regency admins' settings pages: categories, acknowledgement deadlines, Rakor rule, holidays. */
export const adminRegencyRoutes = new Hono<SignedInEnv>()
  .get('/admin/regencies/:code', (c) => render(c, { notice: c.req.query('saved') ? c.var.t.admin.saved : undefined }))
  .post('/admin/regencies/:code/categories', (c) =>
    settingsForm(c, (form) => addCategory(c.var.deps, c.var.user, c.req.param('code'), parseOrProblem(newCategorySchema, form))),
  )
  .post('/admin/regencies/:code/categories/:category/retire', (c) =>
    settingsForm(c, () => retireCategory(c.var.deps, c.var.user, c.req.param('code'), c.req.param('category'))),
  )
  .post('/admin/regencies/:code/letterhead', (c) =>
    settingsForm(c, (form) => setLetterhead(c.var.deps, c.var.user, c.req.param('code'), parseOrProblem(letterheadSchema, form))),
  )
  .post('/admin/regencies/:code/logo', (c) =>
    settingsForm(c, async () => {
      const body = await c.req.parseBody()
      if (body.remove === '1') return setLetterheadLogo(c.var.deps, c.var.user, c.req.param('code'), null)
      const file = body.logo
      if (!(file instanceof File) || file.size === 0) throw new DomainError('invalid', 'required', 'logo')
      return setLetterheadLogo(c.var.deps, c.var.user, c.req.param('code'), new Uint8Array(await file.arrayBuffer()))
    }),
  )
  .post('/admin/regencies/:code/deadlines', (c) =>
    settingsForm(c, (form) =>
      setAckDeadlines(
        c.var.deps,
        c.var.user,
        c.req.param('code'),
        parseOrProblem(deadlinesSchema, { awas: Number(form.awas), siaga: Number(form.siaga) }),
      ),
    ),
  )
  .post('/admin/regencies/:code/notification-rules', (c) =>
    settingsForm(c, (form) =>
      setNotificationRules(
        c.var.deps,
        c.var.user,
        c.req.param('code'),
        parseOrProblem(notificationRulesSchema, {
          reminder_hours: Number(form.reminder_hours),
          siaga_to_regency: form.siaga_to_regency === '1',
          waspada_to_district: form.waspada_to_district === '1',
        }),
      ),
    ),
  )
  .post('/admin/regencies/:code/webhooks', (c) =>
    settingsForm(c, async (form) => {
      const events = NOTIFICATION_KINDS.filter((kind) => form[`event:${kind}`] === '1')
      const { secret } = await createWebhook(
        c.var.deps,
        c.var.user,
        c.req.param('code'),
        parseOrProblem(newWebhookSchema, { url: form.url, events }),
      )
      await setFlash(c, `/admin/regencies/${c.req.param('code')}`, secret)
    }),
  )
  .post('/admin/regencies/:code/webhooks/:id/rotate', (c) =>
    settingsForm(c, async () => {
      const secret = await rotateWebhookSecret(c.var.deps, c.var.user, c.req.param('code'), c.req.param('id'))
      await setFlash(c, `/admin/regencies/${c.req.param('code')}`, secret)
    }),
  )
  .post('/admin/regencies/:code/webhooks/:id/remove', (c) =>
    settingsForm(c, () => removeWebhook(c.var.deps, c.var.user, c.req.param('code'), c.req.param('id'))),
  )
  .post('/admin/regencies/:code/rakor-rule', (c) =>
    settingsForm(c, (form) =>
      setRakorRule(
        c.var.deps,
        c.var.user,
        c.req.param('code'),
        parseOrProblem(rakorRuleSchema, { ...form, week: Number(form.week), weekday: Number(form.weekday) }),
      ),
    ),
  )
  .post('/admin/regencies/:code/holidays', (c) =>
    settingsForm(c, (form) => setHoliday(c.var.deps, c.var.user, c.req.param('code'), parseOrProblem(holidaySchema, form))),
  )
  .post('/admin/regencies/:code/holidays/:date/remove', (c) =>
    settingsForm(c, () => removeHoliday(c.var.deps, c.var.user, c.req.param('code'), c.req.param('date'))),
  )
