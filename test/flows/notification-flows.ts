import { describe, expect, it } from 'vitest'
import type { NotificationChannels } from '../../src/channels/channel-config.ts'
import { generateVapidKeys } from '../../src/channels/web-push.ts'
import type { NotificationKind } from '../../src/db/schema.ts'
import { localToUtc } from '../../src/domain/local-time.ts'
import { scheduleDue } from '../../src/domain/notification-scheduler.ts'
import { sendDue } from '../../src/domain/notification-sender.ts'
import type { Received } from '../stand-ins/outside-world.ts'
import { apiLogin, bearer, countRows, type Fixtures, json, signIn } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures; world: string }

export const WHATSAPP_TOKEN = 'whatsapp-token-for-tests'
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** The channels of a test installation: every one pointed at the stand-ins, with a short timeout. */
export async function channelsFor(world: string): Promise<NotificationChannels> {
  return {
    vapid: { ...(await generateVapidKeys()), subject: 'mailto:operator@tigapilar.test' },
    pushServiceHosts: [new URL(world).host],
    whatsapp: {
      apiUrl: `${world}/whatsapp/v21.0`,
      phoneNumberId: '109876543210',
      token: WHATSAPP_TOKEN,
      templates: { alert: 'tigapilar_notifikasi', code: 'tigapilar_kode' },
    },
    timeoutMs: 300,
  }
}

const b64u = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '')

/**
 * A browser subscribing to push: its own key pair and auth secret, registered with the stand-in
 * push service (which decrypts with them), and the `PushSubscription.toJSON()` it would send us.
 */
async function browserSubscription(world: string) {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair
  const publicKey = b64u(new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)))
  const auth = b64u(crypto.getRandomValues(new Uint8Array(16)))
  const registered = await fetch(`${world}/_push-subscribers`, {
    method: 'POST',
    body: JSON.stringify({ id: crypto.randomUUID(), privateKey: await crypto.subtle.exportKey('jwk', pair.privateKey), publicKey, auth }),
  })
  const { endpoint } = (await registered.json()) as { endpoint: string }
  return { endpoint, expirationTime: null, keys: { p256dh: publicKey, auth } }
}

async function received(world: string, channel?: Received['channel']): Promise<Received[]> {
  const all = (await (await fetch(`${world}/_received`)).json()) as Received[]
  return channel ? all.filter((entry) => entry.channel === channel) : all
}

async function script(world: string, prefix: string, answers: (number | 'hang')[], forever = false) {
  await fetch(`${world}/_script`, { method: 'POST', body: JSON.stringify({ prefix, answers, forever }) })
}

/** How the deliveries to one target (a push subscription, a webhook) ended. */
function deliveriesTo(h: ClockedHarness, target: string) {
  return h.deps.db.selectFrom('notification_deliveries').select(['status', 'last_error']).where('target', '=', target).execute()
}

/** The parameter texts of a WhatsApp template message. */
function whatsAppTexts(entry: Received): string[] {
  const body = entry.body as { template: { components: { parameters: { text: string }[] }[] } }
  return body.template.components.flatMap((component) => component.parameters.map((p) => p.text))
}

/** Adds and verifies a WhatsApp number through the API, reading the code the stand-in received. */
async function verifiedWhatsApp(h: ClockedHarness, world: string, token: string, typed: string) {
  const put = await h.fetch('/api/v1/me/notification-settings', bearer(token, json({ whatsapp: { number: typed } }, { method: 'PUT' })))
  expect(put.status).toBe(200)
  const digits = typed.replace(/\D/g, '')
  const normalised = digits.startsWith('0') ? `62${digits.slice(1)}` : digits
  const message = (await received(world, 'whatsapp')).filter((entry) => entry.to === normalised).at(-1)!
  expect(message.verified).toBe(true)
  const verify = await h.fetch('/api/v1/me/whatsapp/verify', bearer(token, json({ code: whatsAppTexts(message)[0] })))
  expect(verify.status).toBe(200)
  expect(((await verify.json()) as { whatsapp: unknown }).whatsapp).toEqual({ number: `+${normalised}`, verified: true })
  return normalised
}

async function fileReport(h: ClockedHarness, token: string, fields: Record<string, unknown> = {}) {
  const response = await h.fetch(
    '/api/v1/reports',
    bearer(
      token,
      json({
        village_code: '35.10.01.2001',
        category: 'social_conflict',
        alert_level: 'awas',
        title: `Bentrok warga ${crypto.randomUUID().slice(0, 8)}`,
        description: 'Dua kelompok pemuda saling serang di perbatasan dusun.',
        occurred_at: new Date(Date.now() - HOUR).toISOString(),
        ...fields,
      }),
    ),
  )
  expect(response.status).toBe(201)
  return (await response.json()) as { id: string; title: string; description: string }
}

