import { dirname, join } from 'node:path'
import { type NotificationChannels, readChannelConfig } from './channels/channel-config.ts'
import type { LogFormat } from './http/request-log.ts'
import { OperatorError } from './operator-error.ts'

/** Configuration shared by the Node server and the CLI, from environment variables. */
export interface NodeConfig {
  /** SQLite database file (`DB_FILE`). */
  dbFile: string
  /** Where report photos are kept (`PHOTO_DIR`): by default `photos/` beside the database file. */
  photoDir: string
  /** HTTP port (`PORT`). */
  port: number
  /** The address to listen on (`HOST`): every interface by default, `127.0.0.1` behind a proxy on the same machine. */
  host: string
  /** The address people use to reach the app, for printed links (`PUBLIC_URL`). */
  publicUrl: string
  /**
   * How many reverse proxies in front of the app append to `X-Forwarded-For` (`TRUST_PROXY`,
   * 0 when clients connect directly). The client address is the one the outermost of them wrote.
   */
  proxyHops: number
  /** Request log lines: `text` (default), `json`, or `off` (`LOG_FORMAT`). */
  logFormat: LogFormat
  /** Web Push and WhatsApp (`VAPID_*`, `PUSH_SERVICE_HOSTS`, `WHATSAPP_*`); missing ones are off. */
  channels: NotificationChannels
}

/** Reads the configuration; throws a message naming the variable when one is invalid. */
export function readConfig(env: Record<string, string | undefined>): NodeConfig {
  const port = Number(env.PORT ?? 3000)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new OperatorError(`PORT must be a port number, got "${env.PORT}"`)
  const dbFile = env.DB_FILE || './data/tigapilar.sqlite'
  return {
    dbFile,
    photoDir: env.PHOTO_DIR || join(dirname(dbFile), 'photos'),
    port,
    host: env.HOST || '0.0.0.0',
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    proxyHops: proxyHops(env.TRUST_PROXY),
    logFormat: logFormat(env.LOG_FORMAT),
    channels: readChannelConfig(env),
  }
}

/** `LOG_FORMAT`, checked: the Workers entry reads the same variable. */
export function logFormat(value: string | undefined): LogFormat {
  if (value === undefined || value === '') return 'text'
  if (value === 'text' || value === 'json' || value === 'off') return value
  throw new OperatorError(`LOG_FORMAT must be text, json or off, got "${value}"`)
}

function proxyHops(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'false') return 0
  if (value === 'true') return 1
  const hops = Number(value)
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new OperatorError(`TRUST_PROXY must be the number of proxies (0–10), got "${value}"`)
  return hops
}
