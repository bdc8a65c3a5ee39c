import { describe, expect, it } from 'vitest'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import { KNOWN_HASH, KNOWN_PASSWORD } from '../flows/known-hash.ts'

describe('password hashing in workerd', () => {
  const hasher = createPasswordHasher(nodeScrypt)

  it('verifies a hash made by Node, and Node-format hashes it makes itself', async () => {
    expect(await hasher.verify(KNOWN_PASSWORD, KNOWN_HASH)).toBe(true)
    expect(await hasher.verify('wrong-password', KNOWN_HASH)).toBe(false)
    const own = await hasher.hash(KNOWN_PASSWORD)
    expect(own).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$/)
    expect(await hasher.verify(KNOWN_PASSWORD, own)).toBe(true)
  })
})
