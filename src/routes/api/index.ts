import { Hono } from 'hono'
import { signedInApi } from '../../http/auth.ts'
import type { AppEnv } from '../../http/env.ts'
import { problem, problemFor } from '../../http/problem.ts'
import { logError } from '../../http/request-log.ts'
import { apiLogin, apiLogout } from './auth.ts'
import { apiCalendarTokens } from './calendar-tokens.ts'
import { openApiDocument } from './description.ts'
import { apiMe } from './me.ts'
import { apiMeetings, apiMeetingViews } from './meetings.ts'
import { apiNotifications } from './notifications.ts'
import { apiRegencySettings } from './regency-settings.ts'
import { apiRegions } from './regions.ts'
import { apiReports, apiReportViews } from './reports.ts'
import { apiUsers } from './users.ts'

/**
 * The JSON API, `/api/v1`. Every error is application/problem+json (RFC 9457). Routes are
 * refused without a bearer token unless they are listed here as public.
 */
export const api = new Hono<AppEnv>()
  // Public: logging in, the region tables, and this API's description.
  .route('/auth', apiLogin)
  .get('/openapi.json', (c) => c.json(openApiDocument(c.var.deps.publicUrl)))
  .route('/regions', apiRegions)
  .route(
    '/',
    signedInApi(
      apiLogout,
      apiMe,
      apiUsers,
      apiReportViews,
      apiReports,
      apiRegencySettings,
      apiMeetings,
      apiMeetingViews,
      apiCalendarTokens,
      apiNotifications,
    ),
  )
  // Catch-all inside /api/v1, so an unknown API path never reaches the HTML pages' middleware.
  .all('*', (c) => problem(c, 404, 'notFound'))
  .onError((error, c) => {
    const response = problemFor(c, error)
    if (response) return response
    logError(c, error)
    return problem(c, 500, 'server')
  })
