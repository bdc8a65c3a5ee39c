import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { calendarResponse } from '../../src/http/calendar-response.ts'

describe('calendar responses', () => {
  it('know their ETag before rendering: a 304 renders nothing, and a feed renders once until it changes', async () => {
    let renders = 0
    let key = 'meetings as of version 1'
    const app = new Hono().get('/feed.ics', (c) =>
      calendarResponse(
        c,
        {
          key,
          render: () => {
            renders++
            return `BEGIN:VCALENDAR\r\nX-KEY:${key}\r\nEND:VCALENDAR\r\n`
          },
          lastModified: new Date('2026-11-20T03:00:00Z'),
        },
        { private: false, filename: 'feed.ics' },
      ),
    )
    const first = await app.request('/feed.ics')
    expect(first.status).toBe(200)
    expect(await first.text()).toContain('version 1')
    const etag = first.headers.get('ETag')!
    expect((await app.request('/feed.ics', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    expect((await app.request('/feed.ics')).status).toBe(200)
    expect(renders).toBe(1)
    key = 'meetings as of version 2'
    const changed = await app.request('/feed.ics', { headers: { 'If-None-Match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('ETag')).not.toBe(etag)
    expect(await changed.text()).toContain('version 2')
    expect(renders).toBe(2)
  })
})
