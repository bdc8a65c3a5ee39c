import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness, fill, SCREENSHOTS } from './browser-harness.ts'

const h = browserHarness()
// 1200×900, EXIF "rotate 90° clockwise" and a GPS position in Banyuwangi.
const PHOTO = join(import.meta.dirname, '..', 'fixtures', 'gps-photo.jpg')
const PHONE = { viewport: { width: 360, height: 740 }, locale: 'id-ID' }

/** The Babinsa's phone on the filing form, with JavaScript on or off. */
async function phoneOnForm(javaScriptEnabled = true): Promise<{ context: BrowserContext; page: Page }> {
  const context = await h.browser.newContext({ ...PHONE, javaScriptEnabled })
  const page = await context.newPage()
  await h.logIn(page, 'babinsa.sarongan', PASSWORD)
  await page.goto(`${h.base}/reports/new`)
  return { context, page }
}

/** A phone with the app's service worker installed and in control of the filing form. */
async function phoneWithApp(): Promise<{ context: BrowserContext; page: Page }> {
  const phone = await phoneOnForm()
  // Installing caches the app's shell first: 15 s was not always enough on a machine busy with other work.
  await phone.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 })
  return phone
}

async function fillReport(page: Page, title: string, photo = true) {
  await page.getByLabel('Siaga').check()
  await fill(page, { Judul: title, 'Uraian kejadian': `Uraian untuk ${title}.` })
  if (photo) await page.locator('input[data-photos]').setInputFiles(PHOTO)
}

/** The reports with these titles, and how many photos each has, from the database. */
async function filed(titles: string[]) {
  const rows = await h.deps.db
    .selectFrom('reports')
    .leftJoin('report_photos', 'report_photos.report_id', 'reports.id')
    .select(['reports.id', 'reports.title', (eb) => eb.fn.count<number>('report_photos.id').as('photos')])
    .where('reports.title', 'in', titles)
    .groupBy('reports.id')
    .execute()
  return rows.map((row) => ({ title: row.title, photos: Number(row.photos) })).sort((a, b) => a.title.localeCompare(b.title))
}

/** The GPS and other EXIF tags exiftool finds in a file. */
function exifOf(bytes: Buffer, name: string): Record<string, unknown> {
  const path = join(SCREENSHOTS, name)
  writeFileSync(path, bytes)
  return (JSON.parse(execFileSync('exiftool', ['-j', '-G1', path]).toString()) as Record<string, unknown>[])[0]!
}

