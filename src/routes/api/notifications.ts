import { Hono } from 'hono'
import { deliveryLog } from '../../domain/delivery-log.ts'
import { DomainError } from '../../domain/errors.ts'
import { listNotifications, markRead } from '../../domain/notification-inbox.ts'
import {
  deliveryQuerySchema,
  inboxQuerySchema,
  markReadSchema,
  newWebhookSchema,
  notificationSettingsSchema,
  pushSubscriptionSchema,
  whatsAppCodeSchema,
} from '../../domain/notification-input.ts'
import { applyNotificationSettings, notificationSettings, verifyWhatsAppCode } from '../../domain/notification-settings.ts'
import { subscribePush, unsubscribePush } from '../../domain/push-subscriptions.ts'
import { createWebhook, listWebhooks, removeWebhook, rotateWebhookSecret, webhookJson } from '../../domain/webhooks.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { filledParams, parseOrProblem, readJson } from '../../http/validate.ts'

/** The inbox, one's notification settings, push subscriptions, webhooks and the delivery log. */
export const apiNotifications = new Hono<SignedInEnv>()
  .get('/notifications', async (c) => {
    const query = parseOrProblem(inboxQuerySchema, filledParams(c.req.query()))
    return c.json(await listNotifications(c.var.deps, c.var.user, c.var.lang, { unread: query.unread === '1', cursor: query.cursor }))
  })
  .post('/notifications/read', async (c) => {
    await markRead(c.var.deps, c.var.user, parseOrProblem(markReadSchema, await readJson(c.req.raw)))
    return c.body(null, 204)
  })
  .get('/me/notification-settings', async (c) => c.json(await notificationSettings(c.var.deps, c.var.user)))
  .put('/me/notification-settings', async (c) => {
    await applyNotificationSettings(c.var.deps, c.var.user, parseOrProblem(notificationSettingsSchema, await readJson(c.req.raw)))
    return c.json(await notificationSettings(c.var.deps, c.var.user))
  })
  .post('/me/whatsapp/verify', async (c) => {
    await verifyWhatsAppCode(c.var.deps, c.var.user, parseOrProblem(whatsAppCodeSchema, await readJson(c.req.raw)).code)
    return c.json(await notificationSettings(c.var.deps, c.var.user))
  })
  .get('/push/vapid-public-key', (c) => {
    const vapid = c.var.deps.channels.vapid
    if (!vapid) throw new DomainError('not_found', 'channelOff')
    return c.json({ key: vapid.publicKey })
  })
  .post('/push-subscriptions', async (c) => {
    if (!c.var.deps.channels.vapid) throw new DomainError('not_found', 'channelOff')
    const input = parseOrProblem(pushSubscriptionSchema(c.var.deps.channels.pushServiceHosts), await readJson(c.req.raw))
    return c.json({ id: await subscribePush(c.var.deps, c.var.user, input) }, 201)
  })
  .delete('/push-subscriptions/:id', async (c) => {
    await unsubscribePush(c.var.deps, c.var.user, c.req.param('id'))
    return c.body(null, 204)
  })
  .get('/regencies/:code/webhooks', async (c) => {
    const webhooks = await listWebhooks(c.var.deps, c.var.user, c.req.param('code'))
    return c.json({ items: webhooks.map(webhookJson) })
  })
  .post('/regencies/:code/webhooks', async (c) => {
    const input = parseOrProblem(newWebhookSchema, await readJson(c.req.raw))
    const { webhook, secret } = await createWebhook(c.var.deps, c.var.user, c.req.param('code'), input)
    return c.json({ ...webhookJson(webhook), secret }, 201)
  })
  .post('/regencies/:code/webhooks/:id/rotate', async (c) => {
    return c.json({ secret: await rotateWebhookSecret(c.var.deps, c.var.user, c.req.param('code'), c.req.param('id')) })
  })
  .delete('/regencies/:code/webhooks/:id', async (c) => {
    await removeWebhook(c.var.deps, c.var.user, c.req.param('code'), c.req.param('id'))
    return c.body(null, 204)
  })
  .get('/notification-deliveries', async (c) => {
    const query = parseOrProblem(deliveryQuerySchema, filledParams(c.req.query()))
    return c.json(await deliveryLog(c.var.deps, c.var.user, query))
  })
