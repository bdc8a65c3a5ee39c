import { Hono } from 'hono'
import { addCategory, regencyCategories, retireCategory } from '../../domain/categories.ts'
import { DomainError } from '../../domain/errors.ts'
import { ackDeadlines, setAckDeadlines } from '../../domain/regency-settings.ts'
import { deadlinesSchema, holidaySchema, newCategorySchema, rakorRuleSchema } from '../../domain/regency-admin-input.ts'
import { holidaysIn, rakorRule, removeHoliday, setHoliday, setRakorRule } from '../../domain/rakor-schedule.ts'
import { findRegion } from '../../domain/regions.ts'
import { assertAdminOf, assertWorksInRegency } from '../../domain/scope.ts'
import { requireBearer } from '../../http/bearer.ts'
import type { AppEnv } from '../../http/env.ts'
import { parseOrProblem, readJson } from '../../http/validate.ts'

/** The regency's code from the path, refused unless it is a stored regency. */
async function regencyParam(deps: AppEnv['Variables']['deps'], code: string): Promise<string> {
  const region = await findRegion(deps.db, code)
  if (!region) throw new DomainError('not_found', 'notFound')
  if (region.level !== 'regency') throw new DomainError('invalid', 'notRegency', 'regency')
  return code
}

/**
 * Per-regency report settings: categories (everyone in the regency reads them; its admins add
 * and retire) and acknowledgement deadlines.
 */
export const apiRegencySettings = new Hono<AppEnv>()
  .use(requireBearer())
  .get('/:code/categories', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertWorksInRegency(c.var.user!, regency)
    return c.json({ items: await regencyCategories(c.var.deps, regency, c.var.lang) })
  })
  .post('/:code/categories', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    const input = parseOrProblem(newCategorySchema, await readJson(c.req.raw))
    await addCategory(c.var.deps, c.var.user!.id, regency, input)
    return c.json({ items: await regencyCategories(c.var.deps, regency, c.var.lang) }, 201)
  })
  .post('/:code/categories/:category/retire', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    await retireCategory(c.var.deps, c.var.user!.id, regency, c.req.param('category'))
    return c.json({ items: await regencyCategories(c.var.deps, regency, c.var.lang) })
  })
  .get('/:code/deadlines', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertWorksInRegency(c.var.user!, regency)
    return c.json(await ackDeadlines(c.var.deps, regency))
  })
  .put('/:code/deadlines', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    const deadlines = parseOrProblem(deadlinesSchema, await readJson(c.req.raw))
    await setAckDeadlines(c.var.deps, c.var.user!.id, regency, deadlines)
    return c.json(deadlines)
  })
  .get('/:code/rakor-rule', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertWorksInRegency(c.var.user!, regency)
    return c.json(await rakorRule(c.var.deps, regency))
  })
  .put('/:code/rakor-rule', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    const rule = parseOrProblem(rakorRuleSchema, await readJson(c.req.raw))
    await setRakorRule(c.var.deps, c.var.user!.id, regency, rule)
    return c.json(rule)
  })
  .get('/:code/holidays', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertWorksInRegency(c.var.user!, regency)
    const year = Number(c.req.query('year') ?? c.var.deps.clock().getUTCFullYear())
    return c.json({ items: await holidaysIn(c.var.deps, regency, Number.isInteger(year) ? year : c.var.deps.clock().getUTCFullYear()) })
  })
  .put('/:code/holidays/:date', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    const holiday = parseOrProblem(holidaySchema, { ...(await readJson(c.req.raw)), date: c.req.param('date') })
    await setHoliday(c.var.deps, c.var.user!.id, regency, holiday)
    return c.json(holiday)
  })
  .delete('/:code/holidays/:date', async (c) => {
    const regency = await regencyParam(c.var.deps, c.req.param('code'))
    assertAdminOf(c.var.user!, regency)
    await removeHoliday(c.var.deps, c.var.user!.id, regency, c.req.param('date'))
    return c.body(null, 204)
  })
