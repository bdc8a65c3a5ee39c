import { describe, expect, it } from 'vitest'
import { seedAllPillars } from '../../scripts/seed-banyuwangi-pillars.ts'
import { createApp } from '../../src/app.tsx'
import { meetingDetail } from '../../src/domain/meeting-detail.ts'
import { createMeeting } from '../../src/domain/meetings.ts'
import { startSession } from '../../src/domain/sessions.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { seedBanyuwangi } from '../flows/harness.ts'

describe('a regency Rakor at Banyuwangi’s size', () => {
  it('invites 700+ participants grouped by district and village, and the page lists every unit', async () => {
    const deps = { ...nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' }), clientAddress: () => 'test' }
    const f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
    expect(await seedAllPillars(deps, '35.10')).toBe((25 + 217) * 3)
    const meeting = await createMeeting(deps, f.regencyAdmin, {
      scope_code: '35.10',
      kind: 'quarterly',
      title: 'Rakor Kabupaten',
      starts_at: '2027-01-12T09:00',
      ends_at: '2027-01-12T12:00',
      venue: 'Pendopo',
      online_url: null,
      description: '',
      visibility: 'public',
      include_villages: true,
    })
    const detail = await meetingDetail(deps, f.regencyAdmin, meeting.id)
    expect(detail.participants.length).toBeGreaterThan(700)
    expect(detail.pillar_coverage).toHaveLength(1 + 25 + 217)

    const session = await startSession(deps, f.regencyAdmin)
    const page = await createApp(deps).request(`/meetings/${meeting.id}`, { headers: { Cookie: `tp_session=${session}` } })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html.match(/<details class="unit"/g)).toHaveLength(1 + 25 + 217)
    // Units follow the code order, so each district's villages come right after it.
    const order = [...html.matchAll(/name="bulk" value="(35\.10[.\d]*):present"/g)].map((m) => m[1]!)
    expect(order).toHaveLength(1 + 25 + 217)
    expect(order).toEqual([...order].sort())
    await deps.handle.close()
  })
})
