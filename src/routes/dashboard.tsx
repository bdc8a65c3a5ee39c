import { Hono } from 'hono'
import { DashboardPage } from '../../templates/dashboard-page.tsx'
import { regencyCategories } from '../domain/categories.ts'
import { dashboardFor } from '../domain/dashboard.ts'
import { regionChoices } from '../domain/region-choices.ts'
import { regencyOfCode, timezoneOfCode } from '../domain/regions.ts'
import type { SignedInEnv } from '../http/env.ts'
import { pageContext } from '../http/page.ts'
import { expensive } from '../http/per-user-budget.ts'

/** The reviewers' dashboard page (`?region=` any district or regency in scope). */
export const dashboardRoutes = new Hono<SignedInEnv>().get('/dashboard', expensive.onThisThread, async (c) => {
  const region = c.req.query('region') || c.var.user.scope_code
  const dashboard = await dashboardFor(c.var.deps, c.var.user, region)
  const categories = await regencyCategories(c.var.deps, regencyOfCode(region), c.var.lang)
  const regions = await regionChoices(c.var.deps.db, c.var.user.scope_code, 'districts')
  const page = (
    <DashboardPage ctx={pageContext(c)} dashboard={dashboard} categories={categories} timezone={timezoneOfCode(region)} regions={regions} />
  )
  return c.html(page)
})
