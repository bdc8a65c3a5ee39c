// The filing form's budget on a cheap phone: what its first load transfers (HTML, CSS and the
// page script, compressed as the server sends them) and what a repeat load asks of the network
// once the service worker keeps the form. `npm run bench:form` prints it; the browser tests fail
// when it is exceeded (test/browser/form-budget.test.ts).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

/** The limits, in bytes on the wire (headers included) and requests. */
export const FORM_BUDGET = { firstLoadBytes: 30 * 1024, scriptBytes: 15 * 1024, repeatLoadRequests: 0 }

export interface FormLoad {
  /** Everything the first load of /reports/new transferred: the page, the stylesheet, the script. */
  firstLoadBytes: number
  scriptBytes: number
  /** Per resource: type, URL path and bytes. */
  resources: { type: string; path: string; bytes: number }[]
  /** Requests that reached the network on a repeat load (none when the service worker serves the form). */
  repeatLoadRequests: string[]
  /** How many requests the server answered meanwhile, when the caller can count them. */
  repeatLoadServed?: number
}

/**
 * Loads the form in a fresh phone-sized context, signed in as `username`: once with no cache and
 * no service worker (a first visit), then again with the worker in control.
 */
export async function measureFormLoad(
  browser: Browser,
  base: string,
  username: string,
  password: string,
  servedCount?: () => number,
): Promise<FormLoad> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' })
  const page = await context.newPage()
  await page.goto(`${base}/login`)
  await page.getByLabel('Nama pengguna', { exact: true }).fill(username)
  await page.getByLabel('Kata sandi', { exact: true }).fill(password)
  await page.getByRole('button', { name: 'Masuk' }).click()
  await page.waitForURL((url) => url.pathname !== '/login')

  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  const seen = new Map<string, { type: string; path: string; fromWorker: boolean; fromCache: boolean; bytes: number }>()
  cdp.on('Network.responseReceived', (event) => {
    const { response } = event
    // Chrome's own inline images (the date picker's icon) are no transfer.
    if (!response.url.startsWith('http')) return
    seen.set(event.requestId, {
      type: event.type,
      path: new URL(response.url).pathname,
      fromWorker: Boolean(response.fromServiceWorker),
      fromCache: Boolean(response.fromDiskCache || response.fromPrefetchCache),
      bytes: 0,
    })
  })
  cdp.on('Network.loadingFinished', (event) => {
    const entry = seen.get(event.requestId)
    if (entry) entry.bytes = event.encodedDataLength
  })

  // A first visit: nothing cached, no service worker in the way.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.setBypassServiceWorker', { bypass: true })
  await page.goto(`${base}/reports/new`, { waitUntil: 'load' })
  await page.waitForTimeout(300)
  const resources = [...seen.values()]
    .filter((entry) => ['Document', 'Stylesheet', 'Script'].includes(entry.type))
    .map(({ type, path, bytes }) => ({ type, path, bytes }))
  seen.clear()

  // A repeat visit with the service worker in control.
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
  await cdp.send('Network.setBypassServiceWorker', { bypass: false })
  await page.goto(`${base}/reports/new`, { waitUntil: 'load' })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
  seen.clear()
  const servedBefore = servedCount?.()
  await page.goto(`${base}/reports/new`, { waitUntil: 'load' })
  await page.waitForTimeout(300)
  const repeatLoadServed = servedBefore === undefined ? undefined : servedCount!() - servedBefore
  const repeatLoadRequests = [...seen.values()].filter((entry) => !entry.fromWorker && !entry.fromCache).map((entry) => entry.path)
  await context.close()
  return {
    firstLoadBytes: resources.reduce((sum, entry) => sum + entry.bytes, 0),
    scriptBytes: resources.filter((entry) => entry.type === 'Script').reduce((sum, entry) => sum + entry.bytes, 0),
    resources,
    repeatLoadRequests,
    repeatLoadServed,
  }
}

if (import.meta.main) {
  const { nodeDeps } = await import('../src/entry/node-deps.ts')
  const { importRegions } = await import('../src/domain/region-import.ts')
  const { createUser } = await import('../src/domain/users.ts')
  const { idnAreaSource } = await import('../src/entry/idn-area-source.ts')
  const { printTable, servedApp } = await import('./bench-kit.ts')
  const dir = mkdtempSync(join(tmpdir(), 'tigapilar-bench-'))
  const deps = nodeDeps({ dbFile: join(dir, 'bench.sqlite'), proxyHops: 0, publicUrl: 'http://localhost' })
  await importRegions(deps, await idnAreaSource.regency('35.10'), null, '35.10')
  const password = 'bench-password-123'
  await createUser(
    deps,
    { username: 'bench.babinsa', name: 'Babinsa', role: 'reporter', pillar: 'military', scope_code: '35.10.01.2001', position: null },
    { actor: null, password, temporary: false },
  )
  const { base, close } = await servedApp(deps, 'bench.babinsa', password)
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
  const load = await measureFormLoad(browser, base, 'bench.babinsa', password)
  await browser.close()
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  printTable(
    ['report form, 360 px phone', 'measured', 'budget'],
    [
      ...load.resources.map((entry): [string, string, string] => [`first load: ${entry.type} ${entry.path}`, kb(entry.bytes), '']),
      ['first load: HTML + CSS + JS', kb(load.firstLoadBytes), `≤ ${kb(FORM_BUDGET.firstLoadBytes)}`],
      ['first load: page script', kb(load.scriptBytes), `≤ ${kb(FORM_BUDGET.scriptBytes)}`],
      [
        'repeat load: network requests',
        String(load.repeatLoadRequests.length),
        `${FORM_BUDGET.repeatLoadRequests} ${load.repeatLoadRequests.join(' ')}`,
      ],
    ],
  )
  await close()
  await deps.handle.close()
  rmSync(dir, { recursive: true, force: true })
}
