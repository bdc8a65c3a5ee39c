import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.tsx'
import type { Deps } from '../../src/deps.ts'
import { type DomainError, Throttled } from '../../src/domain/errors.ts'
import { logIn } from '../../src/domain/login.ts'
import { sessionUser, startSession } from '../../src/domain/sessions.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { type Fixtures, PASSWORD, seedBanyuwangi } from '../flows/harness.ts'

let now = new Date('2026-11-22T08:00:00Z')
let deps: Deps
let f: Fixtures

beforeAll(async () => {
  deps = { ...nodeDeps({ dbFile: ':memory:', proxyHops: 0, publicUrl: 'https://tigapilar.test' }), clock: () => now }
  f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
})

describe('login throttling per client address', () => {
  it('refuses an address after 30 failures across usernames, until the window passes', async () => {
    const refusal = (username: string, password: string) =>
      logIn(deps, username, password, '10.1.2.3').then(
        () => 'accepted',
        (error: DomainError) => error.kind,
      )
    for (let i = 0; i < 30; i++) expect(await refusal(`tebak.${i}`, 'salah-salah-salah')).toBe('unauthorized')
    expect(await refusal('bwi.admin', PASSWORD)).toBe('throttled')
    expect(await logIn(deps, 'bwi.admin', PASSWORD, '10.9.9.9')).toMatchObject({ id: f.regencyAdmin.id })
    now = new Date(now.getTime() + 16 * 60_000)
    expect(await refusal('bwi.admin', PASSWORD)).toBe('accepted')
  })
})

describe('login throttling per username', () => {
  const attempt = (username: string, password: string, address: string) =>
    logIn(deps, username, password, address).then(
      () => 'accepted',
      (error: DomainError) => (error instanceof Throttled ? `wait ${error.retryAfterSeconds}s` : error.kind),
    )

  it('cannot lock the Bupati out: five failures hold back that address only, and say for how long', async () => {
    now = new Date('2026-11-23T08:00:00Z')
    for (let i = 0; i < 5; i++) expect(await attempt('bwi.admin', 'salah-salah-salah', '203.0.113.7')).toBe('unauthorized')
    expect(await attempt('bwi.admin', PASSWORD, '203.0.113.7')).toBe('wait 900s')
    now = new Date(now.getTime() + 5 * 60_000)
    expect(await attempt('bwi.admin', PASSWORD, '203.0.113.7')).toBe('wait 600s')
    // The right password from the Bupati's own office, which never failed, gets in at once.
    expect(await attempt('bwi.admin', PASSWORD, '198.51.100.20')).toBe('accepted')
  })

  it('holds a username guessed from many addresses at a ceiling, except for addresses that never failed', async () => {
    now = new Date('2026-11-24T08:00:00Z')
    // Concurrently, as a botnet would (and to spare the test 100 sequential scrypt checks).
    const guesses = Array.from({ length: 100 }, (_, i) => attempt('pesanggaran.admin', 'salah-salah-salah', `192.0.2.${i}`))
    expect(new Set(await Promise.all(guesses))).toEqual(new Set(['unauthorized']))
    // Past the ceiling: an address that failed for this username waits, even with the right password…
    expect(await attempt('pesanggaran.admin', PASSWORD, '192.0.2.1')).toMatch(/^wait /)
    // …a fresh one with a wrong password is counted and refused, and with the right one gets in.
    expect(await attempt('pesanggaran.admin', 'salah-salah-salah', '192.0.2.200')).toBe('unauthorized')
    expect(await attempt('pesanggaran.admin', PASSWORD, '192.0.2.201')).toBe('accepted')
  })
})

describe('browser sessions', () => {
  it('expire after 12 hours', async () => {
    const id = await startSession(deps, f.reporter)
    expect((await sessionUser(deps, id))?.id).toBe(f.reporter.id)
    now = new Date(now.getTime() + 12 * 3600_000 + 1000)
    expect(await sessionUser(deps, id)).toBeUndefined()
  })

  it('get a Secure cookie over https', async () => {
    const app = createApp({ ...deps, clientAddress: () => 'test' })
    const page = await app.request('https://tigapilar.example/login')
    const anon = page.headers.getSetCookie().join('\n')
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!
    const login = await app.request('https://tigapilar.example/login', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, username: 'bwi.admin', password: PASSWORD }),
      headers: { Cookie: anon.split(';')[0]! },
    })
    expect(login.status).toBe(303)
    const session = login.headers.getSetCookie().find((c) => c.startsWith('tp_session='))!
    expect(session).toMatch(/; Secure/)
    expect(session).toMatch(/; HttpOnly/)
    expect(session).toMatch(/Max-Age=43200/)
  })
})

describe('createApp', () => {
  it('imports nothing runtime-specific, however deep', () => {
    const seen = new Set<string>()
    const offending: string[] = []
    const visit = (file: string) => {
      if (seen.has(file)) return
      seen.add(file)
      const source = readFileSync(file, 'utf8')
      for (const [, spec] of source.matchAll(/^\s*import\s[^'"]*['"]([^'"]+)['"]/gm)) {
        if (/^(node:|cloudflare:|better-sqlite3|@hono\/node-server|idn-area-data)/.test(spec!)) offending.push(`${file}: ${spec}`)
        if (spec!.startsWith('.')) visit(resolve(dirname(file), spec!))
      }
    }
    visit(join(import.meta.dirname, '..', '..', 'src', 'app.tsx'))
    expect(seen.size).toBeGreaterThan(20)
    expect(offending).toEqual([])
  })
})
