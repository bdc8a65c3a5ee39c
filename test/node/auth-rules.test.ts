import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.tsx'
import type { Deps } from '../../src/deps.ts'
import type { DomainError } from '../../src/domain/errors.ts'
import { logIn } from '../../src/domain/login.ts'
import { sessionUser, startSession } from '../../src/domain/sessions.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { type Fixtures, PASSWORD, seedBanyuwangi } from '../flows/harness.ts'

let now = new Date('2026-11-22T08:00:00Z')
let deps: Deps
let f: Fixtures

beforeAll(async () => {
  deps = { ...nodeDeps({ dbFile: ':memory:', trustProxy: false }), clock: () => now }
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
