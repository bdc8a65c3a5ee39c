import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import type { NotificationChannels } from '../../src/channels/channel-config.ts'
import type { Deps } from '../../src/deps.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeApp } from '../../src/entry/node-app.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { type Fixtures, seedBanyuwangi } from '../flows/harness.ts'

// Debian's Chromium, never a downloaded build; flags keep it off this machine's closed network.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** Where browser tests leave screenshots and PDFs to look at. */
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results')

/** Fills text fields by their exact label, in order. */
export async function fill(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value)
}

export interface BrowserHarness {
  readonly browser: Browser
  /** Every request the server has answered, as `METHOD /path`, oldest first. */
  readonly served: string[]
  /** The app's address, `http://127.0.0.1:<port>`. */
  readonly base: string
  readonly deps: Deps
  readonly f: Fixtures
  logIn(page: Page, username: string, password: string): Promise<void>
}

/**
 * Banyuwangi seeded into a fresh SQLite file, served on loopback, and Debian's Chromium: started
 * before the file's tests, stopped after them.
 */
export function browserHarness(options: { channels?: NotificationChannels } = {}): BrowserHarness {
  let state: { browser: Browser; base: string; deps: Deps; f: Fixtures } | undefined
  const served: string[] = []
  let stop = async () => {}
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigapilar-browser-'))
    const deps = nodeDeps({ dbFile: join(dir, 'browser.sqlite'), proxyHops: 0, publicUrl: 'http://127.0.0.1', channels: options.channels })
    const f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
    const app = nodeApp(deps)
    const server = serve({
      fetch: (request, env) => {
        served.push(`${request.method} ${new URL(request.url).pathname}`)
        return app.fetch(request, env)
      },
      port: 0,
      hostname: '127.0.0.1',
    })
    await new Promise((resolve) => server.once('listening', resolve))
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    mkdirSync(SCREENSHOTS, { recursive: true })
    state = { browser, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, deps, f }
    stop = async () => {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
      await deps.handle.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => stop())
  const ready = () => {
    if (!state) throw new Error('browser harness not ready')
    return state
  }
  return {
    served,
    get browser() {
      return ready().browser
    },
    get base() {
      return ready().base
    },
    get deps() {
      return ready().deps
    },
    get f() {
      return ready().f
    },
    async logIn(page, username, password) {
      await page.goto(`${ready().base}/login`)
      await fill(page, { 'Nama pengguna': username, 'Kata sandi': password })
      await page.getByRole('button', { name: 'Masuk' }).click()
    },
  }
}
