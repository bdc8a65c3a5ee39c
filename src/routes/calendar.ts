import { Hono } from 'hono'
import { calendarFeed, personalFeed, regionFeed } from '../domain/calendar-feed.ts'
import { calendarTokenOwner } from '../domain/calendar-tokens.ts'
import { findRegion, isRegionCode } from '../domain/regions.ts'
import { calendarResponse } from '../http/calendar-response.ts'
import type { AppEnv } from '../http/env.ts'

const notFound = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

/**
 * Calendar feeds, for subscription by calendar clients (no cookies, no login): a region's
 * public Rakor, and a person's own invitations behind a private token.
 */
export const calendarFeeds = new Hono<AppEnv>()
  .get('/calendar/u/:file{[A-Za-z0-9_-]{43}\\.ics}', async (c) => {
    const token = c.req.param('file').slice(0, -4)
    const owner = await calendarTokenOwner(c.var.deps, token)
    if (!owner) return notFound()
    const feed = await personalFeed(c.var.deps, owner.id)
    const text = {
      name: `Rakor ${owner.name}`,
      description: `Rakor Sinergitas Tiga Pilar yang mengundang ${owner.name}`,
      origin: c.var.deps.publicUrl,
    }
    return calendarResponse(c, calendarFeed(feed.meetings, text, feed.lastModified), { private: true, filename: 'rakor-saya.ics' })
  })
  .get('/calendar/:file{[0-9.]+\\.ics}', async (c) => {
    const code = c.req.param('file').slice(0, -4)
    const region = isRegionCode(code) ? await findRegion(c.var.deps.db, code) : undefined
    if (!region) return notFound()
    const feed = await regionFeed(c.var.deps, code, c.req.query('include_cancelled') !== '0')
    const text = {
      name: `Rakor ${region.name}`,
      description: `Jadwal Rakor Sinergitas Tiga Pilar untuk ${region.name} (${region.code}) dan wilayah di atas serta di bawahnya`,
      origin: c.var.deps.publicUrl,
    }
    return calendarResponse(c, calendarFeed(feed.meetings, text, feed.lastModified), { private: false, filename: `rakor-${code}.ics` })
  })
