import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { AlertLevel, User } from '../../src/db/schema.ts'
import { recordAttendance } from '../../src/domain/meeting-attendance.ts'
import { markHeld, saveMinutes } from '../../src/domain/meeting-minutes.ts'
import { participantsOf } from '../../src/domain/meeting-participants.ts'
import { createMeeting } from '../../src/domain/meetings.ts'
import { fileReport } from '../../src/domain/reports.ts'
import { createUser } from '../../src/domain/users.ts'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness, SCREENSHOTS } from './browser-harness.ts'

const h = browserHarness()

/** A district Rakor of Pesanggaran, `daysAhead` from now, organised by the district admin. */
async function districtMeeting(title: string, daysAhead: number) {
  const day = new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10)
  return createMeeting(h.deps, h.f.districtAdmin, {
    scope_code: '35.10.01',
    kind: 'quarterly',
    title,
    starts_at: `${day}T09:00`,
    ends_at: `${day}T12:00`,
    venue: 'Pendopo Kecamatan Pesanggaran',
    online_url: null,
    description: '',
    visibility: 'internal',
    include_villages: false,
  })
}

/** Holds `meetingId` as an organiser would: everyone present, minutes written, marked held. */
async function holdMeeting(meetingId: string) {
  const items = (await participantsOf(h.deps, meetingId)).map((p) => ({ user_id: p.user_id, attendance: 'present' as const }))
  await recordAttendance(h.deps, h.f.districtAdmin, meetingId, items)
  await saveMinutes(h.deps, h.f.districtAdmin, meetingId, {
    summary: 'Situasi kondusif.',
    decisions: 'Patroli gabungan.',
    text: '',
    document_number: '005/001/429.601/2026',
    chair_id: h.f.districtReviewer.id,
    minute_taker_id: h.f.districtAdmin.id,
  })
  await markHeld(h.deps, h.f.districtAdmin, meetingId)
}

/** A report the Babinsa of Sarongan files an hour after it happened. */
function fileInSarongan(level: AlertLevel, category: string, title: string) {
  return fileReport(h.deps, h.f.reporter, {
    village_code: '35.10.01.2001',
    category,
    alert_level: level,
    title,
    description: `${title}: laporan uji.`,
    occurred_at: new Date(Date.now() - 3600_000).toISOString(),
    latitude: null,
    longitude: null,
    restricted: false,
    client_id: null,
  })
}

async function signedIn(username: string, width: number): Promise<Page> {
  const context = await h.browser.newContext({ viewport: { width, height: 800 }, locale: 'id-ID' })
  const page = await context.newPage()
  await h.logIn(page, username, PASSWORD)
  await page.waitForURL(`${h.base}/`)
  return page
}

