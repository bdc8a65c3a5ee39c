import { chromium } from 'playwright-core'
const [user, pass, width, ...paths] = process.argv.slice(2)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] })
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 }, locale: 'id-ID' })
await page.goto('http://127.0.0.1:3999/login')
await page.locator('#username').fill(user)
await page.locator('#password').fill(pass)
await page.locator('button[type=submit].primary').click()
await page.waitForLoadState()
for (const path of paths) {
  const r = await page.goto('http://127.0.0.1:3999' + path)
  const text = await page.evaluate(() => document.body.innerText)
  const iso = text.match(/\b\d{4}-\d{2}-\d{2}\b/g) ?? []
  const file = `/tmp/shot/walk-${user}${path.replace(/[^a-z0-9]+/gi, '_').slice(0, 30)}-${width}.png`
  await page.screenshot({ path: file, fullPage: true })
  console.log(r.status(), path, 'width', await page.evaluate(() => document.documentElement.scrollWidth), 'iso', iso.slice(0, 3), file)
}
await browser.close()
