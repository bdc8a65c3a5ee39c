import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../../http/env.ts'
import { problem, problemFor } from '../../http/problem.ts'
import { apiAuth } from './auth.ts'
import { apiMe } from './me.ts'
import { apiCalendarTokens } from './calendar-tokens.ts'
import { apiMeetings, apiMeetingViews } from './meetings.ts'
import { apiRegencySettings } from './regency-settings.ts'
import { apiRegions } from './regions.ts'
import { apiReports, apiReportViews } from './reports.ts'
import { apiUsers } from './users.ts'

/** The JSON API, `/api/v1`. Every error is application/problem+json (RFC 9457). */
export const api = new Hono<AppEnv>()
  .use(bodyLimit({ maxSize: 64 * 1024, onError: (c) => problem(c, 413, 'bodyTooLarge') }))
  .route('/auth', apiAuth)
  .route('/me', apiMe)
  .route('/regions', apiRegions)
  .route('/users', apiUsers)
  .route('/', apiReportViews)
  .route('/reports', apiReports)
  .route('/regencies', apiRegencySettings)
  .route('/meetings', apiMeetings)
  .route('/calendar-tokens', apiCalendarTokens)
  .route('/', apiMeetingViews)
  // Catch-all inside /api/v1, so an unknown API path never reaches the HTML pages' middleware.
  .all('*', (c) => problem(c, 404, 'notFound'))
  .onError((error, c) => {
    const response = problemFor(c, error)
    if (response) return response
    console.error(error)
    return problem(c, 500, 'server')
  })
