import { type App, createApp } from '../app.tsx'
import { logFormat } from '../config.ts'
import { openD1 } from '../db/d1.ts'
import type { Deps } from '../deps.ts'
import { createPasswordHasher } from '../domain/passwords.ts'
import { purgeExpired } from '../domain/purge.ts'
import { consoleLogger } from '../http/request-log.ts'
import { nodeScrypt } from './scrypt.ts'

export interface WorkerEnv {
  DB: D1Database
  /** First-run setup secret: `wrangler secret put SETUP_TOKEN`, then open /setup/<token>. */
  SETUP_TOKEN?: string
  /** The address people use to reach the app (`[vars]` in wrangler.toml), e.g. https://tigapilar.banyuwangikab.go.id. */
  PUBLIC_URL: string
  /** Request log lines: `json` (default here: Workers Logs index its fields), `text` or `off`. */
  LOG_FORMAT?: string
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

/**
 * Cloudflare Workers entry: the same app over D1, and the Cron Trigger (wrangler.toml `[triggers]`)
 * that runs the daily retention purge.
 */
export default {
  fetch: (request, env, ctx) => workerApp(env).fetch(request, env, ctx),
  async scheduled(_controller, env) {
    const deps = workerDeps(env)
    deps.log({ level: 'info', msg: 'purge', ...(await purgeExpired(deps)) })
  },
} satisfies ExportedHandler<WorkerEnv>
