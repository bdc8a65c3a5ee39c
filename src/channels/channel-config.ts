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

/**
 * Sends one request to an outside service, given up after the configured timeout. A redirect is
 * answered as it came, never followed: the address was checked when it was registered, and a
 * redirect could lead anywhere, a private network included.
 */
export function sendOutbound(channels: Pick<NotificationChannels, 'timeoutMs'>, request: Request): Promise<Response> {
  return fetch(request, { signal: AbortSignal.timeout(channels.timeoutMs), redirect: 'manual' })
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
 * Whether an address names, by IP, a private, link-local, shared or reserved network: where an
 * administrator's webhook could reach the server's own neighbours (a cloud's metadata service at
 * 169.254.169.254 above all). The URL parser has already written every IPv4 form as a dotted quad.
 * A host name that resolves to such an address is not caught here.
 */
export function privateNetworkHost(url: URL): boolean {
  const host = url.hostname.toLowerCase()
  if (host.startsWith('[')) return privateIpv6(host.slice(1, -1))
  const quad = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host)
  return quad !== null && privateIpv4(Number(quad[1]), Number(quad[2]))
}

/** Whether the IPv4 address whose first two octets are `a` and `b` is in a private or reserved range. */
function privateIpv4(a: number, b: number): boolean {
  return (
    a === 0 ||
    a === 10 ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && (b === 168 || b === 0)) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224
  )
}

function privateIpv6(address: string): boolean {
  // An IPv4 address inside IPv6 (::ffff:a9fe:a9fe is 169.254.169.254), as the parser writes it.
  const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(address)
  if (mapped) {
    const high = Number.parseInt(mapped[1]!, 16)
    return privateIpv4(high >> 8, high & 255)
  }
  return address === '::' || /^f[cd]/.test(address) || /^fe[89ab]/.test(address) || address.startsWith('ff')
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
