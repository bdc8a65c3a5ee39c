import ICAL from 'ical.js'
import { sync as nodeIcal } from 'node-ical'
import { describe, expect, it } from 'vitest'
import { importRegions, toRegionRows } from '../../src/domain/region-import.ts'
import { createUser } from '../../src/domain/users.ts'
import { apiLogin, bearer, type Fixtures, type Harness, json, PASSWORD, signIn } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures }

const NOW = new Date('2026-12-01T02:00:00Z')

interface MeetingJson {
  id: string
  sequence: number
  updated_at: string
}

/** The VEVENTs of a feed as Thunderbird's parser reads them. */
function icalEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  // Register the feed's own VTIMEZONEs, as a client does, so TZIDs resolve to offsets.
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone)
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)) }
}

/** Quarterly Rakor in calendar clients: feeds, tokens, single meetings, HTTP caching. */
export function calendarFlows(setup: Setup) {
  let ready: { tokens: Record<string, string>; ids: Record<string, string> } | undefined

  /** Creates a public meeting on 12 January 2027, 09.00–12.00 local time, unless `body` says otherwise. */
  async function createMeeting(h: Harness, token: string, body: Record<string, unknown>) {
    const response = await h.fetch(
      '/api/v1/meetings',
      bearer(token, json({ starts_at: '2027-01-12T09:00', ends_at: '2027-01-12T12:00', venue: 'Aula', visibility: 'public', ...body })),
    )
    expect(response.status).toBe(201)
    return ((await response.json()) as MeetingJson).id
  }

  async function prepare() {
    const { h } = setup()
    h.setNow(NOW)
    if (ready) return { h, ...ready }
    // Two more zones: Kota Denpasar (Bali, WITA) and Kabupaten Jayapura (Papua, WIT).
    await importRegions(
      h.deps,
      toRegionRows([
        { code: '51', name: 'Bali' },
        { code: '51.71', name: 'Kota Denpasar' },
        { code: '91', name: 'Papua' },
        { code: '91.03', name: 'Kabupaten Jayapura' },
      ]),
      null,
      'test-zones',
    )
    const make = (username: string, scope: string) =>
      createUser(
        h.deps,
        { username, name: username, role: 'admin', pillar: 'government', scope_code: scope, position: null },
        { actor: null, password: PASSWORD, temporary: false },
      )
    await make('admin.denpasar', '51.71')
    await make('admin.jayapura', '91.03')
    const tokens: Record<string, string> = {}
    for (const u of ['bwi.admin', 'pesanggaran.admin', 'bangorejo.admin', 'babinsa.sarongan', 'admin.denpasar', 'admin.jayapura'])
      tokens[u] = await apiLogin(h, u)
    const create = (token: string, body: Record<string, unknown>) => createMeeting(h, token, body)
    const ids = {
      regency: await create(tokens['bwi.admin']!, { scope_code: '35.10', title: 'Rakor Kabupaten Banyuwangi', include_villages: true }),
      district: await create(tokens['pesanggaran.admin']!, { scope_code: '35.10.01', title: 'Rakor Kecamatan Pesanggaran' }),
      internal: await create(tokens['pesanggaran.admin']!, { scope_code: '35.10.01', title: 'Rapat internal', visibility: 'internal' }),
      otherDistrict: await create(tokens['bangorejo.admin']!, { scope_code: '35.10.02', title: 'Rakor Bangorejo' }),
      denpasar: await create(tokens['admin.denpasar']!, { scope_code: '51.71', title: 'Rakor Denpasar' }),
      jayapura: await create(tokens['admin.jayapura']!, { scope_code: '91.03', title: 'Rakor Jayapura' }),
    }
    ready = { tokens, ids }
    return { h, tokens, ids }
  }

  const feed = async (h: Harness, path: string, headers: Record<string, string> = {}) => {
    const response = await h.fetch(path, { headers })
    return { response, text: await response.text() }
  }

  describe('region feeds', () => {
    it('carry a village’s district and regency Rakor, public only, in local time with a VTIMEZONE', async () => {
      const { h, ids } = await prepare()
      const { response, text } = await feed(h, '/calendar/35.10.01.2001.ics')
      expect(response.status).toBe(200)
      expect(response.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
      // Compressed (on Node) it may vary on Accept-Encoding, which every client sends; on nothing else.
      expect((response.headers.get('Vary') ?? '').replace(/accept-encoding/i, '')).not.toMatch(/accept|cookie/i)
      const { calendar, events } = icalEvents(text)
      expect(events.map((e) => e.uid).sort()).toEqual([`${ids.district}@tigapilar`, `${ids.regency}@tigapilar`].sort())
      expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Rakor Sarongan')
      for (const event of events) {
        expect(event.startDate.zone?.tzid).toBe('Asia/Jakarta')
        expect(event.startDate.toString()).toBe('2027-01-12T09:00:00')
        expect(event.startDate.toJSDate().toISOString()).toBe('2027-01-12T02:00:00.000Z')
      }
      expect(text).toContain('DTSTART;TZID=Asia/Jakarta:20270112T090000')
      expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Jakarta/)
      expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
      expect(text).toContain('X-PUBLISHED-TTL:PT1H')
      expect(text).not.toMatch(/^(METHOD|ATTENDEE|TIMEZONE-ID|X-WR-TIMEZONE)/m)
      expect(text).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r$/m)

      const parsed = Object.values(nodeIcal.parseICS(text)).filter((c) => c?.type === 'VEVENT')
      expect(parsed).toHaveLength(2)
      for (const event of parsed) expect((event as { start: Date }).start.toISOString()).toBe('2027-01-12T02:00:00.000Z')

      // The regency's feed carries every public Rakor below it (other tests add more), nothing internal or elsewhere.
      const regency = icalEvents((await feed(h, '/calendar/35.10.ics')).text).events.map((e) => e.uid)
      expect(regency).toEqual(expect.arrayContaining([ids.regency, ids.district, ids.otherDistrict].map((id) => `${id}@tigapilar`)))
      for (const id of [ids.internal, ids.denpasar, ids.jayapura]) expect(regency).not.toContain(`${id}@tigapilar`)
      expect((await feed(h, '/calendar/35.99.ics')).response.status).toBe(404)
    })

    it('puts WITA and WIT meetings at the right instants', async () => {
      const { h } = await prepare()
      for (const [code, zone, utc] of [
        ['51.71', 'Asia/Makassar', '2027-01-12T01:00:00.000Z'],
        ['91.03', 'Asia/Jayapura', '2027-01-12T00:00:00.000Z'],
      ] as const) {
        const { text } = await feed(h, `/calendar/${code}.ics`)
        const { events } = icalEvents(text)
        expect(events).toHaveLength(1)
        expect(events[0]!.startDate.zone?.tzid).toBe(zone)
        expect(events[0]!.startDate.toJSDate().toISOString()).toBe(utc)
        expect(text).toContain(`DTSTART;TZID=${zone}:20270112T090000`)
        expect(text).toContain(`TZID:${zone}`)
        const [event] = Object.values(nodeIcal.parseICS(text)).filter((c) => c?.type === 'VEVENT') as { start: Date }[]
        expect(event!.start.toISOString()).toBe(utc)
      }
    })
  })

  describe('changes reach the calendar', () => {
    it('keeps the UID, raises SEQUENCE on reschedule, and answers 304 only while nothing changed', async () => {
      const { h, tokens } = await prepare()
      const moving = await createMeeting(h, tokens['bangorejo.admin']!, { scope_code: '35.10.02', title: 'Rakor yang dipindah' })
      const first = await feed(h, '/calendar/35.10.02.ics')
      const etag = first.response.headers.get('ETag')!
      const lastModified = first.response.headers.get('Last-Modified')!
      // Weak where the Node server compresses the body (the tag names the content, not its encoding).
      expect(etag).toMatch(/^(W\/)?"[\w-]{43}"$/)
      expect((await feed(h, '/calendar/35.10.02.ics')).text).toBe(first.text)
      expect((await feed(h, '/calendar/35.10.02.ics', { 'If-None-Match': etag })).response.status).toBe(304)
      expect((await feed(h, '/calendar/35.10.02.ics', { 'If-Modified-Since': lastModified })).response.status).toBe(304)
      const head = await h.fetch('/calendar/35.10.02.ics', { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('ETag')?.replace(/^W\//, '')).toBe(etag.replace(/^W\//, ''))
      expect(await head.text()).toBe('')

      h.setNow(new Date(NOW.getTime() + 60_000))
      const moved = await h.fetch(
        `/api/v1/meetings/${moving}`,
        bearer(tokens['bangorejo.admin']!, json({ starts_at: '2027-01-13T09:00', ends_at: '2027-01-13T12:00' }, { method: 'PATCH' })),
      )
      expect(moved.status).toBe(200)
      const after = await feed(h, '/calendar/35.10.02.ics', { 'If-None-Match': etag })
      expect(after.response.status).toBe(200)
      const event = icalEvents(after.text).events.find((e) => e.uid === `${moving}@tigapilar`)!
      expect(event.sequence).toBe(1)
      expect(event.startDate.toString()).toBe('2027-01-13T09:00:00')
      expect(after.text).toContain(`DTSTAMP:${new Date(NOW.getTime() + 60_000).toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`)
      expect(Date.parse(after.response.headers.get('Last-Modified')!)).toBeGreaterThan(Date.parse(lastModified))
    })

    it('shows a cancellation as CANCELLED and DIBATALKAN for 30 days, then drops it', async () => {
      const { h, tokens, ids } = await prepare()
      const cancelling = await createMeeting(h, tokens['bangorejo.admin']!, { scope_code: '35.10.02', title: 'Rakor Bangorejo' })
      const cancelled = await h.fetch(
        `/api/v1/meetings/${cancelling}/cancel`,
        bearer(tokens['bangorejo.admin']!, json({ reason: 'Banjir' })),
      )
      expect(cancelled.status).toBe(200)
      const uid = `${cancelling}@tigapilar`
      const uidsOf = async (path: string) => icalEvents((await feed(h, path)).text).events.map((e) => e.uid)
      const event = icalEvents((await feed(h, '/calendar/35.10.02.ics')).text).events.find((e) => e.uid === uid)!
      expect(event.summary).toBe('DIBATALKAN: Rakor Bangorejo')
      expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED')
      expect(event.sequence).toBe(1)
      expect(event.description).toContain('DIBATALKAN: Banjir')
      expect(await uidsOf('/calendar/35.10.02.ics?include_cancelled=0')).not.toContain(uid)
      // Its date is 12 January 2027: still there on 10 February, gone on 12 February.
      h.setNow(new Date('2027-02-10T06:00:00Z'))
      expect(await uidsOf('/calendar/35.10.02.ics')).toContain(uid)
      h.setNow(new Date('2027-02-12T06:00:00Z'))
      expect(await uidsOf('/calendar/35.10.02.ics')).not.toContain(uid)
      expect(await uidsOf('/calendar/35.10.02.ics')).toContain(`${ids.regency}@tigapilar`)
      h.setNow(NOW)
    })
  })

  describe('links', () => {
    it('are built from PUBLIC_URL, never from the Host the request names', async () => {
      const { h, tokens, ids } = await prepare()
      const spoofed = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' }
      const created = await h.fetch('/api/v1/calendar-tokens', bearer(tokens['babinsa.sarongan']!, { method: 'POST', headers: spoofed }))
      expect(((await created.json()) as { url: string }).url).toMatch(/^https:\/\/tigapilar\.test\/calendar\/u\//)
      const { text } = await feed(h, '/calendar/35.10.01.ics', spoofed)
      const district = icalEvents(text).events.find((e) => e.uid === `${ids.district}@tigapilar`)!
      expect(district.component.getFirstPropertyValue('url')).toBe(`https://tigapilar.test/meetings/${ids.district}`)
      expect(text).not.toContain('evil.example')
    })
  })

  describe('personal feeds', () => {
    it('give a village Babinsa the district and regency Rakor it was invited to, internal ones too', async () => {
      const { h, tokens, ids } = await prepare()
      const created = await h.fetch('/api/v1/calendar-tokens', bearer(tokens['babinsa.sarongan']!, { method: 'POST' }))
      expect(created.status).toBe(201)
      const { id, url } = (await created.json()) as { id: string; url: string }
      const path = new URL(url).pathname
      expect(path).toMatch(/^\/calendar\/u\/[\w-]{43}\.ics$/)
      const stored = await h.deps.db.selectFrom('calendar_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow()
      expect(path).not.toContain(stored.token_hash)

      const { response, text } = await feed(h, path)
      expect(response.headers.get('Cache-Control')).toMatch(/^private/)
      const events = icalEvents(text).events
      const uids = events.map((e) => e.uid)
      expect(uids).toEqual(expect.arrayContaining([`${ids.district}@tigapilar`, `${ids.regency}@tigapilar`, `${ids.internal}@tigapilar`]))
      expect(uids).not.toContain(`${ids.otherDistrict}@tigapilar`)
      const district = events.find((e) => e.uid === `${ids.district}@tigapilar`)!
      expect(district.component.getFirstPropertyValue('url')).toBe(`${new URL(url).origin}/meetings/${ids.district}`)
      expect(district.description).toContain(`Halaman rapat: ${new URL(url).origin}/meetings/${ids.district}`)

      expect((await h.fetch(`/api/v1/calendar-tokens/${id}`, bearer(tokens['pesanggaran.admin']!, { method: 'DELETE' }))).status).toBe(404)
      expect((await h.fetch(`/api/v1/calendar-tokens/${id}`, bearer(tokens['babinsa.sarongan']!, { method: 'DELETE' }))).status).toBe(204)
      expect((await feed(h, path)).response.status).toBe(404)
      expect((await feed(h, `/calendar/u/${'x'.repeat(43)}.ics`)).response.status).toBe(404)
    })

    it('serves one meeting as .ics to those who may see it, and the subscribe page', async () => {
      const { h, ids } = await prepare()
      const villager = await signIn(h, 'babinsa.sarongan')
      const single = await h.fetch(`/meetings/${ids.district}.ics`, { headers: villager.headers() })
      expect(single.status).toBe(200)
      expect(icalEvents(await single.text()).events.map((e) => e.uid)).toEqual([`${ids.district}@tigapilar`])
      const outsider = await signIn(h, 'bangorejo.admin')
      expect((await h.fetch(`/meetings/${ids.district}.ics`, { headers: outsider.headers() })).status).toBe(404)

      const page = await (await h.fetch('/calendar', { headers: villager.headers() })).text()
      const created = await h.fetch('/calendar/tokens', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! }),
        headers: villager.headers(),
      })
      // Answered with a redirect: the new link crosses it sealed, and a reload repeats nothing.
      expect([created.status, created.headers.get('Location')]).toEqual([303, '/calendar'])
      villager.jar.store(created)
      const html = await (await h.fetch('/calendar', { headers: villager.headers() })).text()
      expect(await (await h.fetch('/calendar', { headers: villager.headers() })).text()).toBe(html)
      const tokens = await h.deps.db.selectFrom('calendar_tokens').select('id').where('revoked_at', 'is', null).execute()
      expect(tokens.length).toBeGreaterThan(0)
      expect(html).toMatch(/href="webcal:\/\/[^"]+\/calendar\/u\/[\w-]{43}\.ics"/)
      expect(html).toContain('https://calendar.google.com/calendar/render?cid=webcal')
      expect(html).toMatch(/https:\/\/outlook.live.com\/calendar\/0\/addfromweb\?url=https?%3A%2F%2F[^"]+%2Fcalendar%2Fu%2F/)
    })
  })
}
