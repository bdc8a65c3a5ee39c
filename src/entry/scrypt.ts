import { scrypt } from 'node:crypto'
import type { Scrypt } from '../domain/passwords.ts'

/** node:crypto's scrypt, which Node and workerd (nodejs_compat) both provide natively. */
export const nodeScrypt: Scrypt = (password, salt, keyLength, options) =>
  new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(new Uint8Array(key)))),
  )
