import { Hono } from 'hono'
import { childRegions, findRegion, isRegionCode } from '../../domain/regions.ts'
import { regionJson } from '../../domain/views.ts'
import type { AppEnv } from '../../http/env.ts'
import { problem } from '../../http/problem.ts'

/** Public region data: one region and its children. */
export const apiRegions = new Hono<AppEnv>()
  .get('/:code', async (c) => {
    const code = c.req.param('code')
    const region = isRegionCode(code) ? await findRegion(c.var.deps.db, code) : undefined
    if (!region) return problem(c, 404, 'notFound')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json(regionJson(region))
  })
  .get('/:code/children', async (c) => {
    const code = c.req.param('code')
    const region = isRegionCode(code) ? await findRegion(c.var.deps.db, code) : undefined
    if (!region) return problem(c, 404, 'notFound')
    c.header('Cache-Control', 'public, max-age=3600')
    return c.json({ items: (await childRegions(c.var.deps.db, code)).map(regionJson) })
  })
