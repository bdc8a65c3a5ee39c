import { Hono } from 'hono'
import { APP_CSS } from '../../templates/app-css.ts'
import type { AppEnv } from '../http/env.ts'

/** The stylesheet; cached for a day, revalidated after. */
export const assetRoutes = new Hono<AppEnv>().get('/assets/app.css', (c) =>
  c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }),
)
