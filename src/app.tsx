import { Hono, type MiddlewareHandler } from 'hono'
import { ErrorPage } from '../templates/error-page.tsx'
import { CSRF_FIELD } from '../templates/form-fields.tsx'
import type { Deps } from './deps.ts'
import { PHOTO_LIMITS } from './domain/report-photos.ts'
import { answerHeaders } from './http/answer-headers.ts'
import { signedInPages } from './http/auth.ts'
import { sizedBodyLimit } from './http/body-limit.ts'
import { csrfProtection } from './http/csrf.ts'
import type { AppEnv } from './http/env.ts'
import { language } from './http/language.ts'
import { pageContext } from './http/page.ts'
import { announceRetry, problem, refusalFor } from './http/problem.ts'
import { logError, requestLog } from './http/request-log.ts'
import { browserSession } from './http/session.ts'
import { unreadNotifications } from './http/unread.ts'
import { adminRegencyRoutes } from './routes/admin-regency.tsx'
import { adminUserRoutes } from './routes/admin-users.tsx'
import { api } from './routes/api/index.ts'
import { apiDocsRoutes } from './routes/api-docs.tsx'
import { assetRoutes } from './routes/assets.ts'
import { calendarFeeds } from './routes/calendar.ts'
import { dashboardRoutes } from './routes/dashboard.tsx'
import { healthRoutes } from './routes/health.ts'
import { homeRoutes } from './routes/home.tsx'
import { languageRoutes } from './routes/language.ts'
import { meetingRoutes } from './routes/meetings.tsx'
import { myCalendarRoutes } from './routes/my-calendar.tsx'
import { notificationRoutes } from './routes/notifications.tsx'
import { reportRoutes } from './routes/reports.tsx'
import { setupRoutes } from './routes/setup.tsx'
import { passwordRoutes, webAuth } from './routes/web-auth.tsx'

// Where photos are uploaded: filing a report, commenting on one (pages and API).
const PHOTO_UPLOAD_PATH = /^(\/api\/v1)?\/reports(\/[^/]+\/events)?\/?$/

/**
 * Builds the whole app from its dependencies. Web-standard only: no `node:*`, no SQLite,
 * no `cloudflare:*` here; src/entry/ adapts it to each runtime, with `outermost` middleware of its
 * own (Node's compression) run before everything else. Given here, not by mounting this app in
 * another: a mounted app's not-found answer is not its parent's.
 */
export function createApp(deps: Deps, outermost: MiddlewareHandler[] = []) {
  const pages = new Hono<AppEnv>()
    .use(browserSession())
    .use(unreadNotifications())
    .use(
      csrfProtection({
        field: CSRF_FIELD,
        onFailure: (c) => c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.csrf} />, 403),
      }),
    )
    // Public pages first; every other page needs a browser session.
    .route('/', webAuth)
    .route('/', languageRoutes)
    .route('/', setupRoutes)
    .route(
      '/',
      signedInPages(
        passwordRoutes,
        homeRoutes,
        adminUserRoutes,
        adminRegencyRoutes,
        reportRoutes,
        dashboardRoutes,
        meetingRoutes,
        myCalendarRoutes,
        notificationRoutes,
      ),
    )

  const app = new Hono<AppEnv>()
  for (const middleware of outermost) app.use(middleware)
  return (
    app
      .use(answerHeaders())
      .use(async (c, next) => {
        c.set('deps', deps)
        await next()
      })
      .use(requestLog())
      // Feeds before the language middleware: they are Indonesian for every client, and must
      // not Vary on request headers that calendar clients do not send.
      .route('/', calendarFeeds)
      .use(language())
      .use(
        sizedBodyLimit({
          // Forms and JSON are small; minutes (up to 65,000 characters) and whole agendas (200 items)
          // are the largest texts, percent-encoded at worst nine bytes a character.
          sizes: [
            { path: /^(\/api\/v1)?\/meetings\/[^/]+\/(minutes|agenda)$/, maxBytes: 1024 * 1024 },
            // A letterhead logo (at most 256 KB) with its multipart envelope.
            { path: /^\/admin\/regencies\/[^/]+\/logo$/, maxBytes: 320 * 1024 },
            // A report or a comment with its photos (10 MB together), its fields and the envelope.
            { path: PHOTO_UPLOAD_PATH, maxBytes: PHOTO_LIMITS.totalBytes + 64 * 1024 },
          ],
          defaultMaxBytes: 64 * 1024,
          // Read to the end when refused, so the answer arrives: a little over the largest limit.
          drainBytes: 16 * 1024 * 1024,
          onError: (c, drainedBody) => {
            // The rest of a larger body is not worth receiving: the connection ends with the answer.
            if (!drainedBody) c.header('Connection', 'close')
            const key = PHOTO_UPLOAD_PATH.test(c.req.path) ? 'photosTooLarge' : 'bodyTooLarge'
            return c.req.path.startsWith('/api/')
              ? problem(c, 413, key)
              : c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors[key]} />, 413)
          },
        }),
      )
      .route('/', healthRoutes)
      .route('/', assetRoutes)
      .route('/', apiDocsRoutes)
      // The API answers its own errors as problem+json.
      .route('/api/v1', api)
      .route('/', pages)
      .notFound((c) => {
        if (c.req.path.startsWith('/api/')) return problem(c, 404, 'notFound')
        return c.html(<ErrorPage ctx={pageContext(c)} message={c.var.t.errors.notFound} />, 404)
      })
      .onError((error, c) => {
        const refusal = refusalFor(error)
        if (!refusal) logError(c, error)
        announceRetry(c, error)
        const message = c.var.t.errors[refusal?.key ?? 'server']
        return c.html(<ErrorPage ctx={pageContext(c)} message={message} />, refusal?.status ?? 500)
      })
  )
}

export type App = ReturnType<typeof createApp>