async function inboxOf(h: ClockedHarness, token: string) {
  const response = await h.fetch('/api/v1/notifications', bearer(token))
  expect(response.status).toBe(200)
  return (
    (await response.json()) as { items: { id: string; kind: string; title: string; body: string; url: string; read_at: string | null }[] }
  ).items
}

/** The ids of the events of one kind about one report, meeting or action item. */
export async function eventIds(h: Pick<ClockedHarness, 'deps'>, kind: NotificationKind, subjectId: string): Promise<string[]> {
  const rows = await h.deps.db
    .selectFrom('notification_events')
    .select('id')
    .where('kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .execute()
  return rows.map((row) => row.id)
}

/**
 * Sends until nothing is due at the harness's current time, waiting for rows another sender
 * holds (the one an `awas` filing starts after its response).
 */
async function drain(h: ClockedHarness) {
  for (let pass = 0; pass < 50; pass++) {
    await sendDue(h.deps)
    const due = await h.deps.db
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', h.deps.clock().toISOString())
      .executeTakeFirstOrThrow()
    if (Number(due.n) === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Notifications on every channel: fan-out, exactly once, restricted content, escalation, reminders, quiet hours, failures. */
export function notificationFlows(setup: Setup) {
  describe('notifications', () => {
    it('deliver an awas report to every district and regency reviewer on each channel they chose, exactly once, through 500s', async () => {
      const { h, world } = setup()
      h.setNow(new Date())
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const regencyAdmin = await apiLogin(h, 'bwi.admin')
      const districtAdmin = await apiLogin(h, 'pesanggaran.admin')
      const otherAdmin = await apiLogin(h, 'bangorejo.admin')
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      // The Kapolsek's phone subscribes to push; the regency admin verifies WhatsApp; the command centre registers a webhook.
      const subscription = await browserSubscription(world)
      const subscribed = await h.fetch('/api/v1/push-subscriptions', bearer(kapolsek, json(subscription)))
      expect(subscribed.status).toBe(201)
      const { id: subscriptionId } = (await subscribed.json()) as { id: string }
      const adminNumber = await verifiedWhatsApp(h, world, regencyAdmin, '0812-3456-7001')
      const hook = await h.fetch(
        '/api/v1/regencies/35.10/webhooks',
        bearer(regencyAdmin, json({ url: `${world}/hooks/command-centre`, events: ['report.filed', 'report.overdue'] })),
      )
      expect(hook.status).toBe(201)
      const { secret } = (await hook.json()) as { secret: string }
      expect(secret).toMatch(/^whsec_/)
      await fetch(`${world}/_webhook-secrets`, { method: 'POST', body: JSON.stringify({ name: 'command-centre', secret }) })
      const listed = await (await h.fetch('/api/v1/regencies/35.10/webhooks', bearer(regencyAdmin))).text()
      expect(listed).not.toContain(secret.slice(6, 20))
      // A receiver that answers with a redirect is not followed there: a redirect could lead anywhere.
      const moved = await h.fetch(
        '/api/v1/regencies/35.10/webhooks',
        bearer(regencyAdmin, json({ url: `${world}/moved/elsewhere`, events: ['report.filed'] })),
      )
      expect(moved.status).toBe(201)
      const { id: movedId } = (await moved.json()) as { id: string }
      // One stored before private networks were refused is never sent to.
      await h.deps.db
        .insertInto('webhooks')
        .values({
          id: 'webhook-metadata',
          regency_code: '35.10',
          url: 'https://169.254.169.254/latest/meta-data',
          events: ',report.filed,',
          generation: 1,
          previous_until: null,
          created_by: null,
          created_at: new Date().toISOString(),
          removed_at: null,
        })
        .execute()

      // The push service fails twice before it takes the message.
      await script(world, '/push/', [500, 500])
      const before = (await received(world)).length
      const report = await fileReport(h, babinsa)
      // Two senders at once (beside the one the filing started), then again as retries fall due.
      await Promise.all([sendDue(h.deps), sendDue(h.deps)])
      for (const minutes of [5, 10, 15]) {
        // Time moves on only once every sender of this moment is done, as it does for real.
        await drain(h)
        h.setNow(new Date(Date.now() + minutes * MINUTE))
        await Promise.all([sendDue(h.deps), sendDue(h.deps)])
      }
      await drain(h)
      const arrived = (await received(world)).slice(before)
      const push = arrived.filter((entry) => entry.channel === 'push' && entry.to === new URL(subscription.endpoint).pathname.slice(6))
      expect(push).toHaveLength(1)
      expect(push[0]!.verified).toBe(true)
      expect(push[0]!.body).toMatchObject({
        title: 'Laporan AWAS baru di Desa Sarongan',
        body: report.title,
        url: `https://tigapilar.test/reports/${report.id}`,
      })
      const whatsapp = arrived.filter((entry) => entry.channel === 'whatsapp' && entry.to === adminNumber)
      expect(whatsapp).toHaveLength(1)
      expect(whatsAppTexts(whatsapp[0]!)).toEqual([
        'Laporan AWAS baru di Desa Sarongan',
        report.title,
        `https://tigapilar.test/reports/${report.id}`,
      ])
      const webhook = arrived.filter((entry) => entry.channel === 'webhook' && entry.to === 'command-centre')
      expect(webhook).toHaveLength(1)
      expect(await deliveriesTo(h, 'webhook-metadata')).toEqual([{ status: 'failed', last_error: 'private network address' }])
      expect(arrived.filter((entry) => entry.to === 'elsewhere')).toEqual([])
      expect(await deliveriesTo(h, movedId)).toEqual([{ status: 'failed', last_error: 'HTTP 307' }])
      // Removed again: the tests after this one expect the command centre's webhook alone.
      const removed = await h.fetch(`/api/v1/regencies/35.10/webhooks/${movedId}`, bearer(regencyAdmin, { method: 'DELETE' }))
      expect(removed.status).toBe(204)
      expect(webhook[0]!.verified).toBe(true)
      expect(webhook[0]!.body).toMatchObject({
        type: 'report.filed',
        data: {
          report_id: report.id,
          region_code: '35.10.01.2001',
          alert_level: 'awas',
          url: `https://tigapilar.test/reports/${report.id}`,
        },
      })

      // In the inbox of the district's and the regency's overseers, not of another district's.
      for (const token of [kapolsek, regencyAdmin, districtAdmin])
        expect((await inboxOf(h, token)).filter((item) => item.url === `https://tigapilar.test/reports/${report.id}`)).toHaveLength(1)
      expect((await inboxOf(h, otherAdmin)).some((item) => item.url === `https://tigapilar.test/reports/${report.id}`)).toBe(false)
      const statuses = await h.deps.db
        .selectFrom('notification_deliveries')
        .select(['channel', 'status', 'attempts', 'target'])
        .where('event_id', '=', `report.filed:${report.id}`)
        .execute()
      const refused = ['webhook-metadata', movedId]
      expect(statuses.filter((row) => !refused.includes(row.target)).map((row) => row.status)).toEqual(['sent', 'sent', 'sent'])
      expect(statuses.find((row) => row.channel === 'push')).toMatchObject({ target: subscriptionId, attempts: 3 })
      // Reading it through the inbox link marks it read.
      const item = (await inboxOf(h, districtAdmin)).find((entry) => entry.url === `https://tigapilar.test/reports/${report.id}`)!
      const { headers } = await signIn(h, 'pesanggaran.admin')
      const opened = await h.fetch(`/notifications/${item.id}`, { headers: headers() })
      expect(opened.status).toBe(303)
      expect(opened.headers.get('Location')).toBe(`/reports/${report.id}`)
      expect((await inboxOf(h, districtAdmin)).find((entry) => entry.id === item.id)?.read_at).not.toBeNull()
      // Someone else's notification does not exist for them.
      const { headers: otherHeaders } = await signIn(h, 'bangorejo.admin')
      expect((await h.fetch(`/notifications/${item.id}`, { headers: otherHeaders() })).status).toBe(404)
    })

    it('never let a restricted report’s words leave the server', async () => {
      const { h, world } = setup()
      h.setNow(new Date())
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      const before = (await received(world)).length
      const report = await fileReport(h, babinsa, {
        restricted: true,
        title: 'Rahasia: nama informan Pak Slamet',
        description: 'Informan melihat senjata.',
      })
      await drain(h)
      // This file's receivers only: the workers project shares the stand-ins between files.
      const arrived = (await received(world)).slice(before).filter((entry) => entry.channel !== 'webhook' || entry.to === 'command-centre')
      expect(arrived.map((entry) => entry.channel).sort()).toEqual(['push', 'webhook', 'whatsapp'])
      for (const entry of arrived) {
        const text = JSON.stringify(entry.body)
        expect(text).not.toContain('Slamet')
        expect(text).not.toContain('senjata')
      }
      expect(arrived.find((entry) => entry.channel === 'push')!.body).toMatchObject({
        title: 'Laporan terbatas baru di Desa Sarongan — buka aplikasi',
        body: '',
      })
      // Inside the app, those who may see the report read it.
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      expect((await inboxOf(h, kapolsek)).find((item) => item.url === `https://tigapilar.test/reports/${report.id}`)?.body).toBe(
        report.title,
      )
    })

    it('escalate an unacknowledged report once per stage, whoever runs the scheduler and how often', async () => {
      const { h } = setup()
      const filedAt = new Date()
      h.setNow(filedAt)
      const report = await fileReport(h, await apiLogin(h, 'babinsa.sarongan'))
      const stages = () => eventIds(h, 'report.overdue', report.id)
      h.setNow(new Date(filedAt.getTime() + 2 * HOUR - MINUTE))
      await scheduleDue(h.deps)
      expect(await stages()).toEqual([])
      h.setNow(new Date(filedAt.getTime() + 2 * HOUR + MINUTE))
      await Promise.all([scheduleDue(h.deps), scheduleDue(h.deps)])
      await scheduleDue(h.deps)
      expect(await stages()).toEqual([`report.overdue:${report.id}:1`])
      h.setNow(new Date(filedAt.getTime() + 4 * HOUR + MINUTE))
      await Promise.all([scheduleDue(h.deps), scheduleDue(h.deps)])
      expect((await stages()).sort()).toEqual([`report.overdue:${report.id}:1`, `report.overdue:${report.id}:2`])
      const regencyAdmin = await apiLogin(h, 'bwi.admin')
      const overdue = (await inboxOf(h, regencyAdmin)).filter(
        (item) => item.url === `https://tigapilar.test/reports/${report.id}` && item.kind === 'report.overdue',
      )
      expect(overdue.map((item) => item.title)).toEqual([
        'Peringatan kedua: laporan AWAS di Desa Sarongan masih belum diterima',
        'Laporan AWAS di Desa Sarongan belum diterima melewati batas waktu',
      ])
      // The webhook asked for overdue escalations too: one per stage.
      const deliveries = await h.deps.db
        .selectFrom('notification_deliveries')
        .select('event_id')
        .where('channel', '=', 'webhook')
        .where('event_id', 'in', [`report.overdue:${report.id}:1`, `report.overdue:${report.id}:2`])
        .execute()
      expect(deliveries).toHaveLength(2)
    })

    it('remind participants once at 07:00 local the day before, and tell them of invitations, changes and cancellations', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const organiser = await apiLogin(h, 'pesanggaran.admin')
      const day = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)
      const created = await h.fetch(
        '/api/v1/meetings',
        bearer(
          organiser,
          json({
            scope_code: '35.10.01',
            title: 'Rakor Kecamatan Pesanggaran',
            starts_at: `${day}T09:00`,
            ends_at: `${day}T12:00`,
            venue: 'Aula Kecamatan',
          }),
        ),
      )
      expect(created.status).toBe(201)
      const meeting = (await created.json()) as { id: string; starts_at: string }
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      const babinsaInbox = async () =>
        (await inboxOf(h, babinsa)).filter((item) => item.url === `https://tigapilar.test/meetings/${meeting.id}`).map((item) => item.title)
      expect(await babinsaInbox()).toEqual(['Undangan: Rakor Kecamatan Pesanggaran'])

      const dayBefore = new Date(Date.parse(`${day}T12:00:00Z`) - DAY).toISOString().slice(0, 10)
      const sevenLocal = new Date(localToUtc(dayBefore, '07:00', 'Asia/Jakarta'))
      const reminders = async () => (await eventIds(h, 'meeting.reminder', meeting.id)).filter((id) => id.includes(':h-1@')).length
      h.setNow(new Date(sevenLocal.getTime() - MINUTE))
      await scheduleDue(h.deps)
      expect(await reminders()).toBe(0)
      h.setNow(sevenLocal)
      await Promise.all([scheduleDue(h.deps), scheduleDue(h.deps)])
      await scheduleDue(h.deps)
      expect(await reminders()).toBe(1)
      expect(await babinsaInbox()).toContain('Pengingat: Rakor Kecamatan Pesanggaran besok')

      h.setNow(new Date())
      const moved = await h.fetch(
        `/api/v1/meetings/${meeting.id}`,
        bearer(organiser, json({ venue: 'Balai Desa Sarongan' }, { method: 'PATCH' })),
      )
      expect(moved.status).toBe(200)
      const cancelled = await h.fetch(
        `/api/v1/meetings/${meeting.id}/cancel`,
        bearer(organiser, json({ reason: 'Banjir di jalan utama.' })),
      )
      expect(cancelled.status).toBe(200)
      expect(await babinsaInbox()).toEqual(
        expect.arrayContaining(['Perubahan jadwal: Rakor Kecamatan Pesanggaran', 'Dibatalkan: Rakor Kecamatan Pesanggaran']),
      )
    })

    it('speak each recipient’s own language on external channels', async () => {
      const { h, world } = setup()
      h.setNow(new Date())
      const { headers } = await signIn(h, 'bwi.admin')
      const home = await (await h.fetch('/', { headers: headers() })).text()
      const csrf = /name="_csrf" value="([^"]+)"/.exec(home)![1]!
      const switched = await h.fetch('/language', {
        method: 'POST',
        headers: headers(),
        body: new URLSearchParams({ _csrf: csrf, lang: 'en', next: '/' }),
      })
      expect(switched.status).toBe(303)
      const before = (await received(world, 'whatsapp')).length
      const report = await fileReport(h, await apiLogin(h, 'babinsa.sarongan'))
      await drain(h)
      const english = (await received(world, 'whatsapp')).slice(before).filter((entry) => entry.to === '6281234567001')
      expect(english).toHaveLength(1)
      expect((english[0]!.body as { template: { language: { code: string } } }).template.language.code).toBe('en')
      expect(whatsAppTexts(english[0]!)).toEqual([
        'New Awas (warning) report in Village Sarongan',
        report.title,
        `https://tigapilar.test/reports/${report.id}`,
      ])
      await h.fetch('/language', { method: 'POST', headers: headers(), body: new URLSearchParams({ _csrf: csrf, lang: 'id', next: '/' }) })
    })

    it('tell who must act that an action item falls due, once, and again once overdue', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const organiser = await apiLogin(h, 'pesanggaran.admin')
      const day = new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10)
      const meeting = (await (
        await h.fetch(
          '/api/v1/meetings',
          bearer(
            organiser,
            json({
              scope_code: '35.10.01',
              title: 'Rakor Tindak Lanjut',
              starts_at: `${day}T09:00`,
              ends_at: `${day}T11:00`,
              venue: 'Aula',
            }),
          ),
        )
      ).json()) as { id: string }
      const due = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)
      const added = await h.fetch(
        `/api/v1/meetings/${meeting.id}/action-items`,
        bearer(organiser, json({ description: 'Patroli gabungan di perbatasan dusun', responsible_pillar: 'police', due_date: due })),
      )
      expect(added.status).toBe(201)
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const notices = async () =>
        (await inboxOf(h, kapolsek))
          .filter((item) => item.kind === 'action_item.due' && item.body === 'Patroli gabungan di perbatasan dusun')
          .map((item) => item.title)
      await Promise.all([scheduleDue(h.deps), scheduleDue(h.deps)])
      await scheduleDue(h.deps)
      expect(await notices()).toEqual([expect.stringMatching(/^Tindak lanjut Rakor jatuh tempo \d+ \w+ \d{4}$/)])
      // The Babinsa (TNI) is not the responsible pillar.
      expect((await inboxOf(h, await apiLogin(h, 'babinsa.sarongan'))).some((item) => item.kind === 'action_item.due')).toBe(false)
      h.setNow(new Date(Date.now() + 4 * DAY))
      await scheduleDue(h.deps)
      await scheduleDue(h.deps)
      expect(await notices()).toHaveLength(2)
      expect((await notices())[0]).toMatch(/^Tindak lanjut Rakor melewati tenggat /)
    })

    it('tell the reporter in plain words who took the report up', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      const report = await fileReport(h, babinsa, { alert_level: 'waspada' })
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const ack = await h.fetch(
        `/api/v1/reports/${report.id}/events`,
        bearer(kapolsek, json({ type: 'status', status: 'acknowledged', note: 'Segera kami cek.', version: 1 })),
      )
      expect(ack.status).toBe(201)
      const mine = (await inboxOf(h, babinsa)).find((item) => item.url === `https://tigapilar.test/reports/${report.id}`)
      expect(mine).toMatchObject({ kind: 'report.updated', title: 'Laporan Anda sudah diterima oleh Kapolsek Pesanggaran' })
      // The Kapolsek, who did it, hears nothing of it.
      expect(
        (await inboxOf(h, kapolsek)).some(
          (item) => item.kind === 'report.updated' && item.url === `https://tigapilar.test/reports/${report.id}`,
        ),
      ).toBe(false)
    })

    it('hold a daily summary through the recipient’s quiet hours', async () => {
      const { h, world } = setup()
      h.setNow(new Date())
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const number = await verifiedWhatsApp(h, world, kapolsek, '+62 812 3456 7002')
      const settings = await h.fetch(
        '/api/v1/me/notification-settings',
        bearer(
          kapolsek,
          json(
            { preferences: { 'summary.daily': ['in_app', 'whatsapp'] }, quiet_hours: { start: '06:00', end: '08:00' } },
            { method: 'PUT' },
          ),
        ),
      )
      expect(settings.status).toBe(200)
      expect(((await settings.json()) as { preferences: Record<string, string[]> }).preferences['summary.daily']).toEqual([
        'in_app',
        'whatsapp',
      ])

      const day = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10)
      h.setNow(new Date(Date.parse(localToUtc(day, '07:00', 'Asia/Jakarta')) + MINUTE))
      await scheduleDue(h.deps)
      await drain(h)
      const summaries = async () =>
        (await received(world, 'whatsapp')).filter(
          (entry) => entry.to === number && whatsAppTexts(entry)[0]!.startsWith('Ringkasan harian'),
        )
      expect(await summaries()).toHaveLength(0)
      const held = await h.deps.db
        .selectFrom('notification_deliveries')
        .select(['status', 'next_attempt_at'])
        .where('event_id', '=', `summary.daily:35.10.01:${day}`)
        .where('channel', '=', 'whatsapp')
        .executeTakeFirstOrThrow()
      expect(held).toEqual({ status: 'pending', next_attempt_at: localToUtc(day, '08:00', 'Asia/Jakarta') })
      h.setNow(new Date(Date.parse(localToUtc(day, '08:00', 'Asia/Jakarta')) + MINUTE))
      await drain(h)
      await drain(h)
      const sent = await summaries()
      expect(sent).toHaveLength(1)
      expect(whatsAppTexts(sent[0]!)[0]).toMatch(/^Ringkasan harian Kecamatan Pesanggaran, \d+ \w+ \d{4}$/)
      expect(whatsAppTexts(sent[0]!)[1]).toMatch(/^\d+ laporan baru dalam 24 jam \(awas \d+, siaga \d+/)
    })

    it('remove a push subscription the push service says is gone', async () => {
      const { h, world } = setup()
      h.setNow(new Date())
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const subscription = await browserSubscription(world)
      const { id } = (await (await h.fetch('/api/v1/push-subscriptions', bearer(kapolsek, json(subscription)))).json()) as { id: string }
      await h.fetch(
        '/api/v1/me/notification-settings',
        bearer(kapolsek, json({ preferences: { 'report.filed': ['in_app', 'push'] } }, { method: 'PUT' })),
      )
      await script(world, '/push/', [410, 410, 410])
      await fileReport(h, await apiLogin(h, 'babinsa.sarongan'))
      await drain(h)
      expect(
        await h.deps.db
          .selectFrom('push_subscriptions')
          .select('id')
          .where(
            'user_id',
            '=',
            (await h.deps.db.selectFrom('users').select('id').where('username', '=', 'kapolsek.pesanggaran').executeTakeFirstOrThrow()).id,
          )
          .execute(),
      ).toEqual([])
      expect(await deliveriesTo(h, id)).toEqual([{ status: 'failed', last_error: 'HTTP 410: subscription gone, removed' }])
      await script(world, '/push/', [])
    })

    it('retry a receiver that never answers, then fail it after 24 hours, and show it in the log within scope', async () => {
      const { h, world } = setup()
      const start = new Date()
      h.setNow(start)
      await script(world, '/hooks/command-centre', ['hang'], true)
      const report = await fileReport(h, await apiLogin(h, 'babinsa.sarongan'), { alert_level: 'normal' })
      const delivery = () =>
        h.deps.db
          .selectFrom('notification_deliveries')
          .select(['id', 'status', 'attempts', 'last_error'])
          .where('event_id', '=', `report.filed:${report.id}`)
          .where('channel', '=', 'webhook')
          .executeTakeFirstOrThrow()
      await sendDue(h.deps)
      expect(await delivery()).toMatchObject({ status: 'pending', attempts: 1, last_error: expect.stringMatching(/Timeout|abort/i) })
      h.setNow(new Date(start.getTime() + HOUR))
      await sendDue(h.deps)
      expect(await delivery()).toMatchObject({ status: 'pending', attempts: 2 })
      h.setNow(new Date(start.getTime() + 25 * HOUR))
      await sendDue(h.deps)
      const final = await delivery()
      expect(final).toMatchObject({ status: 'failed', attempts: 3, last_error: expect.stringMatching(/^gave up after 24 hours: /) })
      await script(world, '/hooks/command-centre', [])

      const log = async (token: string, query = '') =>
        h.fetch(`/api/v1/notification-deliveries?status=failed${query}`, bearer(token)).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { items: { id: string; destination: string; last_error: string }[] },
        }))
      const regency = await log(await apiLogin(h, 'bwi.admin'))
      expect(regency.status).toBe(200)
      expect(regency.body.items.find((item) => item.id === final.id)).toMatchObject({ destination: `${world}/hooks/command-centre` })
      expect((await log(await apiLogin(h, 'bangorejo.admin'))).body.items.some((item) => item.id === final.id)).toBe(false)
      expect((await log(await apiLogin(h, 'bangorejo.admin'), '&region=35.10.01')).status).toBe(403)
      expect((await log(await apiLogin(h, 'babinsa.sarongan'))).status).toBe(403)
      const { headers } = await signIn(h, 'bwi.admin')
      const page = await (await h.fetch('/admin/notifications?status=failed', { headers: headers() })).text()
      expect(page).toContain('gave up after 24 hours')
      expect(page).toContain('Desa Sarongan')
    })

    it('refuse bad input with 422 naming the field, and store nothing', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const admin = await apiLogin(h, 'bwi.admin')
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const tables = ['webhooks', 'push_subscriptions', 'notification_settings', 'audit_log'] as const
      const counts = async () => Promise.all(tables.map((table) => countRows(h, table)))
      const before = await counts()
      const refusals: [string, RequestInit, string][] = [
        [
          '/api/v1/regencies/35.10/webhooks',
          bearer(admin, json({ url: 'http://command.example.go.id/hook', events: ['report.filed'] })),
          'url',
        ],
        [
          '/api/v1/regencies/35.10/webhooks',
          bearer(admin, json({ url: 'https://command.example.go.id/hook', events: ['report.exploded'] })),
          'events.0',
        ],
        // Private, link-local and reserved networks, however the address is written.
        ...[
          'https://169.254.169.254/latest/meta-data',
          'https://10.1.2.3/hook',
          'https://172.20.0.5/hook',
          'https://192.168.1.10/hook',
          'https://0x0a.0.0.1/hook',
          'https://2852039166/hook',
          'https://[fd00::1]/hook',
          'https://[fe80::1]/hook',
          'https://[::ffff:169.254.169.254]/hook',
        ].map((url): [string, RequestInit, string] => [
          '/api/v1/regencies/35.10/webhooks',
          bearer(admin, json({ url, events: ['report.filed'] })),
          'url',
        ]),
        [
          '/api/v1/me/notification-settings',
          bearer(kapolsek, json({ whatsapp: { number: '12ab' } }, { method: 'PUT' })),
          'whatsapp.number',
        ],
        [
          '/api/v1/me/notification-settings',
          bearer(kapolsek, json({ preferences: { 'report.filed': ['push'] } }, { method: 'PUT' })),
          'preferences',
        ],
        [
          '/api/v1/me/notification-settings',
          bearer(kapolsek, json({ preferences: { 'report.filed': ['in_app', 'sms'] } }, { method: 'PUT' })),
          'preferences.report.filed.1',
        ],
        ['/api/v1/me/whatsapp/verify', bearer(kapolsek, json({ code: '12345x' })), 'code'],
        [
          '/api/v1/push-subscriptions',
          bearer(
            kapolsek,
            json({ endpoint: 'https://push.evil.example/send/1', keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) } }),
          ),
          'endpoint',
        ],
      ]
      for (const [path, init, field] of refusals) {
        const response = await h.fetch(path, init)
        expect(response.status, `${path} ${init.body}`).toBe(422)
        expect(response.headers.get('Content-Type')).toContain('application/problem+json')
        const problem = (await response.json()) as { errors?: { path: string }[] }
        expect(
          problem.errors?.map((error) => error.path),
          `${init.body}`,
        ).toContain(field)
      }
      expect(await counts()).toEqual(before)
      const metadata = await h.fetch(
        '/api/v1/regencies/35.10/webhooks',
        bearer(admin, json({ url: 'https://169.254.169.254/latest', events: ['report.filed'] })),
      )
      expect(JSON.stringify(await metadata.json())).toContain('Alamat di jaringan privat atau internal tidak dapat menerima webhook.')
    })

    it('let regency admins tune who hears siaga and waspada at once, the last reminder, and webhooks, from the settings page', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const admin = await apiLogin(h, 'bwi.admin')
      const rules = '/api/v1/regencies/35.10/notification-rules'
      expect(await (await h.fetch(rules, bearer(admin))).json()).toEqual({
        reminder_hours: 2,
        siaga_to_regency: false,
        waspada_to_district: false,
      })
      const bad = { reminder_hours: 73, siaga_to_regency: true, waspada_to_district: false }
      expect((await h.fetch(rules, bearer(admin, json(bad, { method: 'PUT' })))).status).toBe(422)
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      expect((await h.fetch(rules, bearer(kapolsek, json({ ...bad, reminder_hours: 3 }, { method: 'PUT' })))).status).toBe(403)

      // By default a siaga filing reaches the district at once, the regency in the summary.
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      const heard = async (token: string, id: string) =>
        (await inboxOf(h, token)).some((item) => item.url === `https://tigapilar.test/reports/${id}`)
      const quiet = await fileReport(h, babinsa, { alert_level: 'siaga' })
      expect([await heard(kapolsek, quiet.id), await heard(admin, quiet.id)]).toEqual([true, false])

      const { headers } = await signIn(h, 'bwi.admin')
      const page = async () => (await h.fetch('/admin/regencies/35.10', { headers: headers() })).text()
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page())![1]!
      const post = (path: string, fields: Record<string, string>) =>
        h.fetch(path, { method: 'POST', headers: headers(), body: new URLSearchParams({ _csrf: csrf, ...fields }) })
      expect((await post('/admin/regencies/35.10/notification-rules', { reminder_hours: '3', siaga_to_regency: '1' })).status).toBe(303)
      expect(await (await h.fetch(rules, bearer(admin))).json()).toEqual({
        reminder_hours: 3,
        siaga_to_regency: true,
        waspada_to_district: false,
      })
      const loud = await fileReport(h, babinsa, { alert_level: 'siaga' })
      expect([await heard(kapolsek, loud.id), await heard(admin, loud.id)]).toEqual([true, true])
      expect(
        (
          await h.fetch(
            rules,
            bearer(admin, json({ reminder_hours: 2, siaga_to_regency: false, waspada_to_district: false }, { method: 'PUT' })),
          )
        ).status,
      ).toBe(200)

      // No kind ticked: the form comes back saying so, and nothing is stored.
      const webhooks = await countRows(h, 'webhooks')
      const refused = await post('/admin/regencies/35.10/webhooks', { url: 'https://sms.example.go.id/in' })
      expect(refused.status).toBe(422)
      expect(await refused.text()).toContain('value="https://sms.example.go.id/in"')
      expect(await countRows(h, 'webhooks')).toBe(webhooks)
      const added = await post('/admin/regencies/35.10/webhooks', { url: 'https://sms.example.go.id/in', 'event:meeting.reminder': '1' })
      expect(added.status).toBe(303)
      const shown = await (
        await h.fetch('/admin/regencies/35.10', {
          headers: {
            ...headers(),
            Cookie: `${headers().Cookie}; ${added.headers
              .getSetCookie()
              .map((c) => c.split(';')[0])
              .join('; ')}`,
          },
        })
      ).text()
      expect(shown).toMatch(/id="webhook-secret" readonly="" value="whsec_[A-Za-z0-9+/=]+"/)
      expect(shown).toContain('Laporan SIAGA juga langsung diberitahukan kepada pimpinan kabupaten')
      const id = (
        (await (await h.fetch('/api/v1/regencies/35.10/webhooks', bearer(admin))).json()) as { items: { id: string; url: string }[] }
      ).items.find((item) => item.url === 'https://sms.example.go.id/in')!.id
      expect((await post(`/admin/regencies/35.10/webhooks/${id}/remove`, {})).status).toBe(303)
      expect((await page()).includes('https://sms.example.go.id/in')).toBe(false)
    })

    it('show the unread count on every page and open the inbox', async () => {
      const { h } = setup()
      h.setNow(new Date())
      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const unread = await h.fetch('/api/v1/notifications?unread=1', bearer(kapolsek))
      const { items } = (await unread.json()) as { items: { id: string; read_at: null }[] }
      expect(items.length).toBeGreaterThan(1)
      expect(Object.keys(items[0]!).sort()).toEqual(['body', 'created_at', 'id', 'kind', 'read_at', 'title', 'url'])
      const { headers } = await signIn(h, 'kapolsek.pesanggaran')
      const count = async () => Number(/class="count">(\d+)</.exec(await (await h.fetch('/', { headers: headers() })).text())?.[1] ?? 0)
      expect(await count()).toBe(items.length)
      expect((await h.fetch('/api/v1/notifications/read', bearer(kapolsek, json({ ids: [items[0]!.id] })))).status).toBe(204)
      expect(await count()).toBe(items.length - 1)
      const inbox = await (await h.fetch('/notifications', { headers: headers() })).text()
      expect(inbox).toContain('Tandai semua sudah dibaca')
      const all = await h.fetch('/notifications/read-all', {
        method: 'POST',
        headers: headers(),
        body: new URLSearchParams({ _csrf: /name="_csrf" value="([^"]+)"/.exec(inbox)![1]! }),
      })
      expect(all.status).toBe(303)
      expect(await count()).toBe(0)
      const settings = await (await h.fetch('/notifications/settings', { headers: headers() })).text()
      expect(settings).toContain('Pengaturan pemberitahuan')
      expect(settings).toContain('Notifikasi ponsel')
    })
  })
}