describe('journeys in Chromium', () => {
  it('shows each role its home page, and no main page scrolls sideways on a 360 px phone', async () => {
    const report = await fileInSarongan('siaga', 'land_dispute', 'Sengketa batas kebun kopi')
    const coming = await districtMeeting('Rakor Triwulan Pesanggaran', 20)
    const held = await districtMeeting('Rakor yang telah terlaksana', -10)
    await holdMeeting(held.id)
    await createUser(
      h.deps,
      { username: 'kades.baru', name: 'Kades Baru', role: 'reporter', pillar: 'government', scope_code: '35.10.01.2004', position: null },
      { actor: h.f.districtAdmin, password: PASSWORD, temporary: true },
    )
    const journeys: [User, string, string[]][] = [
      [
        h.f.reporter,
        'Laporan saya',
        ['/', '/reports', '/reports/new', `/reports/${report.report.id}`, '/meetings', `/meetings/${coming.id}`, '/calendar', '/password'],
      ],
      [
        h.f.districtReviewer,
        'Perlu tindakan Anda',
        ['/', '/dashboard', '/reports', '/meetings', `/meetings/${held.id}`, `/meetings/${held.id}/minutes`],
      ],
      [h.f.districtAdmin, 'Akun yang belum dipakai', ['/', '/admin/users', '/admin/users/new', '/meetings/new', `/meetings/${coming.id}`]],
      [h.f.regencyAdmin, 'Perlu tindakan Anda', ['/', '/admin/regencies/35.10', '/dashboard', '/reports', '/compliance', '/api/docs']],
    ]
    for (const [user, homeSection, paths] of journeys) {
      const page = await signedIn(user.username, 360)
      expect(await page.locator('h2', { hasText: homeSection }).count(), user.username).toBe(1)
      // Every link in the navigation leads somewhere this user may go.
      const links = await page.locator('header.top nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
      paths.push(...links.filter((href) => !paths.includes(href)))
      for (const path of paths) {
        const response = await page.goto(`${h.base}${path}`)
        expect(response?.status(), `${user.username} ${path}`).toBe(200)
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${user.username} ${path} is ${width} px wide`).toBeLessThanOrEqual(360)
        // One-line controls stay one line high (a flex rule once stretched inputs to 10rem).
        const tallest = await page.evaluate(() =>
          Math.max(0, ...[...document.querySelectorAll('input, select')].map((e) => e.getBoundingClientRect().height)),
        )
        expect(tallest, `${user.username} ${path}: a control ${tallest} px high`).toBeLessThanOrEqual(60)
      }
      await page.goto(`${h.base}/`)
      await page.screenshot({ path: join(SCREENSHOTS, `home-${user.username}-360.png`), fullPage: true })
      await page.context().close()
    }
  })

  it('locks a held meeting for its organisers; an admin reopens it with a reason', async () => {
    const held = await districtMeeting('Rakor yang dikunci', -5)
    await holdMeeting(held.id)
    const reviewer = await signedIn(h.f.districtReviewer.username, 1280)
    await reviewer.goto(`${h.base}/meetings/${held.id}`)
    expect(await reviewer.textContent('.notice')).toContain('notulen, daftar hadir, dan acara terkunci')
    expect(await reviewer.getByRole('button', { name: 'Simpan kehadiran' }).count()).toBe(0)
    expect(await reviewer.getByRole('button', { name: 'Simpan notulen' }).count()).toBe(0)
    expect(await reviewer.getByText('Buka kembali catatan rapat').count()).toBe(0)
    await reviewer.context().close()

    const admin = await signedIn(h.f.districtAdmin.username, 1280)
    await admin.goto(`${h.base}/meetings/${held.id}`)
    await admin.getByText('Buka kembali catatan rapat').click()
    await admin.getByLabel('Alasan membuka kembali').fill('Kehadiran Desa Sarongan salah catat.')
    await admin.getByRole('button', { name: 'Buka kembali', exact: true }).click()
    await admin.waitForURL(`${h.base}/meetings/${held.id}`)
    expect(await admin.getByRole('button', { name: 'Simpan kehadiran' }).count()).toBeGreaterThan(0)
    await admin.screenshot({ path: join(SCREENSHOTS, 'meeting-reopened.png'), fullPage: true })
    await admin.context().close()
  })

  it('drafts the agenda again without repeating what is on it', async () => {
    await fileInSarongan('awas', 'protest', 'Rencana pengerahan massa')
    const meeting = await districtMeeting('Rakor luar biasa pengerahan massa', 3)
    const page = await signedIn(h.f.districtAdmin.username, 1280)
    await page.goto(`${h.base}/meetings/${meeting.id}`)
    const items = () => page.locator('ol.agenda > li').allTextContents()
    const before = await items()
    expect(before.filter((item) => item.includes('Rencana pengerahan massa'))).toHaveLength(1)
    // Move the first item down (an edit), then draft again twice.
    await page.locator('ol.agenda > li').first().getByRole('button', { name: 'Turun' }).click()
    for (let i = 0; i < 2; i++) {
      await page.getByRole('button', { name: 'Susun ulang dari data' }).click()
      await page.waitForURL(`${h.base}/meetings/${meeting.id}`)
    }
    const after = await items()
    expect(after).toHaveLength(before.length)
    expect(after.filter((item) => item.includes('Rencana pengerahan massa'))).toHaveLength(1)
    await page.context().close()
  })
})
