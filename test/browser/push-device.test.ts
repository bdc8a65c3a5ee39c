import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readChannelConfig } from '../../src/channels/channel-config.ts'
import { generateVapidKeys } from '../../src/channels/web-push.ts'
import { PASSWORD } from '../flows/harness.ts'
import { browserHarness, SCREENSHOTS } from './browser-harness.ts'

const keys = await generateVapidKeys()
const h = browserHarness({
  channels: readChannelConfig({
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'mailto:admin@tigapilar.test',
  }),
})

describe('push on this device', () => {
  it('offers to turn on notifications, and says plainly when the browser cannot reach a push service', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', permissions: ['notifications'] })
    const page = await context.newPage()
    await h.logIn(page, 'kapolsek.pesanggaran', PASSWORD)
    await page.goto(`${h.base}/notifications/settings`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
    await page.getByRole('button', { name: 'Aktifkan notifikasi di perangkat ini' }).click()
    const status = page.locator('[data-push] p')
    await expect
      .poll(() => status.textContent(), { timeout: 20_000 })
      .toMatch(/aktif di perangkat ini|tidak dapat menghubungi layanan push/)
    const subscriptions = await h.deps.db.selectFrom('push_subscriptions').select('endpoint').execute()
    // Headless Chromium has no push service here: the refusal is said, and nothing is stored. A browser
    // that can subscribe stores exactly one subscription.
    if ((await status.textContent())!.includes('aktif')) expect(subscriptions).toHaveLength(1)
    else expect(subscriptions).toHaveLength(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'push-device-360.png'), fullPage: true })
    await context.close()
  })

  it('shows a pushed notification from the service worker, with the app’s icon and the words sent', async () => {
    const context = await h.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID', permissions: ['notifications'] })
    const page = await context.newPage()
    await h.logIn(page, 'kapolsek.pesanggaran', PASSWORD)
    await page.goto(`${h.base}/reports`)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 })
    const cdp = await context.newCDPSession(page)
    const registrationId = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const ours = registrations.find((registration: { scopeURL: string }) => registration.scopeURL === `${h.base}/`)
        if (ours) resolve(ours.registrationId)
      }),
    )
    await cdp.send('ServiceWorker.enable')
    const message = {
      title: 'Laporan AWAS baru di Desa Sarongan',
      body: 'Perkelahian antarkampung',
      url: `${h.base}/reports`,
      tag: 'event-1',
    }
    const registration = await registrationId
    // Delivered again until shown: the worker may still be starting when the first arrives. The
    // message's tag makes a repeat replace the notification, never add a second.
    await expect
      .poll(
        async () => {
          await cdp.send('ServiceWorker.deliverPushMessage', {
            origin: h.base,
            registrationId: registration,
            data: JSON.stringify(message),
          })
          await page.waitForTimeout(300)
          return page.evaluate(async () => {
            const ready = await navigator.serviceWorker.ready
            return (await ready.getNotifications()).map((shown) => ({
              title: shown.title,
              body: shown.body,
              icon: shown.icon,
              url: shown.data.url,
            }))
          })
        },
        { timeout: 20_000 },
      )
      .toEqual([{ title: message.title, body: message.body, icon: `${h.base}/assets/icon-192.png`, url: message.url }])
    await context.close()
  })
})
