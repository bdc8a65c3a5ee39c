import { Hono } from 'hono'
import { ErrorPage } from '../templates/error-page.tsx'
import type { Deps } from './deps.ts'
import { csrfProtection } from './http/csrf.ts'
import type { AppEnv } from './http/env.ts'
import { language } from './http/language.ts'
import { pageContext } from './http/page.ts'
import { problem, problemFor, refusalFor } from './http/problem.ts'
import { securityHeaders } from './http/security-headers.ts'
import { browserSession } from './http/session.ts'
import { adminRegencyRoutes } from './routes/admin-regency.tsx'
import { adminUserRoutes } from './routes/admin-users.tsx'
import { api } from './routes/api/index.ts'
import { assetRoutes } from './routes/assets.ts'
import { calendarFeeds } from './routes/calendar.ts'
import { dashboardRoutes } from './routes/dashboard.tsx'
import { healthRoutes } from './routes/health.ts'
import { homeRoutes } from './routes/home.tsx'
import { languageRoutes } from './routes/language.ts'
import { meetingRoutes } from './routes/meetings.tsx'
import { myCalendarRoutes } from './routes/my-calendar.tsx'
import { reportRoutes } from './routes/reports.tsx'
import { setupRoutes } from './routes/setup.tsx'
import { webAuth } from './routes/web-auth.tsx'

const isApi = (path: string) => path.startsWith('/api/')

/**
 * Builds the whole app from its dependencies. Web-standard only: no `node:*`, no SQLite,
 * no `cloudflare:*` here; src/entry/ adapts it to each runtime.
 */
export function createApp(deps: Deps) {
  const pages = new Hono<AppEnv>()
    .use(browserSession())
    .use(csrfProtection((c) => c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.csrf} />, 403)))
    .route('/', webAuth)
    .route('/', languageRoutes)
    .route('/', homeRoutes)
    .route('/', adminUserRoutes)
    .route('/', adminRegencyRoutes)
    .route('/', reportRoutes)
    .route('/', dashboardRoutes)
    .route('/', meetingRoutes)
    .route('/', myCalendarRoutes)
    .route('/', setupRoutes)

  return new Hono<AppEnv>()
    .use(securityHeaders())
    .use(async (c, next) => {
      c.set('deps', deps)
      await next()
    })
    // Feeds before the language middleware: they are Indonesian for every client, and must
    // not Vary on request headers that calendar clients do not send.
    .route('/', calendarFeeds)
    .use(language())
    .route('/', healthRoutes)
    .route('/', assetRoutes)
    .route('/api/v1', api)
    .route('/', pages)
    .notFound((c) => {
      if (isApi(c.req.path)) return problem(c, 404, 'notFound')
      return c.html(<ErrorPage ctx={{ ...pageContext(c), csrfToken: '' }} message={c.var.t.errors.notFound} />, 404)
    })
    .onError((error, c) => {
      if (isApi(c.req.path)) return problemFor(c, error) ?? (console.error(error), problem(c, 500, 'server'))
      const refusal = refusalFor(error)
      if (refusal) return c.html(<ErrorPage ctx={{ ...pageContext(c), csrfToken: c.var.csrfToken ?? '' }} message={c.var.t.errors[refusal.key]} />, refusal.status)
      console.error(error)
      return c.html(<ErrorPage ctx={{ ...pageContext(c), csrfToken: c.var.csrfToken ?? '' }} message={c.var.t.errors.server} />, 500)
    })
}

export type App = ReturnType<typeof createApp>
