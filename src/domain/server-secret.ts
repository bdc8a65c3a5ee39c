import type { WriteDeps } from '../deps.ts'
import { base64url, randomSecret } from './secrets.ts'

const KEY = 'hmac_secret'

// One lookup per database for the life of the process: the secret never changes once made.
const cached = new WeakMap<object, Promise<string>>()

/**
 * The installation's own secret for keyed hashes (CSRF tokens, sealed flash cookies): made once,
 * on first use, and kept in the settings table, so every Node process and Worker isolate of one
 * database shares it. `INSERT … ON CONFLICT DO NOTHING` then a read: whoever makes it first wins.
 */
export function serverSecret(deps: Pick<WriteDeps, 'db' | 'atomic'>): Promise<string> {
  let secret = cached.get(deps.db)
  if (!secret) {
    secret = readOrMakeSecret(deps)
    // A failed lookup (database unavailable) is tried again by the next request.
    secret.catch(() => cached.delete(deps.db))
    cached.set(deps.db, secret)
  }
  return secret
}

async function readOrMakeSecret(deps: Pick<WriteDeps, 'db' | 'atomic'>): Promise<string> {
  const stored = await deps.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst()
  if (stored) return stored.value
  await deps.atomic([
    deps.db
      .insertInto('settings')
      .values({ key: KEY, value: randomSecret() })
      .onConflict((oc) => oc.column('key').doNothing())
      .compile(),
  ])
  return (await deps.db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow()).value
}

/** HMAC-SHA-256 of `message` under `secret`, base64url-encoded. */
export async function keyedHash(secret: string, message: string): Promise<string> {
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  return base64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))))
}
