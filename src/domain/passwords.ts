import { base64url, constantTimeEqual } from './secrets.ts'

/** scrypt as `node:crypto` offers it in both Node and workerd (nodejs_compat). */
export type Scrypt = (
  password: string,
  salt: Uint8Array,
  keyLength: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Uint8Array>

export interface PasswordHasher {
  hash(password: string): Promise<string>
  verify(password: string, stored: string): Promise<boolean>
}

// OWASP Password Storage Cheat Sheet, scrypt: N=2^14, r=8, p=5 is one of its equal-strength
// settings; it needs 16 MiB per hash, which fits a Worker's 128 MB isolate (N=2^17 would not).
const LOG_N = 14
const R = 8
const P = 5
const KEY_LENGTH = 32
const SALT_LENGTH = 16
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/

function fromBase64url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}

/**
 * Password hashing in one stored format both runtimes verify, a PHC string:
 * `$scrypt$ln=14,r=8,p=5$<salt>$<hash>`. The parameters travel with the hash, so they can
 * be raised later without invalidating stored passwords.
 */
export function createPasswordHasher(scrypt: Scrypt): PasswordHasher {
  const derive = (password: string, salt: Uint8Array, logN: number, r: number, p: number, length: number) =>
    scrypt(password.normalize('NFC'), salt, length, { N: 2 ** logN, r, p, maxmem: 2 ** logN * r * 256 })
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(SALT_LENGTH))
      const key = await derive(password, salt, LOG_N, R, P, KEY_LENGTH)
      return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${base64url(salt)}$${base64url(key)}`
    },
    async verify(password, stored) {
      const match = FORMAT.exec(stored)
      if (!match) return false
      const [, logN, r, p, salt, expected] = match
      const expectedKey = fromBase64url(expected!)
      const key = await derive(password, fromBase64url(salt!), Number(logN), Number(r), Number(p), expectedKey.length)
      return constantTimeEqual(new Uint8Array(key), expectedKey)
    },
  }
}
