import { beforeAll } from 'vitest'
import type { Database, NewRegion, User } from '../../src/db/schema.ts'
import type { Deps } from '../../src/deps.ts'
import { importRegions } from '../../src/domain/region-import.ts'
import { createUser } from '../../src/domain/users.ts'

/** What the shared flows need from a runtime: the app's fetch and the deps behind it. */
export interface Harness {
  fetch: (path: string, init?: RequestInit) => Promise<Response>
  deps: Deps
}

export const PASSWORD = 'kata-sandi-uji-123'

export interface Fixtures {
  regencyAdmin: User
  districtAdmin: User
  otherDistrictAdmin: User
  districtReviewer: User
  reporter: User
}

/** Banyuwangi's regions and one account per role, created through the domain functions. */
export async function seedBanyuwangi(deps: Deps, regions: NewRegion[]): Promise<Fixtures> {
  await importRegions(deps, regions, null, '35.10')
  const make = (username: string, role: User['role'], pillar: User['pillar'], scope: string, name: string) =>
    createUser(
      deps,
      { username, name, role, pillar, scope_code: scope, position: null },
      { actor: null, password: PASSWORD, temporary: false },
    )
  return {
    regencyAdmin: await make('bwi.admin', 'admin', 'government', '35.10', 'Admin Kabupaten'),
    districtAdmin: await make('pesanggaran.admin', 'admin', 'government', '35.10.01', 'Admin Pesanggaran'),
    otherDistrictAdmin: await make('bangorejo.admin', 'admin', 'military', '35.10.02', 'Admin Bangorejo'),
    districtReviewer: await make('kapolsek.pesanggaran', 'reviewer', 'police', '35.10.01', 'Iptu Budi Santoso'),
    reporter: await make('babinsa.sarongan', 'reporter', 'military', '35.10.01.2001', 'Serda Agus Riyadi'),
  }
}

/** What the newest audit entry of `action` records as changed (its `after`), parsed. */
export async function latestAuditAfter(h: Pick<Harness, 'deps'>, action: string): Promise<unknown> {
  const entry = await h.deps.db
    .selectFrom('audit_log')
    .select('after_json')
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return JSON.parse(entry.after_json!)
}

/** How many rows `table` holds. */
export async function countRows(h: Pick<Harness, 'deps'>, table: keyof Database): Promise<number> {
  const row = await h.deps.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** A JSON request body with its content type. */
export function json(body: unknown, init: RequestInit = {}): RequestInit {
  return {
    method: 'POST',
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) },
    body: JSON.stringify(body),
  }
}

export function bearer(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` } }
}

/** Logs in through the API and returns the bearer token. */
export async function apiLogin(h: Harness, username: string, password = PASSWORD): Promise<string> {
  const response = await h.fetch('/api/v1/auth/login', json({ username, password }))
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${await response.text()}`)
  return ((await response.json()) as { token: string }).token
}

/** A minimal cookie jar for browser-like flows through `fetch`. */
export class CookieJar {
  private cookies = new Map<string, string>()

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const [name = '', value = ''] = pair.split('=')
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  has(name: string): boolean {
    return this.cookies.has(name)
  }
}

/** The hidden CSRF token of the first form on an HTML page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match) throw new Error('no CSRF field on the page')
  return match[1]!
}

/** Logs in through the login form, as a browser does; returns the jar and a header builder. */
export async function signIn(h: Harness, username: string, jar = new CookieJar(), lang?: string) {
  const headers = (extra: Record<string, string> = {}) => ({ Cookie: jar.header(), ...(lang ? { 'Accept-Language': lang } : {}), ...extra })
  const page = await h.fetch('/login', { headers: headers() })
  jar.store(page)
  const body = new URLSearchParams({ _csrf: csrfTokenIn(await page.text()), username, password: PASSWORD })
  const response = await h.fetch('/login', { method: 'POST', body, headers: headers(), redirect: 'manual' })
  jar.store(response)
  return { response, jar, headers }
}

/** Registers a `beforeAll` that builds state with `prepare`; the returned getter reads it inside tests. */
export function prepared<T>(prepare: () => Promise<T>): () => T {
  let state: T | undefined
  beforeAll(async () => {
    state = await prepare()
  })
  return () => {
    if (state === undefined) throw new Error('harness not ready')
    return state
  }
}
