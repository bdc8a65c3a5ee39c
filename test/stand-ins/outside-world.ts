import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// The outside world notifications go to, as real HTTP on loopback: a push service that checks the
// VAPID JWT and decrypts the payload with the subscription's private key (RFC 8291/8292), a
// WhatsApp Cloud API that checks the token and the template, and webhook receivers that verify
// Standard Webhooks signatures. Tests in Node use it directly; workerd tests reach it over HTTP
// (started by the workers project's global setup), reading what arrived from `GET /_received`.
//
// Written independently of src/channels: it decodes what the app encodes.

/** What one stand-in endpoint received. */
export interface Received {
  channel: 'push' | 'whatsapp' | 'webhook'
  /** The push subscription, WhatsApp number or webhook name it went to. */
  to: string
  /** The decrypted push payload, the WhatsApp request, or the webhook body, as JSON. */
  body: unknown
  /** Whether the VAPID JWT, bearer token or webhook signature checked out. */
  verified: boolean
  problem?: string
  headers: Record<string, string>
}

interface PushSubscriber {
  privateKey: JsonWebKey
  publicKey: string
  auth: string
}

const decoder = new TextDecoder()
const b64u = (text: string) => Uint8Array.from(atob(text.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0))
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes))

async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: string | Uint8Array<ArrayBuffer>, length: number) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits'])
  const infoBytes = typeof info === 'string' ? new TextEncoder().encode(info) : info
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info: infoBytes }, key, length * 8))
}

/** Decrypts an aes128gcm Web Push body (RFC 8291) with the subscriber's keys. */
async function decryptPush(body: Uint8Array<ArrayBuffer>, subscriber: PushSubscriber): Promise<string> {
  const salt = body.slice(0, 16)
  const idLength = body[20]!
  const senderKey = body.slice(21, 21 + idLength)
  const ciphertext = body.slice(21 + idLength)
  const ecdh = { name: 'ECDH', namedCurve: 'P-256' }
  const privateKey = await crypto.subtle.importKey('jwk', subscriber.privateKey, ecdh, false, ['deriveBits'])
  const sender = await crypto.subtle.importKey('raw', senderKey, ecdh, false, [])
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: sender }, privateKey, 256))
  const receiverKey = b64u(subscriber.publicKey)
  const info = new Uint8Array([...new TextEncoder().encode('WebPush: info\0'), ...receiverKey, ...senderKey])
  const ikm = await hkdf(b64u(subscriber.auth), shared, info, 32)
  const cek = await hkdf(salt, ikm, 'Content-Encoding: aes128gcm\0', 16)
  const nonce = await hkdf(salt, ikm, 'Content-Encoding: nonce\0', 12)
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt'])
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, key, ciphertext))
  // Strip the padding delimiter (0x02 for the last record).
  let end = plain.length - 1
  while (end > 0 && plain[end] === 0) end--
  if (plain[end] !== 2) throw new Error('no last-record delimiter')
  return decoder.decode(plain.slice(0, end))
}

/** Checks `vapid t=<jwt>, k=<key>`: ES256 signature by k, audience = this origin, not expired, a contact. */
async function vapidProblem(header: string | undefined, origin: string): Promise<string | undefined> {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header ?? '')
  if (!match) return 'no vapid authorization'
  const [headerPart, claimsPart, signature] = match[1]!.split('.')
  const key = await crypto.subtle.importKey('raw', b64u(match[2]!), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])
  const ok = await crypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    b64u(signature!),
    new TextEncoder().encode(`${headerPart}.${claimsPart}`),
  )
  if (!ok) return 'bad vapid signature'
  const claims = JSON.parse(decoder.decode(b64u(claimsPart!))) as { aud: string; exp: number; sub: string }
  if (claims.aud !== origin) return `aud ${claims.aud} is not ${origin}`
  if (!(claims.exp > Date.now() / 1000 && claims.exp <= Date.now() / 1000 + 24 * 3600)) return 'exp out of range'
  if (!/^(mailto:|https:)/.test(claims.sub)) return 'no contact in sub'
  return undefined
}

