import { describe, expect, it } from 'vitest'
import { displayTitle, positionTitle } from '../../src/domain/titles.ts'
import { createUser } from '../../src/domain/users.ts'
import { apiLogin, bearer, countRows, csrfTokenIn, type Fixtures, type Harness, json, PASSWORD, signIn } from './harness.ts'

type Setup = () => { h: Harness; f: Fixtures }

interface Problem {
  type: string
  title: string
  status: number
  errors?: { path: string; message: string }[]
}

async function expectProblem(response: Response, status: number): Promise<Problem> {
  expect(response.status).toBe(status)
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  const body = (await response.json()) as Problem
  expect(body.status).toBe(status)
  expect(body.title).toBeTruthy()
  return body
}

/** `POST /api/v1/users` with the token of `admin`: a police reporter named X unless `body` says otherwise. */
function createUserAs(h: Harness, admin: string, body: Record<string, unknown>): Promise<Response> {
  return h.fetch('/api/v1/users', bearer(admin, json({ name: 'X', role: 'reporter', pillar: 'police', ...body })))
}

/** The audit entry of `action` on `entityId`; fails when there is none. */
function auditEntry(h: Harness, entityId: string, action: string) {
  return h.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .executeTakeFirstOrThrow()
}

/** The HTTP flows of the foundation, run unchanged against Node + SQLite and Workers + D1. */
export function foundationFlows(setup: Setup) {
  describe('health and headers', () => {
    it('reports a database that answers', async () => {
      const { h } = setup()
      const response = await h.fetch('/healthz')
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
    })

    it('sends a CSP that allows only the app’s own scripts, none inline, on pages, and nothing at all on JSON', async () => {
      const { h } = setup()
      const csp = (await h.fetch('/login')).headers.get('Content-Security-Policy') ?? ''
      // The app's own page script and service worker only: nothing inline, nothing from elsewhere.
      expect(csp).toMatch(/script-src 'self';/)
      expect(csp).toMatch(/worker-src 'self';/)
      expect(csp).not.toContain('unsafe-inline')
      // Data is shown, never run or framed (the OWASP REST Security Cheat Sheet's set of headers).
      const data = await h.fetch('/api/v1/regions/35')
      expect(data.headers.get('Content-Type')).toMatch(/^application\/json/)
      expect(data.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'")
      for (const [name, value] of [
        ['X-Content-Type-Options', 'nosniff'],
        ['X-Frame-Options', 'DENY'],
        ['Cross-Origin-Resource-Policy', 'same-origin'],
        ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
      ]) {
        expect(data.headers.get(name!)).toBe(value)
      }
      expect(data.headers.get('Permissions-Policy')).toBeNull()
    })
  })

  describe('API authentication', () => {
    it('logs in, tells who I am, logs out, and the token stops working', async () => {
      const { h, f } = setup()
      const login = await h.fetch('/api/v1/auth/login', json({ username: 'babinsa.sarongan', password: PASSWORD }))
      expect(login.status).toBe(200)
      const { token, user } = (await login.json()) as { token: string; user: { id: string } }
      expect(token).toMatch(/^tp_[\w-]{43}$/)
      expect(user.id).toBe(f.reporter.id)

      const me = await h.fetch('/api/v1/me', bearer(token))
      expect(me.status).toBe(200)
      expect(await me.json()).toMatchObject({
        id: f.reporter.id,
        username: 'babinsa.sarongan',
        name: 'Serda Agus Riyadi',
        role: 'reporter',
        pillar: 'military',
        scope_code: '35.10.01.2001',
        title: 'Babinsa',
      })

      expect((await h.fetch('/api/v1/auth/logout', bearer(token, { method: 'POST' }))).status).toBe(204)
      await expectProblem(await h.fetch('/api/v1/me', bearer(token)), 401)
    })

    it('refuses at once a token this server revoked or whose user it deactivated, and one another process revoked within a second', async () => {
      const { h, f } = setup()
      const admin = await apiLogin(h, 'bwi.admin')
      const token = await apiLogin(h, 'kapolsek.pesanggaran')
      expect((await h.fetch('/api/v1/me', bearer(token))).status).toBe(200)
      const deactivated = await h.fetch(
        `/api/v1/users/${f.districtReviewer.id}`,
        bearer(admin, json({ active: false }, { method: 'PATCH' })),
      )
      expect(deactivated.status).toBe(200)
      await expectProblem(await h.fetch('/api/v1/me', bearer(token)), 401)
      expect(
        (await h.fetch(`/api/v1/users/${f.districtReviewer.id}`, bearer(admin, json({ active: true }, { method: 'PATCH' })))).status,
      ).toBe(200)

      // The CLI, or another Workers isolate, writes past this server's memory of recent tokens.
      const again = await apiLogin(h, 'kapolsek.pesanggaran')
      expect((await h.fetch('/api/v1/me', bearer(again))).status).toBe(200)
      await h.deps.db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('user_id', '=', f.districtReviewer.id)
        .execute()
      await new Promise((resolve) => setTimeout(resolve, 1100))
      await expectProblem(await h.fetch('/api/v1/me', bearer(again)), 401)
    })

    it('answers a page that does not exist with the error page, in the reader’s language, and an API path with a problem', async () => {
      const { h } = setup()
      const page = await h.fetch('/halaman-tidak-ada')
      expect(page.status).toBe(404)
      expect(page.headers.get('Content-Type')).toMatch(/^text\/html/)
      expect(await page.text()).toContain('Halaman atau data tidak ditemukan.')
      const english = await h.fetch('/no-such-page', { headers: { 'Accept-Language': 'en' } })
      expect(english.status).toBe(404)
      expect(await english.text()).toContain('<html lang="en"')
      await expectProblem(await h.fetch('/api/v1/no-such-thing'), 404)
    })

    it('stores only a hash of the token', async () => {
      const { h } = setup()
      const token = await apiLogin(h, 'kapolsek.pesanggaran')
      const stored = await h.deps.db.selectFrom('api_tokens').select('token_hash').execute()
      expect(stored.length).toBeGreaterThan(0)
      expect(stored.some((row) => row.token_hash === token || row.token_hash.includes(token))).toBe(false)
    })

    it('gives the same 401 for an unknown user and a wrong password', async () => {
      const { h } = setup()
      const unknown = await expectProblem(
        await h.fetch('/api/v1/auth/login', json({ username: 'tidak.ada', password: 'x'.repeat(12) })),
        401,
      )
      const wrong = await expectProblem(await h.fetch('/api/v1/auth/login', json({ username: 'bwi.admin', password: 'x'.repeat(12) })), 401)
      expect(unknown.title).toBe(wrong.title)
    })

    it('throttles a username from one address after five failures, says how long, and lets the owner in from elsewhere', async () => {
      const { h } = setup()
      await createUser(
        h.deps,
        { username: 'throttled.user', name: 'Throttled', role: 'reporter', pillar: 'police', scope_code: '35.10.01.2002', position: null },
        { actor: null, password: PASSWORD, temporary: false },
      )
      // The Node server sits behind one trusted proxy here; the Worker reads Cloudflare's header.
      const from = (address: string, password: string) =>
        h.fetch(
          '/api/v1/auth/login',
          json({ username: 'throttled.user', password }, { headers: { 'X-Forwarded-For': address, 'CF-Connecting-IP': address } }),
        )
      for (let i = 0; i < 5; i++) await expectProblem(await from('203.0.113.9', 'salah-salah-salah'), 401)
      const held = await from('203.0.113.9', PASSWORD)
      await expectProblem(held, 429)
      expect(Number(held.headers.get('Retry-After'))).toBeGreaterThan(800)
      expect((await from('198.51.100.3', PASSWORD)).status).toBe(200)
      const audited = await h.deps.db.selectFrom('audit_log').select('id').where('action', '=', 'login.failed').execute()
      expect(audited.length).toBeGreaterThanOrEqual(5)
    })

    it('refuses requests without a valid bearer token', async () => {
      const { h } = setup()
      const response = await h.fetch('/api/v1/me', bearer('tp_not-a-real-token'))
      await expectProblem(response, 401)
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
    })
  })

  describe('API bad input', () => {
    it('answers malformed JSON with 400 and missing fields with 422 naming them', async () => {
      const { h } = setup()
      const malformed = await h.fetch('/api/v1/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"username":',
      })
      await expectProblem(malformed, 400)
      const missing = await expectProblem(await h.fetch('/api/v1/auth/login', json({ username: 'bwi.admin' })), 422)
      expect(missing.errors?.map((e) => e.path)).toEqual(['password'])
    })

    it('answers an oversized body with 413', async () => {
      const { h } = setup()
      const token = await apiLogin(h, 'bwi.admin')
      const big = json({ username: 'a'.repeat(70_000), name: 'x', role: 'reporter', pillar: 'police', scope_code: '35.10.01.2001' })
      await expectProblem(await h.fetch('/api/v1/users', bearer(token, big)), 413)
    })

    it('refuses an oversized body on every route by its Content-Length, and writes nothing', async () => {
      const { h } = setup()
      const before = await countRows(h, 'audit_log')
      const form = { 'Content-Type': 'application/x-www-form-urlencoded' }
      // Above the largest limit (a report with 10 MB of photos).
      const big = `_csrf=x&username=${'a'.repeat(10_700_000)}`
      for (const path of ['/x', '/login', '/reports', '/meetings/abc/minutes', '/api/v1/auth/login', '/api/v1/nowhere']) {
        const response = await h.fetch(path, { method: 'POST', headers: form, body: big })
        expect(response.status, path).toBe(413)
        expect(response.headers.get('Content-Type'), path).toMatch(path.startsWith('/api/') ? /problem\+json/ : /text\/html/)
      }
      const after = await countRows(h, 'audit_log')
      expect(after).toBe(before)
    })

    it('takes minutes of 50,000 characters through the API', async () => {
      const { h } = setup()
      const token = await apiLogin(h, 'pesanggaran.admin')
      const meeting = {
        scope_code: '35.10.01',
        title: 'Rakor panjang',
        starts_at: '2027-03-02T09:00',
        ends_at: '2027-03-02T12:00',
        venue: 'Aula',
      }
      const created = await h.fetch('/api/v1/meetings', bearer(token, json(meeting)))
      expect(created.status).toBe(201)
      const { id } = (await created.json()) as { id: string }
      const minutes = { summary: 'Ringkasan.', decisions: 'Keputusan.', text: 'Notulen rapat. '.repeat(3333) }
      const saved = await h.fetch(`/api/v1/meetings/${id}/minutes`, bearer(token, json(minutes, { method: 'PUT' })))
      expect(saved.status).toBe(200)
    })

    it('answers unknown API paths with a 404 problem', async () => {
      const { h } = setup()
      await expectProblem(await h.fetch('/api/v1/nothing-here', { method: 'POST' }), 404)
    })

    it('speaks English to an English client', async () => {
      const { h } = setup()
      const response = await h.fetch(
        '/api/v1/auth/login',
        json({ username: 'bwi.admin' }, { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } }),
      )
      const body = await expectProblem(response, 422)
      expect(body.errors?.[0]?.message).toBe('Required.')
    })
  })

  describe('regions', () => {
    it('describes a region and its children, without login', async () => {
      const { h } = setup()
      const regency = await h.fetch('/api/v1/regions/35.10')
      expect(regency.status).toBe(200)
      expect(await regency.json()).toEqual({
        code: '35.10',
        name: 'Kabupaten Banyuwangi',
        level: 'regency',
        parent_code: '35',
        timezone: 'Asia/Jakarta',
      })
      const children = (await (await h.fetch('/api/v1/regions/35.10/children')).json()) as { items: { code: string; level: string }[] }
      expect(children.items).toHaveLength(25)
      expect(children.items.every((item) => item.level === 'district' && item.code.startsWith('35.10.'))).toBe(true)
      const villages = (await (await h.fetch('/api/v1/regions/35.10.01/children')).json()) as { items: { name: string }[] }
      expect(villages.items.map((v) => v.name)).toContain('Sarongan')
    })

    it('answers an unknown or malformed code with 404', async () => {
      const { h } = setup()
      await expectProblem(await h.fetch('/api/v1/regions/35.99'), 404)
      await expectProblem(await h.fetch('/api/v1/regions/not-a-code/children'), 404)
    })
  })

  describe('user administration (API)', () => {
    it('lets an admin create a user with a temporary password that must be changed first', async () => {
      const { h, f } = setup()
      const admin = await apiLogin(h, 'pesanggaran.admin')
      const created = await h.fetch(
        '/api/v1/users',
        bearer(
          admin,
          json({
            username: 'Kades.Sarongan',
            name: 'Bapak Kepala Desa',
            role: 'reporter',
            pillar: 'government',
            scope_code: '35.10.01.2001',
          }),
        ),
      )
      expect(created.status).toBe(201)
      const body = (await created.json()) as { user: { id: string; username: string; title: string }; temporary_password: string }
      expect(body.user.username).toBe('kades.sarongan')
      expect(body.user.title).toBe('Kepala Desa/Lurah')
      expect(body.temporary_password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)

      const token = await apiLogin(h, 'kades.sarongan', body.temporary_password)
      expect(await (await h.fetch('/api/v1/me', bearer(token))).json()).toMatchObject({ must_change_password: true })
      expect((await h.fetch('/api/v1/regions/35.10', bearer(token))).status).toBe(200)
      await expectProblem(await h.fetch('/api/v1/users', bearer(token)), 403)
      const change = await h.fetch(
        '/api/v1/me/password',
        bearer(token, json({ current_password: body.temporary_password, new_password: 'kata-sandi-baru-456' })),
      )
      expect(change.status).toBe(204)
      expect(await (await h.fetch('/api/v1/me', bearer(token))).json()).toMatchObject({ must_change_password: false })
      await apiLogin(h, 'kades.sarongan', 'kata-sandi-baru-456')

      const audit = await auditEntry(h, body.user.id, 'user.create')
      expect(audit.actor_id).toBe(f.districtAdmin.id)
      expect(audit.after_json).toContain('kades.sarongan')
      expect(audit.after_json).not.toContain('password_hash')
      expect(audit.after_json).not.toContain('scrypt')
    })

    it('lists the users within a scope', async () => {
      const { h } = setup()
      const admin = await apiLogin(h, 'bwi.admin')
      const all = (await (await h.fetch('/api/v1/users?scope=35.10', bearer(admin))).json()) as { items: { username: string }[] }
      expect(all.items.map((u) => u.username)).toEqual(expect.arrayContaining(['bwi.admin', 'pesanggaran.admin', 'bangorejo.admin']))
      const district = (await (await h.fetch('/api/v1/users?scope=35.10.02', bearer(admin))).json()) as { items: { username: string }[] }
      expect(district.items.map((u) => u.username)).toEqual(['bangorejo.admin'])
    })

    it('refuses a scope outside the admin’s own, and non-admins, with 403 and writes nothing', async () => {
      const { h } = setup()
      const admin = await apiLogin(h, 'pesanggaran.admin')
      const before = await countRows(h, 'users')
      await expectProblem(await h.fetch('/api/v1/users?scope=35.10', bearer(admin)), 403)
      await expectProblem(await h.fetch('/api/v1/users?scope=35.10.02', bearer(admin)), 403)
      await expectProblem(await createUserAs(h, admin, { username: 'luar.wilayah', scope_code: '35.10.02.2001' }), 403)
      const reviewer = await apiLogin(h, 'kapolsek.pesanggaran')
      await expectProblem(await h.fetch('/api/v1/users?scope=35.10.01', bearer(reviewer)), 403)
      await expectProblem(await createUserAs(h, reviewer, { username: 'oleh.reviewer', scope_code: '35.10.01.2001' }), 403)
      expect(await countRows(h, 'users')).toBe(before)
    })

    it('names the fields at fault and writes nothing', async () => {
      const { h } = setup()
      const admin = await apiLogin(h, 'bwi.admin')
      const before = await countRows(h, 'users')
      const invalid = await expectProblem(
        await createUserAs(h, admin, { username: 'x', name: '', role: 'chief', pillar: 'navy', scope_code: 'abc' }),
        422,
      )
      expect(invalid.errors?.map((e) => e.path).sort()).toEqual(['name', 'pillar', 'role', 'scope_code', 'username'])

      const level = await expectProblem(await createUserAs(h, admin, { username: 'reporter.kecamatan', scope_code: '35.10.01' }), 422)
      expect(level.errors).toEqual([{ path: 'scope_code', message: expect.stringContaining('desa') }])

      const unknown = await expectProblem(await createUserAs(h, admin, { username: 'desa.fiktif', scope_code: '35.10.01.2999' }), 422)
      expect(unknown.errors?.[0]?.path).toBe('scope_code')

      const taken = await expectProblem(
        await createUserAs(h, admin, { username: 'BWI.ADMIN', name: 'X', role: 'admin', pillar: 'police', scope_code: '35.10' }),
        409,
      )
      expect(taken.errors?.[0]?.path).toBe('username')
      expect(await countRows(h, 'users')).toBe(before)
    })

    it('edits and deactivates a user; a deactivated user’s tokens stop working', async () => {
      const { h, f } = setup()
      const admin = await apiLogin(h, 'bwi.admin')
      const created = (await (
        await h.fetch(
          '/api/v1/users',
          bearer(
            admin,
            json({ username: 'bhabin.2002', name: 'Bripka Dedi', role: 'reporter', pillar: 'police', scope_code: '35.10.01.2002' }),
          ),
        )
      ).json()) as { user: { id: string }; temporary_password: string }
      const userToken = await apiLogin(h, 'bhabin.2002', created.temporary_password)

      const renamed = await h.fetch(
        `/api/v1/users/${created.user.id}`,
        bearer(admin, json({ name: 'Bripka Dedi Kurniawan', position: 'Bhabinkamtibmas Pesanggaran' }, { method: 'PATCH' })),
      )
      expect(renamed.status).toBe(200)
      expect(await renamed.json()).toMatchObject({ name: 'Bripka Dedi Kurniawan', title: 'Bhabinkamtibmas Pesanggaran' })

      const deactivated = await h.fetch(`/api/v1/users/${created.user.id}`, bearer(admin, json({ active: false }, { method: 'PATCH' })))
      expect(await deactivated.json()).toMatchObject({ active: false })
      await expectProblem(await h.fetch('/api/v1/me', bearer(userToken)), 401)
      await expectProblem(await h.fetch('/api/v1/auth/login', json({ username: 'bhabin.2002', password: created.temporary_password })), 401)

      const update = await auditEntry(h, created.user.id, 'user.update')
      expect(JSON.parse(update.before_json!)).toMatchObject({ name: 'Bripka Dedi' })
      expect(JSON.parse(update.after_json!)).toMatchObject({ name: 'Bripka Dedi Kurniawan' })
      expect(update.actor_id).toBe(f.regencyAdmin.id)

      // A district admin cannot see users of another district: they do not exist for it.
      const other = await apiLogin(h, 'bangorejo.admin')
      await expectProblem(await h.fetch(`/api/v1/users/${created.user.id}`, bearer(other)), 404)
      await expectProblem(
        await h.fetch(`/api/v1/users/${created.user.id}`, bearer(other, json({ active: true }, { method: 'PATCH' }))),
        404,
      )
    })

    it('ends other sessions, API tokens and calendar links on a password change and on deactivation, for good', async () => {
      const { h } = setup()
      const user = await createUser(
        h.deps,
        { username: 'kades.2003', name: 'Kades 2003', role: 'reporter', pillar: 'government', scope_code: '35.10.01.2002', position: null },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const calendarLink = async (token: string) => {
        const created = await h.fetch('/api/v1/calendar-tokens', bearer(token, { method: 'POST' }))
        expect(created.status).toBe(201)
        return new URL(((await created.json()) as { url: string }).url).pathname
      }
      const works = async (credential: { token?: string; page?: Awaited<ReturnType<typeof signIn>>; feed?: string }) => {
        if (credential.token) return (await h.fetch('/api/v1/me', bearer(credential.token))).status === 200
        if (credential.page) return (await h.fetch('/password', { headers: credential.page.headers() })).status === 200
        return (await h.fetch(credential.feed!)).status === 200
      }

      // By the web form: the session it was made with stays; every other credential ends.
      const here = await signIn(h, 'kades.2003')
      const elsewhere = await signIn(h, 'kades.2003')
      const token = await apiLogin(h, 'kades.2003')
      const feed = await calendarLink(token)
      expect(await Promise.all([works({ page: here }), works({ page: elsewhere }), works({ token }), works({ feed })])).toEqual([
        true,
        true,
        true,
        true,
      ])
      const page = await h.fetch('/password', { headers: here.headers() })
      expect(await page.text()).toContain('mencabut semua token API')
      const changed = await h.fetch('/password', {
        method: 'POST',
        headers: here.headers(),
        body: new URLSearchParams({
          _csrf: csrfTokenIn(await (await h.fetch('/password', { headers: here.headers() })).text()),
          current_password: PASSWORD,
          new_password: 'kata-sandi-baru-789',
          confirm_password: 'kata-sandi-baru-789',
        }),
      })
      expect(changed.status).toBe(303)
      expect(await Promise.all([works({ page: here }), works({ page: elsewhere }), works({ token }), works({ feed })])).toEqual([
        true,
        false,
        false,
        false,
      ])

      // By the API: the token it was made with stays.
      const first = await apiLogin(h, 'kades.2003', 'kata-sandi-baru-789')
      const second = await apiLogin(h, 'kades.2003', 'kata-sandi-baru-789')
      const secondFeed = await calendarLink(second)
      const viaApi = await h.fetch(
        '/api/v1/me/password',
        bearer(first, json({ current_password: 'kata-sandi-baru-789', new_password: PASSWORD })),
      )
      expect(viaApi.status).toBe(204)
      expect(
        await Promise.all([works({ token: first }), works({ token: second }), works({ feed: secondFeed }), works({ page: here })]),
      ).toEqual([true, false, false, false])

      // Deactivation ends the rest; reactivation brings none of it back.
      const lastFeed = await calendarLink(first)
      const admin = await apiLogin(h, 'pesanggaran.admin')
      const patch = (active: boolean) => h.fetch(`/api/v1/users/${user.id}`, bearer(admin, json({ active }, { method: 'PATCH' })))
      expect((await patch(false)).status).toBe(200)
      expect((await patch(true)).status).toBe(200)
      expect(await Promise.all([works({ token: first }), works({ feed: lastFeed })])).toEqual([false, false])
      expect(await works({ token: await apiLogin(h, 'kades.2003') })).toBe(true)
    })

    it('does not let an admin deactivate itself', async () => {
      const { h, f } = setup()
      const admin = await apiLogin(h, 'bangorejo.admin')
      await expectProblem(
        await h.fetch(`/api/v1/users/${f.otherDistrictAdmin.id}`, bearer(admin, json({ active: false }, { method: 'PATCH' }))),
        403,
      )
    })
  })

  describe('audit log', () => {
    it('is append-only', async () => {
      const { h } = setup()
      await expect(h.deps.db.updateTable('audit_log').set({ action: 'tampered' }).execute()).rejects.toThrow(/append-only/)
      await expect(h.deps.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
    })
  })

  describe('atomic writes', () => {
    it('apply all statements or none', async () => {
      const { h } = setup()
      const db = h.deps.db
      const setting = (key: string) => db.insertInto('settings').values({ key, value: 'x' }).compile()
      await expect(h.deps.atomic([setting('atomic.one'), setting('atomic.one')])).rejects.toThrow()
      expect(await db.selectFrom('settings').selectAll().where('key', '=', 'atomic.one').execute()).toEqual([])
      const results = await h.deps.atomic([
        setting('atomic.two'),
        db.updateTable('settings').set({ value: 'y' }).where('key', 'like', 'atomic.%').compile(),
      ])
      expect(results.map((r) => r.changes)).toEqual([1, 1])
    })
  })

  describe('browser pages', () => {
    it('serves the Indonesian login page by default', async () => {
      const { h } = setup()
      const response = await h.fetch('/login')
      expect(response.status).toBe(200)
      const html = await response.text()
      expect(html).toMatch(/^<!DOCTYPE html>/)
      expect(html).toContain('<html lang="id">')
      expect(html).toContain('Nama pengguna')
    })

    it('refuses a form post without the CSRF token', async () => {
      const { h } = setup()
      const response = await h.fetch('/login', {
        method: 'POST',
        body: new URLSearchParams({ username: 'bwi.admin', password: PASSWORD }),
        redirect: 'manual',
      })
      expect(response.status).toBe(403)
      expect(response.headers.getSetCookie().some((c) => c.startsWith('tp_session='))).toBe(false)
    })

    it('binds CSRF tokens with a server secret: a planted cookie does not let anyone compute the token', async () => {
      const { h } = setup()
      const planted = 'a'.repeat(43)
      const headers = { Cookie: `tp_anon=${planted}` }
      const page = await h.fetch('/login', { headers })
      const token = csrfTokenIn(await page.text())
      // The old derivation, SHA-256 of "csrf:" and the cookie, is not the token and is refused.
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`csrf:${planted}`)))
      const guessed = btoa(String.fromCharCode(...digest))
        .replaceAll('+', '-')
        .replaceAll('/', '_')
        .replace(/=+$/, '')
      expect(token).not.toBe(guessed)
      const post = (csrf: string) =>
        h.fetch('/login', {
          method: 'POST',
          headers,
          body: new URLSearchParams({ _csrf: csrf, username: 'bwi.admin', password: PASSWORD }),
        })
      expect((await post(guessed)).status).toBe(403)
      expect((await post(token)).status).toBe(303)
      const secret = await h.deps.db.selectFrom('settings').select('value').where('key', '=', 'hmac_secret').executeTakeFirstOrThrow()
      expect(secret.value.length).toBeGreaterThanOrEqual(43)
    })

    it('returns after login only to a path of this site, whatever `next` holds', async () => {
      const { h } = setup()
      const loginWith = async (next: string) => {
        const page = await h.fetch(`/login?next=${encodeURIComponent(next)}`)
        const cookie = page.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; ')
        const body = new URLSearchParams({ _csrf: csrfTokenIn(await page.text()), username: 'pesanggaran.admin', password: PASSWORD, next })
        return h.fetch('/login', { method: 'POST', headers: { Cookie: cookie }, body })
      }
      for (const [next, location] of [
        ['/reports?status=new', '/reports?status=new'],
        ['/\t/evil.example/x', '/'],
        ['//evil.example', '/'],
        ['/\\evil.example', '/'],
        ['https://evil.example/', '/'],
        ['/x\r\nSet-Cookie: a=b', '/'],
      ]) {
        const response = await loginWith(next!)
        expect(response.status, next).toBe(303)
        expect(response.headers.get('Location'), next).toBe(location)
      }
    })

    it('marks personal answers private, no-store, and lets public ones be cached', async () => {
      const { h } = setup()
      const token = await apiLogin(h, 'pesanggaran.admin')
      const login = await h.fetch('/api/v1/auth/login', json({ username: 'pesanggaran.admin', password: PASSWORD }))
      const session = await signIn(h, 'pesanggaran.admin')
      for (const response of [
        login,
        await h.fetch('/api/v1/me', bearer(token)),
        await h.fetch('/api/v1/reports.csv', bearer(token)),
        await h.fetch('/reports', { headers: session.headers() }),
        await h.fetch('/login'),
        await h.fetch('/nowhere'),
      ])
        expect(response.headers.get('Cache-Control'), response.url).toBe('private, no-store')
      expect((await h.fetch('/assets/app.css')).headers.get('Cache-Control')).toMatch(/^public/)
      expect((await h.fetch('/api/v1/regions/35.10')).headers.get('Cache-Control')).toMatch(/^public/)
    })

    it('logs in with a session cookie, shows name, title and scope, and logs out', async () => {
      const { h } = setup()
      const { response, jar, headers } = await signIn(h, 'kapolsek.pesanggaran')
      expect(response.status).toBe(303)
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tp_session='))!
      expect(cookie).toMatch(/HttpOnly/i)
      expect(cookie).toMatch(/SameSite=Lax/i)
      const home = await h.fetch('/', { headers: headers() })
      const html = await home.text()
      expect(html).toContain('Iptu Budi Santoso')
      expect(html).toContain('Kapolsek')
      expect(html).toContain('<dd>Kecamatan Pesanggaran')
      // A village's pillar reads the village's kind from its code: 2xxx is a desa.
      const village = await signIn(h, 'babinsa.sarongan')
      const villageHome = await (await h.fetch('/', { headers: village.headers() })).text()
      expect(villageHome).toContain('<dd>Desa Sarongan')
      expect(villageHome).toContain('Provinsi Jawa Timur › Kabupaten Banyuwangi › Kecamatan Pesanggaran')

      const logout = await h.fetch('/logout', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(html) }),
        headers: headers(),
        redirect: 'manual',
      })
      expect(logout.status).toBe(303)
      jar.store(logout)
      const after = await h.fetch('/', { headers: headers(), redirect: 'manual' })
      expect(after.status).toBe(303)
      expect(after.headers.get('Location')).toMatch(/^\/login/)
    })

    it('switches the language to English and remembers it', async () => {
      const { h } = setup()
      const { jar, headers } = await signIn(h, 'pesanggaran.admin')
      const home = await (await h.fetch('/', { headers: headers() })).text()
      const switched = await h.fetch('/language', {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(home), lang: 'en', next: '/' }),
        headers: headers(),
        redirect: 'manual',
      })
      expect(switched.status).toBe(303)
      jar.store(switched)
      const english = await (await h.fetch('/', { headers: headers() })).text()
      expect(english).toContain('<html lang="en">')
      expect(english).toContain('Area of duty')
    })

    it('lets an admin create a user through the form, and re-shows bad input in Indonesian', async () => {
      const { h } = setup()
      const { headers, jar } = await signIn(h, 'pesanggaran.admin')
      const form = await (await h.fetch('/admin/users/new', { headers: headers() })).text()
      const fields = {
        _csrf: csrfTokenIn(form),
        name: 'Ibu Lurah',
        role: 'reporter',
        pillar: 'government',
        scope_code: '35.10.01.2002',
        position: '',
      }
      const before = await countRows(h, 'users')

      const bad = await h.fetch('/admin/users', {
        method: 'POST',
        body: new URLSearchParams({ ...fields, username: 'a b' }),
        headers: headers(),
      })
      expect(bad.status).toBe(422)
      expect(await bad.text()).toContain('Gunakan 3–32 huruf kecil')
      expect(await countRows(h, 'users')).toBe(before)

      const good = await h.fetch('/admin/users', {
        method: 'POST',
        body: new URLSearchParams({ ...fields, username: 'lurah.pesanggaran' }),
        headers: headers(),
      })
      // Answered with a redirect to the new user, the temporary password sealed across it; a reload shows it again and creates nothing.
      expect(good.status).toBe(303)
      expect(good.headers.get('Location')).toMatch(/^\/admin\/users\/[0-9a-f-]{36}\?created=1$/)
      jar.store(good)
      const html = await (await h.fetch(good.headers.get('Location')!, { headers: headers() })).text()
      expect(html).toContain('Pengguna telah dibuat.')
      const password = /id="temporary-password">([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</.exec(html)![1]!
      expect(await (await h.fetch(good.headers.get('Location')!, { headers: headers() })).text()).toContain(password)
      expect(await countRows(h, 'users')).toBe(before + 1)
      // A cookie not sealed under the installation's secret shows nothing.
      const forged = headers().Cookie.replace(/tp_flash=[^;]+/, `tp_flash=${'A'.repeat(60)}`)
      expect(forged).toContain('tp_flash=AAAA')
      const other = await h.fetch(good.headers.get('Location')!, { headers: { ...headers(), Cookie: forged } })
      expect(await other.text()).not.toContain('id="temporary-password"')
      await apiLogin(h, 'lurah.pesanggaran', password)

      // A new temporary password: the same redirect, the same sealed display.
      const userPath = good.headers.get('Location')!.split('?')[0]!
      const reset = await h.fetch(`${userPath}/password`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: csrfTokenIn(html) }),
        headers: headers(),
      })
      expect([reset.status, reset.headers.get('Location')]).toEqual([303, userPath])
      jar.store(reset)
      const renewed = /id="temporary-password">([^<]+)</.exec(await (await h.fetch(userPath, { headers: headers() })).text())![1]!
      expect(renewed).not.toBe(password)
      await apiLogin(h, 'lurah.pesanggaran', renewed)

      // The list names each user's region; the code is a quiet detail.
      const list = await (await h.fetch('/admin/users', { headers: headers() })).text()
      expect(list).toContain('Pesanggaran <small class="muted">(35.10.01)</small>')
    })

    it('keeps non-admins out of user administration', async () => {
      const { h } = setup()
      const { headers } = await signIn(h, 'babinsa.sarongan')
      expect((await h.fetch('/admin/users', { headers: headers() })).status).toBe(403)
    })

    it('shows the title that follows from pillar, level and role, or the position when one is set', () => {
      expect(displayTitle('military', 'village', null, 'reporter')).toBe('Babinsa')
      expect(displayTitle('police', 'district', null, 'reviewer')).toBe('Kapolsek')
      expect(displayTitle('government', 'regency', null, 'reviewer')).toBe('Forkopimda (Bupati)')
      expect(displayTitle('government', 'village', ' Sekretaris Desa ', 'reporter')).toBe('Sekretaris Desa')
      // An administrator keeps the accounts; it does not hold the office.
      expect(displayTitle('government', 'district', null, 'admin')).toBe('Operator Kecamatan')
      expect(displayTitle('police', 'regency', null, 'admin')).toBe('Operator Polres')
      // A Polresta's chief is named by the position field, and signs without the Forkopimda label.
      expect(displayTitle('police', 'regency', 'Kapolresta', 'reviewer')).toBe('Kapolresta')
      expect(positionTitle('military', 'regency', null, 'reviewer')).toBe('Dandim')
    })
  })
}