describe('filing in the field', () => {
  it('registers the service worker and offers a valid manifest, so Chrome can install the app', async () => {
    const { context, page } = await phoneWithApp()
    const cdp = await context.newCDPSession(page)
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[]; data?: string }
    expect(manifest.url).toBe(`${h.base}/manifest.webmanifest`)
    expect(manifest.errors).toEqual([])
    const data = JSON.parse(manifest.data ?? '{}') as {
      name: string
      lang: string
      start_url: string
      display: string
      icons: { src: string; sizes: string }[]
    }
    expect(data).toMatchObject({ lang: 'id', start_url: '/', display: 'standalone' })
    expect(data.name).toContain('Sinergitas Tiga Pilar')
    for (const icon of data.icons) {
      const size = Number(icon.sizes.split('x')[0])
      const measured = await page.evaluate(async (src) => {
        const bitmap = await createImageBitmap(await (await fetch(src)).blob())
        return [bitmap.width, bitmap.height]
      }, icon.src)
      expect(measured).toEqual([size, size])
    }
    const installability = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] }
    // Playwright's contexts are incognito windows, where Chrome never installs; nothing else may stand in the way.
    expect(installability.installabilityErrors.map((error) => error.errorId).filter((id) => id !== 'in-incognito')).toEqual([])
    await context.close()
  })

  it('keeps two reports with photos on the phone with no signal, across a closed page, and sends each exactly once when the signal returns, even if the connection drops mid-upload', async () => {
    const { context, page } = await phoneWithApp()
    await context.setOffline(true)
    for (const title of ['Offline pertama: pembakaran lahan', 'Offline kedua: warga asing menginap']) {
      await fillReport(page, title)
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      await expect.poll(() => page.locator('[data-form-message]').textContent()).toContain('Tersimpan di ponsel')
    }
    await expect.poll(() => page.locator('[data-outbox-status]').textContent()).toContain('2 laporan menunggu dikirim')
    await page.screenshot({ path: join(SCREENSHOTS, 'outbox-offline-360.png'), fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.close()

    // The phone opens the app again, still with no signal: the form and the waiting reports are there.
    const again = await context.newPage()
    await again.goto(`${h.base}/reports/new`)
    await expect.poll(() => again.locator('[data-outbox] li').count()).toBe(2)
    expect(await again.locator('[data-outbox]').textContent()).toContain('1 foto')

    // The first upload reaches the server, but its answer is lost with the connection.
    let dropped = 0
    await context.route('**/api/v1/reports', async (route) => {
      if (route.request().method() === 'POST' && dropped === 0) {
        dropped++
        await route.fetch()
        return route.abort('connectionreset')
      }
      return route.continue()
    })
    await context.setOffline(false)
    await expect.poll(() => dropped, { timeout: 15_000 }).toBe(1)
    // Whatever resumes the sending (the page, Background Sync, the button), each report arrives once.
    await expect
      .poll(
        async () => {
          if ((await again.locator('[data-outbox] li').count()) > 0) await again.getByRole('button', { name: 'Kirim sekarang' }).click()
          return again.locator('[data-outbox]').isHidden()
        },
        { timeout: 20_000 },
      )
      .toBe(true)
    expect(await filed(['Offline pertama: pembakaran lahan', 'Offline kedua: warga asing menginap'])).toEqual([
      { title: 'Offline kedua: warga asing menginap', photos: 1 },
      { title: 'Offline pertama: pembakaran lahan', photos: 1 },
    ])
    await context.close()
  })

  it('keeps the queue of one user from another who signs in on the same phone, and sends it after its owner signs in again', async () => {
    const { context, page } = await phoneWithApp()
    await context.setOffline(true)
    await fillReport(page, 'Milik Babinsa, ponsel bersama', false)
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    await expect.poll(() => page.locator('[data-form-message]').textContent()).toContain('Tersimpan di ponsel')
    // Before the signal returns the Babinsa's session ends; then the Kapolsek signs in on the same phone.
    await context.clearCookies()
    await context.setOffline(false)
    await expect.poll(() => page.locator('[data-outbox-status]').textContent()).toContain('Masuk kembali')
    const other = await context.newPage()
    await h.logIn(other, 'kapolsek.pesanggaran', PASSWORD)
    await other.goto(`${h.base}/reports`)
    await other.waitForTimeout(1500)
    expect(await other.locator('[data-outbox] li').count()).toBe(0)
    expect(await filed(['Milik Babinsa, ponsel bersama'])).toEqual([])
    await context.clearCookies()
    await h.logIn(other, 'babinsa.sarongan', PASSWORD)
    await expect
      .poll(() => filed(['Milik Babinsa, ponsel bersama']), { timeout: 15_000 })
      .toEqual([{ title: 'Milik Babinsa, ponsel bersama', photos: 0 }])
    await context.close()
  })

  it('never loses a report to Back: a different incident on the same form is a second report (with and without JavaScript)', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { context, page } = await phoneOnForm(javaScriptEnabled)
      const [first, second] = [
        `Kejadian A (${javaScriptEnabled ? 'JS' : 'tanpa JS'})`,
        `Kejadian B (${javaScriptEnabled ? 'JS' : 'tanpa JS'})`,
      ]
      await fillReport(page, first)
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}\?filed=1$/)
      await page.goBack()
      await page.waitForURL(/\/reports\/new$/)
      await fill(page, { Judul: second, 'Uraian kejadian': 'Kejadian yang lain sama sekali.' })
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      // Either filed at once, or refused plainly with the entries kept in a fresh form: never a silent success.
      await Promise.race([page.waitForURL(/\?filed=1$/), page.locator('.alert').waitFor()])
      if (!/\?filed=1$/.test(page.url())) {
        expect(await page.locator('.alert').textContent()).toContain('sudah digunakan')
        await page.getByRole('button', { name: 'Kirim laporan' }).click()
      }
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}\?filed=1$/)
      expect(await page.locator('h1').textContent()).toBe(second)
      // (Whether the browser keeps the chosen photo in the form after Back is its own choice.)
      const reports = await filed([first, second])
      expect(reports.map((report) => report.title)).toEqual([first, second])
      expect(reports[0]!.photos).toBe(1)
      await context.close()
    }
  })

  it('serves photos without their EXIF or GPS, on the report page, and to nobody outside the report’s village', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const { context, page } = await phoneOnForm(javaScriptEnabled)
      await fillReport(page, `Foto lokasi (${javaScriptEnabled ? 'diperkecil di ponsel' : 'formulir biasa'})`)
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      await page.waitForURL(/\?filed=1$/)
      const thumbnail = page.locator('.photos img').first()
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
      await page.screenshot({ path: join(SCREENSHOTS, `report-photos-${javaScriptEnabled ? 'js' : 'nojs'}-360.png`), fullPage: true })
      const photoUrl = `${h.base}${await page.locator('.photos a').first().getAttribute('href')}`
      const download = await context.request.get(photoUrl)
      expect(download.status()).toBe(200)
      const tags = exifOf(await download.body(), `downloaded-${javaScriptEnabled ? 'js' : 'nojs'}.jpg`)
      expect(Object.keys(tags).filter((tag) => /GPS|EXIF|IFD0|Make|Model/.test(tag))).toEqual([])
      expect([tags['File:ImageWidth'], tags['File:ImageHeight']]).toEqual([900, 1200])

      const stranger = await h.browser.newContext(PHONE)
      const strangerPage = await stranger.newPage()
      await h.logIn(strangerPage, 'bangorejo.admin', PASSWORD)
      expect((await stranger.request.get(photoUrl)).status()).toBe(404)
      await stranger.close()
      await context.close()
    }
  })

  it('fills the position from the phone, says how precise it is, and warns about one outside Indonesia', async () => {
    const context = await h.browser.newContext({
      ...PHONE,
      permissions: ['geolocation'],
      geolocation: { latitude: -8.61234, longitude: 114.09871, accuracy: 18 },
    })
    const page = await context.newPage()
    await h.logIn(page, 'babinsa.sarongan', PASSWORD)
    await page.goto(`${h.base}/reports/new`)
    await page.getByRole('button', { name: 'Gunakan lokasi saya' }).click()
    await expect.poll(() => page.getByLabel('Lintang (opsional)').inputValue()).toBe('-8.612340')
    expect(await page.getByLabel('Bujur (opsional)').inputValue()).toBe('114.098710')
    expect(await page.locator('[data-locate] p').textContent()).toBe('Lokasi terisi, ketepatan sekitar 18 m.')
    await page.screenshot({ path: join(SCREENSHOTS, 'report-form-location-360.png'), fullPage: true })
    await context.close()

    const abroad = await h.browser.newContext({
      ...PHONE,
      permissions: ['geolocation'],
      geolocation: { latitude: 48.8566, longitude: 2.3522, accuracy: 2500 },
    })
    const far = await abroad.newPage()
    await h.logIn(far, 'babinsa.sarongan', PASSWORD)
    await far.goto(`${h.base}/reports/new`)
    await far.getByRole('button', { name: 'Gunakan lokasi saya' }).click()
    await expect.poll(() => far.locator('[data-locate] p').textContent()).toContain('di luar wilayah Indonesia')
    await abroad.close()
  })
})

