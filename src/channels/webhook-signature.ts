// Standard Webhooks (standardwebhooks.com): the receiver checks `webhook-signature` over
// "<webhook-id>.<webhook-timestamp>.<body>" with HMAC-SHA256 under the shared secret, and refuses
// old timestamps, so a delivery can be neither forged nor replayed.

const encoder = new TextEncoder()

/** The signing secret as the receiver configures it: `whsec_` and the base64 of its key bytes. */
export function webhookSecretText(key: Uint8Array): string {
  return `whsec_${btoa(String.fromCharCode(...key))}`
}

/** `v1,<base64 HMAC>` of one delivery under one key. */
export async function webhookSignature(key: Uint8Array<ArrayBuffer>, id: string, timestamp: number, body: string): Promise<string> {
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, encoder.encode(`${id}.${timestamp}.${body}`)))
  // Standard base64 with padding, as the specification's examples.
  return `v1,${btoa(String.fromCharCode(...mac))}`
}

/** The headers of one signed delivery; during a rotation both secrets sign (space-separated). */
export async function webhookHeaders(
  keys: Uint8Array<ArrayBuffer>[],
  id: string,
  now: Date,
  body: string,
): Promise<Record<string, string>> {
  const timestamp = Math.floor(now.getTime() / 1000)
  const signatures = await Promise.all(keys.map((key) => webhookSignature(key, id, timestamp, body)))
  return {
    'Content-Type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  }
}
