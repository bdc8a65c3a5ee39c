import { Hono } from 'hono'
import { addCategory, regencyCategories, retireCategory } from '../../domain/categories.ts'
import { holidaysIn, rakorRule, removeHoliday, setHoliday, setRakorRule } from '../../domain/rakor-schedule.ts'
import {
  deadlinesSchema,
  holidaySchema,
  letterheadSchema,
  newCategorySchema,
  notificationRulesSchema,
  rakorRuleSchema,
} from '../../domain/regency-admin-input.ts'
import {
  ackDeadlines,
  letterhead,
  notificationRules,
  regencyFor,
  setAckDeadlines,
  setLetterhead,
  setNotificationRules,
} from '../../domain/regency-settings.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/**
 * Per-regency settings: report categories, acknowledgement deadlines, the Rakor rule and
 * holidays. Everyone whose work they shape reads them; the regency's admins change them.
 */
export const apiRegencySettings = new Hono<SignedInEnv>()
  .basePath('/regencies')
  .get('/:code/categories', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    return c.json({ items: await regencyCategories(c.var.deps, regency.code, c.var.lang) })
  })
  .post('/:code/categories', async (c) => {
    const { code } = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.configure')
    await addCategory(c.var.deps, c.var.user, code, parseOrProblem(newCategorySchema, await readJson(c.req.raw)))
    return c.json({ items: await regencyCategories(c.var.deps, code, c.var.lang) }, 201)
  })
  .post('/:code/categories/:category/retire', async (c) => {
    await retireCategory(c.var.deps, c.var.user, c.req.param('code'), c.req.param('category'))
    return c.json({ items: await regencyCategories(c.var.deps, c.req.param('code'), c.var.lang) })
  })
  .get('/:code/deadlines', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    return c.json(await ackDeadlines(c.var.deps, regency.code))
  })
  .put('/:code/deadlines', async (c) => {
    const { code } = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.configure')
    const deadlines = parseOrProblem(deadlinesSchema, await readJson(c.req.raw))
    await setAckDeadlines(c.var.deps, c.var.user, code, deadlines)
    return c.json(deadlines)
  })
  .get('/:code/notification-rules', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    return c.json(await notificationRules(c.var.deps, regency.code))
  })
  .put('/:code/notification-rules', async (c) => {
    const rules = parseOrProblem(notificationRulesSchema, await readJson(c.req.raw))
    await setNotificationRules(c.var.deps, c.var.user, c.req.param('code'), rules)
    return c.json(rules)
  })
  .get('/:code/letterhead', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    return c.json(await letterhead(c.var.deps, regency.code))
  })
  .put('/:code/letterhead', async (c) => {
    const value = parseOrProblem(letterheadSchema, await readJson(c.req.raw))
    await setLetterhead(c.var.deps, c.var.user, c.req.param('code'), value)
    return c.json(value)
  })
  .get('/:code/rakor-rule', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    return c.json(await rakorRule(c.var.deps, regency.code))
  })
  .put('/:code/rakor-rule', async (c) => {
    const { code } = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.configure')
    const rule = parseOrProblem(rakorRuleSchema, await readJson(c.req.raw))
    await setRakorRule(c.var.deps, c.var.user, code, rule)
    return c.json(rule)
  })
  .get('/:code/holidays', async (c) => {
    const regency = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.read')
    const thisYear = c.var.deps.clock().getUTCFullYear()
    const year = Number(c.req.query('year') ?? thisYear)
    return c.json({ items: await holidaysIn(c.var.deps, regency.code, Number.isInteger(year) ? year : thisYear) })
  })
  .put('/:code/holidays/:date', async (c) => {
    const { code } = await regencyFor(c.var.deps, c.var.user, c.req.param('code'), 'regency.configure')
    const holiday = parseOrProblem(holidaySchema, { ...(await readJson(c.req.raw)), date: c.req.param('date') })
    await setHoliday(c.var.deps, c.var.user, code, holiday)
    return c.json(holiday)
  })
  .delete('/:code/holidays/:date', async (c) => {
    await removeHoliday(c.var.deps, c.var.user, c.req.param('code'), c.req.param('date'))
    return c.body(null, 204)
  })