describe('the outbox on the phone', () => {
  it('lets the writer change a waiting report before it leaves, or delete it', async () => {
    const { context, page } = await phoneWithApp()
    await context.setOffline(true)
    await fillReport(page, 'Judul yang salah ketik')
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    await expect.poll(() => page.locator('[data-outbox] li').count()).toBe(1)
    await page.locator('[data-outbox] li').getByRole('link', { name: 'Ubah' }).click()
    await expect.poll(() => page.getByLabel('Judul').inputValue()).toBe('Judul yang salah ketik')
    expect(await page.locator('[data-form-message]').textContent()).toContain('mengubah laporan yang tersimpan')
    await page.getByLabel('Judul').fill('Judul yang benar')
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    await expect.poll(() => page.locator('[data-outbox] li strong').allTextContents()).toEqual(['Judul yang benar'])
    // The photo stayed with the report through the change.
    expect(await page.locator('[data-outbox] li').textContent()).toContain('1 foto')
    await page.screenshot({ path: join(SCREENSHOTS, 'outbox-edited-360.png'), fullPage: true })

    await fillReport(page, 'Laporan yang dibatalkan', false)
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    await expect.poll(() => page.locator('[data-outbox] li').count()).toBe(2)
    page.once('dialog', (dialog) => void dialog.accept())
    await page.locator('[data-outbox] li', { hasText: 'Laporan yang dibatalkan' }).getByRole('button', { name: 'Hapus' }).click()
    await expect.poll(() => page.locator('[data-outbox] li strong').allTextContents()).toEqual(['Judul yang benar'])

    await context.setOffline(false)
    await expect
      .poll(() => filed(['Judul yang salah ketik', 'Judul yang benar', 'Laporan yang dibatalkan']), { timeout: 15_000 })
      .toEqual([{ title: 'Judul yang benar', photos: 1 }])
    await context.close()
  })
})
