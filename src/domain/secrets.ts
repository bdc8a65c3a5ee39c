// Random secrets and their stored form. Web Crypto only, so both runtimes share it.
import { RecentlyUsedMap } from '../recently-used-map.ts'

/** Base64url without padding. */
export function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

/** The bytes of a base64url (or base64) string, padded or not; throws on anything else. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** A new secret of `bytes` random bytes (256 bits by default), base64url-encoded. */
export function randomSecret(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)))
}

/**
 * The stored form of a high-entropy secret (session id, API or setup token): its SHA-256.
 * A fast hash is right here because the secret is random, unlike a password.
 */
export async function secretHash(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(secret))
  return base64url(new Uint8Array(digest))
}

// Credentials presented with requests, and their hashes: hashing (async on Web Crypto) took a tenth
// of a bearer-token request. Only the hash is remembered; whether the credential is still valid
// (revoked, expired, user deactivated) is read from the database on every request.
const presentedHashes = new RecentlyUsedMap<string, Promise<string>>(10_000)

/** `secretHash` of a credential that comes again with request after request (token, session id, calendar link). */
export function presentedSecretHash(secret: string): Promise<string> {
  return presentedHashes.getOrAdd(secret, () => secretHash(secret))
}

/** Compares two texts (tokens, hashes) in time independent of where they differ. */
export function sameText(a: string, b: string): boolean {
  const encoder = new TextEncoder()
  return constantTimeEqual(encoder.encode(a), encoder.encode(b))
}

/** Compares two byte strings in time independent of where they differ. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!
  return diff === 0
}
