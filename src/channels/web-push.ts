import { base64url, fromBase64url } from '../domain/secrets.ts'

// Web Push with Web Crypto only, so Node and Workers send the same bytes: the message is
// encrypted for the browser (RFC 8291, aes128gcm of RFC 8188) and the request is signed by this
// server's VAPID key (RFC 8292), then POSTed to the subscription's push service (RFC 8030).

/** This server's application server key pair, base64url as browsers and Web Push libraries use it. */
export interface VapidKeys {
  /** The uncompressed P-256 point (65 bytes): what `PushManager.subscribe()` takes. */
  publicKey: string
  /** The private scalar (32 bytes). */
  privateKey: string
  /** `mailto:` or `https:` contact for the push service's operators. */
  subject: string
}

/** A browser's `PushSubscription.toJSON()`, as stored. */
export interface PushTarget {
  endpoint: string
  p256dh: string
  auth: string
}

const encoder = new TextEncoder()
const P256 = { name: 'ECDH', namedCurve: 'P-256' } as const

/** A new VAPID key pair, for `cli vapid:generate`. */
export async function generateVapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey)
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey))
  return { publicKey: base64url(raw), privateKey: jwk.d! }
}

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

async function hkdf(salt: Uint8Array<ArrayBuffer>, ikm: Uint8Array<ArrayBuffer>, info: Uint8Array<ArrayBuffer>, bytes: number) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits'])
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8))
}

/**
 * The encrypted body of one push message (RFC 8291 §3.4): salt, record size, the sender's
 * ephemeral public key, then one AES-128-GCM record holding the payload and its delimiter.
 */
export async function encryptPushPayload(
  payload: Uint8Array,
  target: Pick<PushTarget, 'p256dh' | 'auth'>,
): Promise<Uint8Array<ArrayBuffer>> {
  const receiverKey = fromBase64url(target.p256dh)
  const receiver = await crypto.subtle.importKey('raw', receiverKey, P256, false, [])
  const ephemeral = (await crypto.subtle.generateKey(P256, true, ['deriveBits'])) as CryptoKeyPair
  const senderKey = new Uint8Array(await crypto.subtle.exportKey('raw', ephemeral.publicKey))
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: receiver }, ephemeral.privateKey, 256))
  const keyInfo = concat(encoder.encode('WebPush: info\0'), receiverKey, senderKey)
  const ikm = await hkdf(fromBase64url(target.auth), shared, keyInfo, 32)
  const salt = crypto.getRandomValues(new Uint8Array(16))
  const cek = await hkdf(salt, ikm, encoder.encode('Content-Encoding: aes128gcm\0'), 16)
  const nonce = await hkdf(salt, ikm, encoder.encode('Content-Encoding: nonce\0'), 12)
  const key = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['encrypt'])
  // 0x02: the last (and only) record.
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, key, concat(payload, new Uint8Array([2]))))
  const header = new Uint8Array(21)
  header.set(salt)
  new DataView(header.buffer).setUint32(16, 4096)
  header[20] = senderKey.length
  return concat(header, senderKey, sealed)
}

/** `vapid t=<JWT>, k=<public key>` for a push service's origin, valid for 12 hours (RFC 8292). */
export async function vapidAuthorization(endpoint: string, keys: VapidKeys, now: Date): Promise<string> {
  const publicKey = fromBase64url(keys.publicKey)
  const jwk: JsonWebKey = {
    kty: 'EC',
    crv: 'P-256',
    d: keys.privateKey,
    x: base64url(publicKey.slice(1, 33)),
    y: base64url(publicKey.slice(33, 65)),
  }
  const signer = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
  const part = (value: object) => base64url(encoder.encode(JSON.stringify(value)))
  const claims = { aud: new URL(endpoint).origin, exp: Math.floor(now.getTime() / 1000) + 12 * 3600, sub: keys.subject }
  const unsigned = `${part({ typ: 'JWT', alg: 'ES256' })}.${part(claims)}`
  const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer, encoder.encode(unsigned)))
  return `vapid t=${unsigned}.${base64url(signature)}, k=${keys.publicKey}`
}

/** The request that delivers `message` to one subscription. */
export async function pushRequest(
  target: PushTarget,
  message: unknown,
  keys: VapidKeys,
  options: { now: Date; urgent: boolean; ttlSeconds: number },
): Promise<Request> {
  const body = await encryptPushPayload(encoder.encode(JSON.stringify(message)), target)
  return new Request(target.endpoint, {
    method: 'POST',
    headers: {
      Authorization: await vapidAuthorization(target.endpoint, keys, options.now),
      'Content-Encoding': 'aes128gcm',
      'Content-Type': 'application/octet-stream',
      TTL: String(options.ttlSeconds),
      Urgency: options.urgent ? 'high' : 'normal',
    },
    body,
  })
}
