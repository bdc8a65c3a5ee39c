import { type App, createApp } from '../app.tsx'
import { readChannelConfig } from '../channels/channel-config.ts'
import { logFormat } from '../config.ts'
import { openD1 } from '../db/d1.ts'
import type { Deps } from '../deps.ts'
import { notificationPass } from '../domain/notification-pass.ts'
import { createPasswordHasher } from '../domain/passwords.ts'
import { purgeExpired } from '../domain/purge.ts'
import { consoleLogger } from '../http/request-log.ts'
import { preparePhoto } from '../photos/prepare-photo.ts'
import { r2PhotoStorage } from './r2-photo-storage.ts'
import { nodeScrypt } from './scrypt.ts'

export interface WorkerEnv {
  DB: D1Database
  /** Report photos (`[[r2_buckets]]` in wrangler.toml). */
  PHOTOS: R2Bucket
  /** First-run setup secret: `wrangler secret put SETUP_TOKEN`, then open /setup/<token>. */
  SETUP_TOKEN?: string
  /** The address people use to reach the app (`[vars]` in wrangler.toml), e.g. https://tigapilar.banyuwangikab.go.id. */
  PUBLIC_URL: string
  /** Request log lines: `json` (default here: Workers Logs index its fields), `text` or `off`. */
  LOG_FORMAT?: string
  /** Web Push: `VAPID_PUBLIC_KEY` and `VAPID_SUBJECT` in `[vars]`, `VAPID_PRIVATE_KEY` a secret. */
  VAPID_PUBLIC_KEY?: string
  VAPID_PRIVATE_KEY?: string
  VAPID_SUBJECT?: string
  PUSH_SERVICE_HOSTS?: string
  /** WhatsApp Cloud API: `WHATSAPP_TOKEN` a secret, the rest `[vars]`. */
  WHATSAPP_API_URL?: string
  WHATSAPP_PHONE_NUMBER_ID?: string
  WHATSAPP_TOKEN?: string
  WHATSAPP_TEMPLATE_ALERT?: string
  WHATSAPP_TEMPLATE_CODE?: string
}

const passwords = createPasswordHasher(nodeScrypt)
// One app per D1 binding, built on the first request (bindings are only known then).
const apps = new WeakMap<D1Database, App>()

/** The app's dependencies over one environment's bindings. */
function workerDeps(env: WorkerEnv): Deps {
  if (!env.PUBLIC_URL?.startsWith('http')) throw new Error('Set PUBLIC_URL in wrangler.toml [vars] to the address people use')
  return {
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    ...openD1(env.DB),
    clock: () => new Date(),
    passwords,
    setupToken: env.SETUP_TOKEN,
    clientAddress: (c) => c.req.header('CF-Connecting-IP') ?? 'unknown',
    log: consoleLogger(logFormat(env.LOG_FORMAT || 'json')),
    channels: readChannelConfig(env as unknown as Record<string, string | undefined>),
    photos: { storage: r2PhotoStorage(env.PHOTOS), prepare: async (bytes) => preparePhoto(bytes) },
  }
}

/** The app over one environment's D1 database. */
function workerApp(env: WorkerEnv): App {
  let app = apps.get(env.DB)
  if (!app) {
    app = createApp(workerDeps(env))
    apps.set(env.DB, app)
  }
  return app
}

// wrangler.toml `[triggers]`: the daily purge at 01:00 WIB, notifications every minute.
const PURGE_CRON = '0 18 * * *'

/**
 * Cloudflare Workers entry: the same app over D1, and the Cron Triggers that run the daily
 * retention purge and, every minute, the notification scheduler and sender.
 */
export default {
  fetch: (request, env, ctx) => workerApp(env).fetch(request, env, ctx),
  async scheduled(controller, env) {
    const deps = workerDeps(env)
    if (controller.cron === PURGE_CRON) deps.log({ level: 'info', msg: 'purge', ...(await purgeExpired(deps)) })
    else deps.log({ level: 'info', msg: 'notifications', ...(await notificationPass(deps)) })
  },
} satisfies ExportedHandler<WorkerEnv>
