import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.tsx'
import { createUser } from '../../src/domain/users.ts'
import { apiLogin, bearer, csrfTokenIn, type Fixtures, type Harness, json, PASSWORD, signIn } from './harness.ts'

type Setup = () => { h: Harness; f: Fixtures }

// Field names the app's forms and JSON bodies use; each request fills all of them with one hostile value.
const FIELDS = [
  'title',
  'description',
  'starts_at',
  'ends_at',
  'venue',
  'online_url',
  'scope_code',
  'region_code',
  'attendance',
  'representative',
  'status',
  'note',
  'type',
  'version',
  'username',
  'name',
  'role',
  'pillar',
  'position',
  'password',
  'current_password',
  'new_password',
  'confirm_password',
  'date',
  'awas',
  'siaga',
  'week',
  'weekday',
  'start_time',
  'end_time',
  'code',
  'label_id',
  'label_en',
  'lang',
  'next',
  'op',
  'user_id',
  'due_date',
  'responsible_pillar',
  'summary',
  'decisions',
  'text',
  'year',
  'quarter',
  'kind',
  'visibility',
  'reason',
  'village_code',
  'category',
  'alert_level',
  'occurred_at',
  'restricted',
  'client_id',
  'include_villages',
  'active',
  'items',
  'scope',
]
// biome-ignore format: one hostile value per line would hide the list.
const VALUES = [
  '9999-99-99', '2027-02-31', '0000-01-01T00:00', '10000-01-12T09:00', '2027-01-12T25:61', '-1', '1e309', 'NaN',
  '\u0000', '\uFFFF\u202E', '😀'.repeat(100), 'x'.repeat(70_000), '../../etc/passwd', '<script>alert(1)</script>',
  '=cmd|calc', '35.10.01.2999', 'remove:99', 'up:-1', '', ' ', '\r\nX: y',
]
const JSON_VALUES: unknown[] = [...VALUES, 0, -1, 1e308, true, null, [], {}, [[[[]]]], { a: { b: 1 } }]
// biome-ignore format: likewise.
const QUERY =
  'from=9999-99-99&to=2026-02-31&limit=-5&cursor=%FF%FE&region=..&status=x&q=%00&year=1e9&quarter=9' +
  '&min_alert_level=x&category=%F0%28&include_cancelled=%F0&scope=35.10.01.2999&changed=1&next=//evil'

/** A form body with every field set to the `n`-th hostile value (and the next ones). */
function hostileForm(n: number, csrf: string): URLSearchParams {
  return new URLSearchParams([['_csrf', csrf], ...FIELDS.map((field, i): [string, string] => [field, VALUES[(n + i) % VALUES.length]!])])
}

/** A JSON body with every field set to the `n`-th hostile value, lone surrogates included. */
function hostileJson(n: number): string {
  const object = Object.fromEntries(FIELDS.map((field, i) => [field, JSON_VALUES[(n + i) % JSON_VALUES.length]]))
  return JSON.stringify(object).replace('"title":"', '"title":"\\ud800')
}

/**
 * Throws malformed bodies, impossible dates, Unicode edge cases and wrong content types at every
 * route the app has (read from the app itself), signed in and not, and asserts that nothing
 * answers with a server error.
 */
export function fuzzFlows(setup: Setup) {
  describe('fuzzing every route', () => {
    it('never answers 5xx, and a refusal writes nothing, whatever the input', { timeout: 240_000 }, async () => {
      const { h, f } = setup()
      const target = await createUser(
        h.deps,
        { username: 'fuzz.target', name: 'Fuzz', role: 'reporter', pillar: 'police', scope_code: '35.10.01.2002', position: null },
        { actor: null, password: PASSWORD, temporary: false },
      )
      const token = await apiLogin(h, 'bwi.admin')
      const meeting = await h.fetch(
        '/api/v1/meetings',
        bearer(
          token,
          json({ scope_code: '35.10', title: 'Rakor', starts_at: '2027-03-02T09:00', ends_at: '2027-03-02T12:00', venue: 'Aula' }),
        ),
      )
      const meetingId = ((await meeting.json()) as { id: string }).id
      const params: Record<string, string[]> = {
        id: [meetingId, target.id, crypto.randomUUID(), '%00', 'x'.repeat(300)],
        userId: [target.id, f.reporter.id, '..'],
        code: ['35.10', '35.10.01', '99', '%F0%28'],
        category: ['crime', 'NOPE'],
        date: ['2027-02-31', '2027-04-13', 'x'],
        token: ['x'.repeat(43), '%00'],
        file: ['35.10.ics', `${meetingId}.ics`, '..ics'],
      }
      // The routes as the app declares them; logging out comes last, so the rest runs signed in.
      const routes = [
        ...new Set(
          createApp(h.deps)
            .routes.filter((r) => r.method !== 'ALL')
            .map((r) => `${r.method} ${r.path}`),
        ),
      ]
        .map((route) => route.split(' ') as [string, string])
        .sort(([, a], [, b]) => Number(a.includes('logout')) - Number(b.includes('logout')))
      const paths = (pattern: string): string[] => {
        const match = /:(\w+)(\{[^}]*\})?/.exec(pattern)
        if (!match) return [pattern]
        const values = params[match[1]!] ?? ['x']
        return values.flatMap((value) => paths(pattern.replace(match[0], value)))
      }

      const session = await signIn(h, 'bwi.admin')
      const csrf = csrfTokenIn(await (await h.fetch('/', { headers: session.headers() })).text())
      const failures: string[] = []
      let requests = 0
      const audited = async () =>
        Number(
          (
            await h.deps.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const send = async (method: string, path: string, init: RequestInit) => {
        requests++
        const before = await audited()
        const response = await h.fetch(path, { method, ...init, redirect: 'manual' })
        await response.arrayBuffer()
        const request = `${method} ${path} ${String(init.body ?? '').slice(0, 60)}`
        if (response.status >= 500) failures.push(`${request} → ${response.status}`)
        // A refused request changes nothing, its audit included (failed logins are audited by design).
        if (response.status >= 400 && !path.endsWith('/login') && (await audited()) !== before)
          failures.push(`${request} → ${response.status} audited`)
      }
      for (const [method, pattern] of routes) {
        for (const [n, path] of paths(pattern).entries()) {
          for (const auth of [{ ...session.headers() }, { Authorization: `Bearer ${token}` }, {}] as Record<string, string>[]) {
            if (method === 'GET') {
              await send(method, `${path}?${QUERY}`, { headers: auth })
              continue
            }
            const bodies: [string, BodyInit | undefined][] = [
              ['application/x-www-form-urlencoded', hostileForm(n, csrf)],
              ['application/json', hostileJson(n)],
              ['application/json', '{"title":'],
              ['application/json', '[1,2]'],
              ['multipart/form-data', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
              ['text/plain', '\u0000\u0001'],
              ['application/x-www-form-urlencoded', undefined],
            ]
            for (const [type, body] of bodies) await send(method, path, { headers: { ...auth, 'Content-Type': type }, body })
          }
        }
      }
      expect(failures).toEqual([])
      expect(requests).toBeGreaterThan(2000)
    })
  })
}
