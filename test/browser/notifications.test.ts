import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness, fill, SCREENSHOTS } from './browser-harness.ts'

const h = browserHarness()

describe('notifications in the browser', () => {
  it('raise a reviewer’s unread count when a village pillar files, and the inbox opens the report', async () => {
    const reviewer = await h.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })
    await h.logIn(reviewer, 'kapolsek.pesanggaran', PASSWORD)
    const unread = async () =>
      Number(
        (await reviewer
          .locator('header .count')
          .textContent({ timeout: 1000 })
          .catch(() => '0')) ?? 0,
      )
    const before = await unread()

    // The Babinsa files an awas report from a 360 px phone.
    const babinsa = await h.browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
    await h.logIn(babinsa, 'babinsa.sarongan', PASSWORD)
    await babinsa.goto(`${h.base}/reports/new`)
    await babinsa.getByLabel('Awas').check()
    await fill(babinsa, { Judul: 'Perkelahian antarkampung di Dusun Krajan', 'Uraian kejadian': 'Dua kelompok pemuda saling lempar batu.' })
    await babinsa.getByRole('button', { name: 'Kirim laporan' }).click()
    await babinsa.waitForURL(/\/reports\/[0-9a-f-]+\?filed=1$/)
    const reportPath = new URL(babinsa.url()).pathname

    await reviewer.reload()
    expect(await unread()).toBe(before + 1)
    await reviewer.getByRole('link', { name: /^Pemberitahuan/ }).click()
    await reviewer.waitForURL(/\/notifications$/)
    await reviewer.screenshot({ path: join(SCREENSHOTS, 'inbox-1280.png'), fullPage: true })
    await reviewer.getByRole('link', { name: 'Laporan AWAS baru di Desa Sarongan' }).first().click()
    await reviewer.waitForURL((url) => url.pathname === reportPath)
    expect(await reviewer.locator('h1').textContent()).toContain('Perkelahian antarkampung di Dusun Krajan')
    expect(await unread()).toBe(before)

    // The inbox and the settings fit a 360 px phone.
    const phone = await h.browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
    await h.logIn(phone, 'kapolsek.pesanggaran', PASSWORD)
    for (const [path, shot] of [
      ['/notifications', 'inbox-360.png'],
      ['/notifications/settings', 'notification-settings-360.png'],
    ] as const) {
      await phone.goto(`${h.base}${path}`)
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360)
      await phone.screenshot({ path: join(SCREENSHOTS, shot), fullPage: true })
    }
    await phone.goto(`${h.base}/notifications/settings`)
    await phone.getByLabel('Pengingat Rakor: WhatsApp').uncheck()
    await phone.getByRole('button', { name: 'Simpan pengaturan' }).click()
    await phone.waitForURL(/saved=1$/)
    expect(await phone.getByLabel('Pengingat Rakor: WhatsApp').isChecked()).toBe(false)
    expect(await phone.getByLabel('Pengingat Rakor: Aplikasi').isChecked()).toBe(true)

    // The admin's delivery log, on a desktop.
    const admin = await h.browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' })
    await h.logIn(admin, 'bwi.admin', PASSWORD)
    await admin.goto(`${h.base}/admin/notifications`)
    expect(await admin.locator('h1').textContent()).toBe('Log pengiriman')
    await admin.screenshot({ path: join(SCREENSHOTS, 'delivery-log-1280.png'), fullPage: true })
    for (const page of [reviewer, babinsa, phone, admin]) await page.close()
  })
})
