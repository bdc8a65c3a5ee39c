import { describe, expect, it } from 'vitest'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import { pickLanguage } from '../../src/i18n/index.ts'
import { KNOWN_HASH, KNOWN_PASSWORD } from '../flows/known-hash.ts'

describe('password hashing', () => {
  const hasher = createPasswordHasher(nodeScrypt)

  it('stores scrypt with OWASP parameters and a fresh salt each time', async () => {
    const a = await hasher.hash('kata-sandi-rahasia')
    const b = await hasher.hash('kata-sandi-rahasia')
    expect(a).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[\w-]{22}\$[\w-]{43}$/)
    expect(a).not.toBe(b)
    expect(await hasher.verify('kata-sandi-rahasia', a)).toBe(true)
    expect(await hasher.verify('kata-sandi-rahasiA', a)).toBe(false)
    expect(await hasher.verify('kata-sandi-rahasia', 'garbage')).toBe(false)
  })

  it('verifies the shared known hash (the workers project checks the same one)', async () => {
    expect(await hasher.verify(KNOWN_PASSWORD, KNOWN_HASH)).toBe(true)
  })
})

describe('language choice', () => {
  it('prefers the cookie, then Accept-Language, then Indonesian', () => {
    expect(pickLanguage('en', 'id')).toBe('en')
    expect(pickLanguage(undefined, 'fr-FR, en;q=0.8, id;q=0.9')).toBe('id')
    expect(pickLanguage(undefined, 'en-US,en;q=0.9')).toBe('en')
    expect(pickLanguage(undefined, 'fr')).toBe('id')
    expect(pickLanguage('xx', undefined)).toBe('id')
  })
})
