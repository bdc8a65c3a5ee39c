import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.tsx'
import type { Deps } from '../../src/deps.ts'
import type { LogEntry } from '../../src/http/request-log.ts'
import { bearer, type Fixtures, json } from './harness.ts'

type Setup = () => { deps: Deps; f: Fixtures; token: string }

/** The request log, read through the app's own logger: what an operator's log collector receives. */
export function requestLogFlows(setup: Setup) {
  const entries: LogEntry[] = []
  function app(overrides: Partial<Deps> = {}) {
    return createApp({ ...setup().deps, clientAddress: () => 'test', log: (entry) => entries.push(entry), ...overrides })
  }

  describe('the request log', () => {
    it('writes one line per request: method, path, status, duration, user and request id', async () => {
      const { f, token } = setup()
      entries.length = 0
      const response = await app().request('/api/v1/me', bearer(token, { headers: { 'X-Request-Id': 'req-from-nginx-1' } }))
      expect(response.status).toBe(200)
      expect(entries).toEqual([
        {
          level: 'info',
          msg: 'request',
          method: 'GET',
          path: '/api/v1/me',
          status: 200,
          duration_ms: expect.any(Number),
          user: f.reporter.id,
          request_id: 'req-from-nginx-1',
        },
      ])
      await app().request('/login')
      expect(entries[1]).toMatchObject({ path: '/login', status: 200, user: 'anonymous' })
    })

    it('never logs secrets in paths, query strings, or a report’s content', async () => {
      const { token } = setup()
      entries.length = 0
      const setupToken = 'setup-secret-0123456789abcdefghij'
      const feedToken = 'A'.repeat(43)
      await app().request(`/setup/${setupToken}`)
      await app().request(`/calendar/u/${feedToken}.ics`)
      await app().request('/api/v1/reports?q=Nama%20Saksi%20Rahasia', bearer(token))
      const filed = await app().request(
        '/api/v1/reports',
        bearer(
          token,
          json({
            village_code: '35.10.01.2001',
            category: 'social_conflict',
            alert_level: 'siaga',
            title: 'Judul-Laporan-Rahasia',
            description: 'Isi-Laporan-Rahasia',
            occurred_at: new Date(Date.now() - 3600_000).toISOString(),
          }),
        ),
      )
      expect(filed.status).toBe(201)
      const logged = JSON.stringify(entries)
      expect(entries.map((e) => e.path)).toEqual(['/setup/…', '/calendar/u/…', '/api/v1/reports', '/api/v1/reports'])
      for (const secret of [setupToken, feedToken, token, 'Saksi', 'Judul-Laporan-Rahasia', 'Isi-Laporan-Rahasia'])
        expect(logged).not.toContain(secret)
    })

    it('logs an unexpected error with the request id it answers with, and the request line after it', async () => {
      entries.length = 0
      const broken = app({
        passwords: {
          hash: () => Promise.reject(new Error('hasher unavailable')),
          verify: () => Promise.reject(new Error('hasher unavailable')),
        },
      })
      const response = await broken.request('/api/v1/auth/login', json({ username: 'someone', password: 'anything-at-all' }))
      expect(response.status).toBe(500)
      const id = response.headers.get('X-Request-Id')
      expect(id).toMatch(/^[0-9a-f-]{36}$/)
      expect(entries.map((e) => [e.level, e.msg, e.request_id])).toEqual([
        ['error', 'unhandled error', id],
        ['info', 'request', id],
      ])
      expect(entries[0]!.error).toContain('hasher unavailable')
      expect(JSON.stringify(entries)).not.toContain('anything-at-all')
    })
  })
}