async function webhookVerified(secret: string, headers: IncomingMessage['headers'], body: string): Promise<boolean> {
  const key = await crypto.subtle.importKey('raw', b64u(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`
  const expected = `v1,${b64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signed))))}`
  const age = Math.abs(Date.now() / 1000 - Number(headers['webhook-timestamp']))
  return (
    String(headers['webhook-signature'] ?? '')
      .split(' ')
      .includes(expected) && age < 5 * 60
  )
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    request.on('data', (part: Buffer) => parts.push(part))
    request.on('end', () => resolve(Buffer.concat(parts)))
    request.on('error', reject)
  })
}

/** The stand-ins on one loopback port. */
export async function startOutsideWorld(options: { whatsappToken: string }): Promise<{ url: string; server: Server }> {
  const received: Received[] = []
  const subscribers = new Map<string, PushSubscriber>()
  const webhookSecrets = new Map<string, string>()
  // Scripted answers per path prefix, used up in order: a status, or 'hang' (never answer); with
  // `forever`, the last answer stays.
  const scripts = new Map<string, { answers: (number | 'hang')[]; forever: boolean }>()
  let origin = ''

  const json = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify(value))
  }

  const server = createServer(async (request, response) => {
    const path = request.url ?? '/'
    const body = await readBody(request)
    if (path === '/_received') return json(response, 200, received)
    if (path === '/_reset') {
      received.length = 0
      scripts.clear()
      return json(response, 200, {})
    }
    if (path === '/_script') {
      const { prefix, answers, forever } = JSON.parse(body.toString()) as {
        prefix: string
        answers: (number | 'hang')[]
        forever?: boolean
      }
      scripts.set(prefix, { answers, forever: forever === true })
      return json(response, 200, {})
    }
    if (path === '/_push-subscribers') {
      const { id, ...subscriber } = JSON.parse(body.toString()) as PushSubscriber & { id: string }
      subscribers.set(id, subscriber)
      return json(response, 201, { endpoint: `${origin}/push/${id}` })
    }
    if (path === '/_webhook-secrets') {
      const { name, secret } = JSON.parse(body.toString()) as { name: string; secret: string }
      webhookSecrets.set(name, secret)
      return json(response, 200, {})
    }
    const script = [...scripts].find(([prefix]) => path.startsWith(prefix))?.[1]
    const scripted = script?.forever && script.answers.length === 1 ? script.answers[0] : script?.answers.shift()
    if (scripted === 'hang') return // never answered: the sender's timeout decides
    const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]))

    if (path.startsWith('/push/')) {
      const id = path.slice('/push/'.length)
      const subscriber = subscribers.get(id)
      if (!subscriber) return json(response, 410, {})
      if (scripted !== undefined) return json(response, scripted, {})
      const problem = await vapidProblem(request.headers.authorization, origin)
      let payload: unknown
      try {
        payload = JSON.parse(await decryptPush(new Uint8Array(body), subscriber))
      } catch (error) {
        received.push({ channel: 'push', to: id, body: null, verified: false, problem: String(error), headers })
        return json(response, 400, {})
      }
      received.push({
        channel: 'push',
        to: id,
        body: payload,
        verified: !problem && headers['content-encoding'] === 'aes128gcm',
        problem,
        headers,
      })
      return json(response, problem ? 403 : 201, {})
    }
    if (path.startsWith('/whatsapp/')) {
      if (scripted !== undefined) return json(response, scripted, {})
      const message = JSON.parse(body.toString()) as {
        messaging_product?: string
        to?: string
        type?: string
        template?: { name?: string }
      }
      const verified =
        request.headers.authorization === `Bearer ${options.whatsappToken}` &&
        /\/messages$/.test(path) &&
        message.messaging_product === 'whatsapp' &&
        message.type === 'template' &&
        Boolean(message.template?.name)
      received.push({ channel: 'whatsapp', to: message.to ?? '', body: message, verified, headers })
      return json(response, verified ? 200 : 401, { messages: [{ id: `wamid.${received.length}` }] })
    }
    // A receiver that has moved: it sends each request on to /hooks/ under the same name.
    if (path.startsWith('/moved/')) {
      response.writeHead(307, { Location: `${origin}/hooks/${path.slice('/moved/'.length)}` })
      return response.end()
    }
    if (path.startsWith('/hooks/')) {
      const name = path.slice('/hooks/'.length)
      if (scripted !== undefined) return json(response, scripted, {})
      const secret = webhookSecrets.get(name)
      const text = body.toString()
      received.push({
        channel: 'webhook',
        to: name,
        body: JSON.parse(text),
        verified: secret ? await webhookVerified(secret, request.headers, text) : false,
        headers,
      })
      return json(response, 204, {})
    }
    return json(response, 404, {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { url: origin, server }
}
