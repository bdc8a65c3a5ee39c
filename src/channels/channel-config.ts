import { fromBase64url } from '../domain/secrets.ts'
import { OperatorError } from '../operator-error.ts'
import type { VapidKeys } from './web-push.ts'
import type { WhatsAppConfig } from './whatsapp.ts'

/** The external channels this installation can send through; a missing one is off, not an error. */
export interface NotificationChannels {
  vapid?: VapidKeys
  /** Hosts (optionally `host:port`, or `*.domain`) a push subscription's endpoint may point to. */
  pushServiceHosts: string[]
  whatsapp?: WhatsAppConfig
  /** How long one outbound request may take before it counts as failed (and is retried). */
  timeoutMs: number
}

// The push services of Chrome/Android, Firefox, Safari and Edge.
const PUBLIC_PUSH_SERVICES = ['fcm.googleapis.com', 'updates.push.services.mozilla.com', 'web.push.apple.com', '*.notify.windows.com']

const DEFAULT_WHATSAPP_API = 'https://graph.facebook.com/v21.0'

/**
 * The channels from configuration (environment variables on Node, vars and secrets on Workers).
 * Half a configuration (a public key without its private key) is an operator's mistake, said so.
 */
export function readChannelConfig(env: Record<string, string | undefined>): NotificationChannels {
  const hosts = env.PUSH_SERVICE_HOSTS?.split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean)
  return {
    vapid: vapidFrom(env),
    pushServiceHosts: hosts?.length ? hosts : PUBLIC_PUSH_SERVICES,
    whatsapp: whatsAppFrom(env),
    timeoutMs: 10_000,
  }
}

function vapidFrom(env: Record<string, string | undefined>): VapidKeys | undefined {
  const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey, VAPID_SUBJECT: subject } = env
  if (!publicKey && !privateKey) return undefined
  const bytes = (value: string | undefined) => {
    try {
      return value ? fromBase64url(value).length : 0
    } catch {
      return 0
    }
  }
  if (bytes(publicKey) !== 65 || bytes(privateKey) !== 32)
    throw new OperatorError('VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be the pair `npm run cli -- vapid:generate` prints')
  if (!subject || !/^(mailto:|https:)/.test(subject)) throw new OperatorError('VAPID_SUBJECT must be a mailto: or https: contact address')
  return { publicKey: publicKey!, privateKey: privateKey!, subject }
}

function whatsAppFrom(env: Record<string, string | undefined>): WhatsAppConfig | undefined {
  if (!env.WHATSAPP_PHONE_NUMBER_ID || !env.WHATSAPP_TOKEN) return undefined
  return {
    apiUrl: env.WHATSAPP_API_URL || DEFAULT_WHATSAPP_API,
    phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID,
    token: env.WHATSAPP_TOKEN,
    templates: { alert: env.WHATSAPP_TEMPLATE_ALERT || 'tigapilar_notifikasi', code: env.WHATSAPP_TEMPLATE_CODE || 'tigapilar_kode' },
  }
}

/** Sends one request to an outside service, given up after the configured timeout. */
export function sendOutbound(channels: Pick<NotificationChannels, 'timeoutMs'>, request: Request): Promise<Response> {
  return fetch(request, { signal: AbortSignal.timeout(channels.timeoutMs) })
}

/** Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost): the one place plain http is allowed. */
function isLoopback(url: URL): boolean {
  const host = url.hostname.toLowerCase()
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
}

/** Whether an address may receive our requests: https, or http to this machine. */
export function secureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url))
}

/**
 * Whether a push subscription's endpoint points to a known push service, so the server never
 * posts to an arbitrary address a user typed.
 */
export function pushEndpointAllowed(endpoint: string, hosts: readonly string[]): boolean {
  if (!URL.canParse(endpoint)) return false
  const url = new URL(endpoint)
  if (!secureOrLoopback(url) || url.username || url.password) return false
  const host = url.hostname.toLowerCase()
  return hosts.some((allowed) =>
    allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) && !url.port : allowed === (url.port ? `${host}:${url.port}` : host),
  )
}
