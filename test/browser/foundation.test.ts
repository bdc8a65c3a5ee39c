import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness, fill, SCREENSHOTS } from './browser-harness.ts'

const h = browserHarness()

describe('in Chromium', () => {
  it('logs in, switches to English, creates a user whose first login forces a new password', async () => {
    const context = await h.browser.newContext({ locale: 'id-ID' })
    const page = await context.newPage()
    await h.logIn(page, 'pesanggaran.admin', PASSWORD)
    await expect.poll(() => page.locator('h1').textContent()).toBe('Admin Pesanggaran')
    expect(await page.textContent('body')).toContain('Wilayah tugas')
    await page.screenshot({ path: join(SCREENSHOTS, 'home-id.png'), fullPage: true })

    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.textContent('body')).toContain('Area of duty')

    await page.getByRole('link', { name: 'Users' }).click()
    await page.getByRole('link', { name: 'Add user' }).click()
    await fill(page, { Username: 'kades.pesanggaran', 'Full name': 'Bapak Suyitno' })
    // The area is chosen by name: a district admin's villages, never a typed Kemendagri code.
    const area = page.getByLabel('Area of duty')
    expect(await area.locator('option').allTextContents()).toEqual([
      'District Pesanggaran',
      'Village Sarongan',
      'Village Pesanggaran',
      'Village Sumberagung',
      'Village Kandangan',
      'Village Sumbermulyo',
    ])
    await area.selectOption({ label: 'Village Pesanggaran' })
    await page.getByLabel('Role').selectOption('reporter')
    await page.getByLabel('Pillar').selectOption('government')
    await page.getByRole('button', { name: 'Create user' }).click()
    const temporary = (await page.locator('#temporary-password').textContent()) ?? ''
    expect(temporary).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
    expect(await page.textContent('body')).toContain('The user has been created.')
    await page.screenshot({ path: join(SCREENSHOTS, 'user-created-en.png'), fullPage: true })

    await page.getByRole('button', { name: 'Log out' }).click()
    await expect.poll(() => page.url()).toBe(`${h.base}/login`)
    await context.close()

    // The new user, in a fresh Indonesian browser, must replace the temporary password first.
    const fresh = await h.browser.newContext({ locale: 'id-ID' })
    const villager = await fresh.newPage()
    await h.logIn(villager, 'kades.pesanggaran', temporary)
    await expect.poll(() => villager.url()).toBe(`${h.base}/password`)
    await fill(villager, {
      'Kata sandi saat ini': temporary,
      'Kata sandi baru': 'desa-aman-sentosa-1',
      'Ulangi kata sandi baru': 'desa-aman-sentosa-1',
    })
    await villager.getByRole('button', { name: 'Simpan kata sandi' }).click()
    await expect.poll(() => villager.url()).toBe(`${h.base}/`)
    expect(await villager.textContent('.title')).toBe('Kepala Desa/Lurah')
    await fresh.close()
  })

  it('narrows the report list by choosing a district on a phone, the filters folded behind "Saring"', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
    const page = await context.newPage()
    await h.logIn(page, 'bwi.admin', PASSWORD)
    await page.goto(`${h.base}/reports`)
    const region = page.getByLabel('Wilayah')
    expect(await region.isVisible()).toBe(false)
    await page.getByText('Saring', { exact: true }).first().click()
    expect(await region.isVisible()).toBe(true)
    // Districts are groups holding themselves and their villages, by name.
    expect(await region.locator('optgroup').first().getAttribute('label')).toBe('Kecamatan Pesanggaran')
    await region.selectOption({ label: 'Seluruh Kecamatan Bangorejo' })
    await page.getByRole('button', { name: 'Saring' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('region')).toBe('35.10.02')
    // The chosen filter stays open and selected after the page reloads.
    expect(await page.getByLabel('Wilayah').inputValue()).toBe('35.10.02')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await page.screenshot({ path: join(SCREENSHOTS, 'reports-filter-phone.png'), fullPage: true })

    // On a desktop the filters show without unfolding.
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`${h.base}/reports`)
    expect(await page.getByLabel('Wilayah').isVisible()).toBe(true)
    await context.close()
  })

  it('works on a phone with JavaScript turned off, and shows login errors in Indonesian', async () => {
    const context = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 }, locale: 'id-ID' })
    const page = await context.newPage()
    await h.logIn(page, 'babinsa.sarongan', 'bukan-kata-sandinya')
    expect(await page.textContent('[role=alert]')).toBe('Nama pengguna atau kata sandi salah.')
    await h.logIn(page, 'babinsa.sarongan', PASSWORD)
    await expect.poll(() => page.locator('.title').textContent()).toBe('Babinsa')
    await page.screenshot({ path: join(SCREENSHOTS, 'home-phone-nojs.png'), fullPage: true })
    // No horizontal scrolling on a 360 px wide screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
    await context.close()
  })

  it('shows the API reference on a phone and a desktop without sideways scrolling, its body schemas folded', async () => {
    for (const width of [360, 1280]) {
      const context = await h.browser.newContext({ viewport: { width, height: 800 } })
      const page = await context.newPage()
      await page.goto(`${h.base}/api/docs`)
      await expect.poll(() => page.locator('h1').textContent()).toBe('Tiga Pilar API')
      const filing = page.locator('article', { hasText: 'POST /reports' }).first()
      await filing.locator('summary').click()
      await expect.poll(() => filing.locator('pre').first().isVisible()).toBe(true)
      await page.screenshot({ path: join(SCREENSHOTS, `api-docs-${width}.png`) })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      await context.close()
    }
  })

  it('files a report with JavaScript off on a phone, and the reviewer sees it on the dashboard', async () => {
    const phone = await h.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'id-ID' })
    const page = await phone.newPage()
    await h.logIn(page, 'babinsa.sarongan', PASSWORD)
    await page.getByRole('link', { name: 'Buat laporan' }).first().click()
    await page.getByLabel('Awas').check()
    await page.getByLabel('Kategori').selectOption('social_conflict')
    await fill(page, {
      Judul: 'Massa berkumpul di balai desa <b>',
      'Uraian kejadian': 'Sekitar 200 orang berkumpul menuntut kejelasan batas desa.',
    })
    await page.screenshot({ path: join(SCREENSHOTS, 'report-form-phone-nojs.png'), fullPage: true })
    await page.getByRole('button', { name: 'Kirim laporan' }).click()
    expect(await page.textContent('[role=status]')).toBe('Laporan telah dikirim.')
    expect(await page.textContent('h1')).toBe('Massa berkumpul di balai desa <b>')
    await phone.close()

    const desk = await h.browser.newContext({ locale: 'id-ID' })
    const reviewer = await desk.newPage()
    await h.logIn(reviewer, 'kapolsek.pesanggaran', PASSWORD)
    await reviewer.getByRole('link', { name: 'Dasbor' }).first().click()
    const attention = reviewer.locator('section', { hasText: 'Perlu perhatian' }).first()
    expect(await attention.textContent()).toContain('Massa berkumpul di balai desa <b>')
    await reviewer.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true })
    await desk.close()
  })

  it('never files a second report under the first one’s key after Back, on a phone with JavaScript on or off', async () => {
    for (const javaScriptEnabled of [false, true]) {
      const phone = await h.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, locale: 'id-ID' })
      const page = await phone.newPage()
      await h.logIn(page, 'babinsa.sarongan', PASSWORD)
      await page.goto(`${h.base}/reports/new`)
      const firstKey = await page.locator('input[name=client_id]').inputValue()
      await page.getByLabel('Kategori').selectOption('crime')
      await fill(page, { Judul: `Laporan A ${javaScriptEnabled}`, 'Uraian kejadian': 'Pencurian ternak.' })
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      // With JavaScript the page script sends it through the API, then opens the report.
      await page.waitForURL(/\?filed=1$/)
      expect(await page.textContent('h1')).toBe(`Laporan A ${javaScriptEnabled}`)

      // Back to the form: no-store keeps it out of the back-forward cache, and the page script gives
      // even a kept copy a fresh key. (Were a stale key sent anyway, the server refuses it: see report-flows.)
      await page.goBack()
      await page.waitForURL(/\/reports\/new$/)
      // A kept copy gets its fresh key on `pageshow`, which a busy machine may run a moment after the URL changes.
      await expect.poll(() => page.locator('input[name=client_id]').inputValue(), { timeout: 5_000 }).not.toBe(firstKey)
      await fill(page, { Judul: `Laporan B ${javaScriptEnabled}`, 'Uraian kejadian': 'Kebakaran gudang.' })
      await page.getByRole('button', { name: 'Kirim laporan' }).click()
      await page.waitForURL(/\?filed=1$/)
      expect(await page.textContent('h1')).toBe(`Laporan B ${javaScriptEnabled}`)
      await phone.close()
    }
  })

  it('records attendance for a district Rakor and opens the printable minutes', async () => {
    const context = await h.browser.newContext({ locale: 'id-ID' })
    const page = await context.newPage()
    await h.logIn(page, 'pesanggaran.admin', PASSWORD)
    await page.getByRole('link', { name: 'Rakor' }).first().click()
    await page.getByRole('link', { name: 'Buat rapat' }).click()
    await page.getByLabel('Jenis').selectOption('quarterly')
    await fill(page, {
      Judul: 'Rakor Sinergitas Tiga Pilar Triwulan I 2027',
      Mulai: '2027-01-12T09:00',
      Selesai: '2027-01-12T12:00',
      Tempat: 'Pendopo Kecamatan Pesanggaran',
    })
    await page.getByRole('button', { name: 'Buat rapat' }).click()
    expect(await page.textContent('h1')).toBe('Rakor Sinergitas Tiga Pilar Triwulan I 2027')

    // An unsaved edit in the district's box, then "Semua hadir" in Sarongan's: the edit is kept, and
    // only Sarongan's people are marked present.
    await page.getByLabel('Kehadiran: Iptu Budi Santoso').selectOption('represented')
    await page.getByLabel('Diwakili oleh: Iptu Budi Santoso').fill('Aipda Wahyu')
    const sarongan = page.locator('details.unit', { hasText: 'Desa Sarongan' })
    await sarongan.getByRole('button', { name: 'Semua hadir' }).click()
    await page.waitForLoadState()
    expect(await page.getByLabel('Kehadiran: Serda Agus Riyadi').inputValue()).toBe('present')
    expect(await page.getByLabel('Kehadiran: Iptu Budi Santoso').inputValue()).toBe('represented')
    expect(await page.getByLabel('Diwakili oleh: Iptu Budi Santoso').inputValue()).toBe('Aipda Wahyu')
    expect(await page.getByLabel('Kehadiran: Admin Pesanggaran').inputValue()).toBe('unmarked')
    await page.screenshot({ path: join(SCREENSHOTS, 'meeting-unit-present.png'), fullPage: true })
    // Enter in a representative's name saves the form (it must not press a unit's bulk button).
    await page.getByLabel('Kehadiran: Admin Pesanggaran').selectOption('present')
    await page.getByLabel('Diwakili oleh: Iptu Budi Santoso').press('Enter')
    await page.waitForLoadState()
    expect(await page.getByLabel('Kehadiran: Admin Pesanggaran').inputValue()).toBe('present')
    expect(await page.getByLabel('Kehadiran: Iptu Budi Santoso').inputValue()).toBe('represented')
    await fill(page, { Ringkasan: 'Situasi kamtibmas kondusif.', Keputusan: 'Patroli gabungan tiap malam Minggu.' })
    await page.getByRole('button', { name: 'Simpan notulen' }).click()
    await page.screenshot({ path: join(SCREENSHOTS, 'meeting.png'), fullPage: true })

    await page.getByRole('link', { name: 'Cetak notulen' }).click()
    expect(await page.textContent('h1')).toBe('Notulen Rapat Koordinasi Sinergitas Tiga Pilar')
    expect(await page.textContent('.doc-facts')).toContain('Selasa, 12 Januari 2027')
    expect(await page.textContent('.minutes-doc')).toContain('Aipda Wahyu')
    await page.emulateMedia({ media: 'print' })
    // Printed, only the document remains: no navigation, no forms.
    expect(await page.locator('header.top').isVisible()).toBe(false)
    await page.screenshot({ path: join(SCREENSHOTS, 'minutes-print.png'), fullPage: true })
    // Printed to PDF as an office files it: letterhead, the signature block on the first pages,
    // and the attendance list with its signature column on a page of its own.
    const pdfFile = join(SCREENSHOTS, 'minutes.pdf')
    await page.pdf({ path: pdfFile, format: 'A4', preferCSSPageSize: true })
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))?.[1])
    expect(pages).toBeGreaterThanOrEqual(2)
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' })
    for (const words of [
      'PEMERINTAH KABUPATEN BANYUWANGI',
      'NOTULEN RAPAT KOORDINASI SINERGITAS TIGA PILAR',
      'Mengetahui',
      'Kapolsek Pesanggaran',
    ])
      expect(text).toContain(words)
    const lastPage = execFileSync('pdftotext', ['-layout', '-f', String(pages), '-l', String(pages), pdfFile, '-'], { encoding: 'utf8' })
    expect(lastPage).toMatch(/Tanda\s+tangan/)
    for (const word of ['Diwakili (Aipda', 'Wahyu)', 'Babinsa Sarongan']) expect(lastPage).toContain(word)
    await context.close()
  })
})
