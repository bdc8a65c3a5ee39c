import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { LATEST_MIGRATION } from '../../src/db/migration-level.ts'
import { archiveAudit, auditTrail } from '../../src/domain/audit-archive.ts'
import { WINDOW_MINUTES } from '../../src/domain/login.ts'
import { purgeExpired } from '../../src/domain/purge.ts'
import { countRows, type Fixtures, type Harness, latestAuditAfter } from './harness.ts'

type Setup = () => { h: Harness; f: Fixtures }

/** Readiness, request ids and the retention purge: what an operator relies on, on either runtime. */
export function operationsFlows(setup: Setup) {
  describe('operations', () => {
    it('answers /readyz with migrations current and a write committed, writing at most every few seconds', async () => {
      const { h } = setup()
      const checkedAt = async () =>
        (await h.deps.db.selectFrom('readiness_probe').select('checked_at').executeTakeFirst())?.checked_at ?? null
      const response = await h.fetch('/readyz')
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ status: 'ok', migrations: 'current', writable: 'ok' })
      const first = await checkedAt()
      expect(first).not.toBeNull()
      // A burst of probes right after: answered, but no new write.
      for (let i = 0; i < 3; i++) expect((await h.fetch('/readyz')).status).toBe(200)
      expect(await checkedAt()).toBe(first)
    })

    it('is not ready while the database is behind the code', async () => {
      const { h } = setup()
      const rename = (from: string, to: string) => sql`UPDATE d1_migrations SET name = ${to} WHERE name = ${from}`.execute(h.deps.db)
      await rename(LATEST_MIGRATION, '0000_set_aside_by_test')
      try {
        const response = await h.fetch('/readyz')
        expect(response.status).toBe(503)
        expect(await response.json()).toMatchObject({ status: 'error', migrations: 'pending' })
      } finally {
        await rename('0000_set_aside_by_test', LATEST_MIGRATION)
      }
    })

    it('serves the OpenAPI description with links from PUBLIC_URL, and a reference page without scripts', async () => {
      const { h } = setup()
      const described = await h.fetch('/api/v1/openapi.json', { headers: { Host: 'attacker.example' } })
      expect(described.status).toBe(200)
      const document = (await described.json()) as { openapi: string; servers: { url: string }[]; paths: Record<string, unknown> }
      expect(document.openapi).toBe('3.1.0')
      expect(document.servers).toEqual([{ url: 'https://tigapilar.test/api/v1' }])
      expect(Object.keys(document.paths)).toContain('/reports/{id}/events')

      const page = await h.fetch('/api/docs')
      expect(page.status).toBe(200)
      expect(page.headers.get('Content-Security-Policy')).toMatch(/script-src 'self';/)
      const html = await page.text()
      expect(html).toContain('POST /reports/{id}/events')
      expect(html).not.toContain('<script')
    })

    it('answers every request with a request id: the proxy’s when it is a plain token, else a new one', async () => {
      const { h } = setup()
      const given = await h.fetch('/healthz', { headers: { 'X-Request-Id': 'nginx-0123456789abcdef' } })
      expect(given.headers.get('X-Request-Id')).toBe('nginx-0123456789abcdef')
      const hostile = await h.fetch('/login', { headers: { 'X-Request-Id': 'a b\tinjected=1' } })
      expect(hostile.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
      const missing = await h.fetch('/api/v1/nowhere')
      expect(missing.status).toBe(404)
      expect(missing.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
    })

    it('says the language and request id on every kind of answer (JSON, page, redirect, problem), and what they vary on', async () => {
      const { h } = setup()
      const answers = {
        json: await h.fetch('/healthz', { headers: { 'Accept-Language': 'en' } }),
        page: await h.fetch('/login', { headers: { 'Accept-Language': 'en' } }),
        redirect: await h.fetch('/reports', { headers: { 'Accept-Language': 'en' } }),
        problem: await h.fetch('/api/v1/me', { headers: { 'Accept-Language': 'en' } }),
      }
      expect(Object.values(answers).map((answer) => answer.status)).toEqual([200, 200, 303, 401])
      for (const answer of Object.values(answers)) {
        expect(answer.headers.get('Content-Language')).toBe('en')
        expect(answer.headers.get('Vary')).toMatch(/Accept-Language, Cookie/)
        expect(answer.headers.get('X-Request-Id')).toMatch(/^[0-9a-f-]{36}$/)
        expect(answer.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/)
      }
      expect(answers.redirect.headers.get('Location')).toBe('/login?next=%2Freports')
      expect(await answers.problem.json()).toMatchObject({ status: 401 })
    })

    it('purges expired sessions and old login failures, keeps the live ones, and audits what it removed', async () => {
      const { h, f } = setup()
      const now = h.deps.clock()
      const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString()
      await h.deps.db
        .insertInto('sessions')
        .values([
          { id_hash: 'purge-expired', user_id: f.reporter.id, created_at: at(-600), expires_at: at(-1) },
          { id_hash: 'purge-live', user_id: f.reporter.id, created_at: at(-10), expires_at: at(600) },
        ])
        .execute()
      await h.deps.db
        .insertInto('login_failures')
        .values([
          { key: 'purge:old', failures: 3, window_start_at: at(-WINDOW_MINUTES - 1) },
          { key: 'purge:current', failures: 2, window_start_at: at(-1) },
        ])
        .execute()

      const removed = await purgeExpired(h.deps)
      expect(removed.sessions).toBeGreaterThanOrEqual(1)
      expect(removed.login_failures).toBeGreaterThanOrEqual(1)
      const sessions = await h.deps.db.selectFrom('sessions').select('id_hash').where('id_hash', 'like', 'purge-%').execute()
      expect(sessions.map((s) => s.id_hash)).toEqual(['purge-live'])
      const failures = await h.deps.db.selectFrom('login_failures').select('key').where('key', 'like', 'purge:%').execute()
      expect(failures.map((row) => row.key)).toEqual(['purge:current'])
      expect(await latestAuditAfter(h, 'data.purge')).toEqual(removed)

      // Nothing left to remove: nothing written, not even an audit row.
      const auditRows = await countRows(h, 'audit_log')
      expect(await purgeExpired(h.deps)).toEqual({ sessions: 0, login_failures: 0, setup_token: 0 })
      expect(await countRows(h, 'audit_log')).toBe(auditRows)
    })

    it('archives old audit entries into compressed segments without losing one, and the log stays append-only', async () => {
      const { h, f } = setup()
      const trailBefore = await auditTrail(h.deps, 'user', f.reporter.id)
      expect(trailBefore.length).toBeGreaterThan(0)
      // Everything written so far is old; what comes after stays in the log.
      await new Promise((resolve) => setTimeout(resolve, 5))
      const cutoff = new Date()
      const old = await h.deps.db.selectFrom('audit_log').select('id').where('at', '<', cutoff.toISOString()).execute()
      const moved = await archiveAudit(h.deps, cutoff)
      expect(moved.entries).toBe(old.length)
      expect(await h.deps.db.selectFrom('audit_log').select('id').where('at', '<', cutoff.toISOString()).execute()).toEqual([])
      // Read back whole, from the segments, in order.
      expect(await auditTrail(h.deps, 'user', f.reporter.id)).toEqual(trailBefore)
      expect(await archiveAudit(h.deps, cutoff)).toEqual({ entries: 0, segments: 0 })
      // An entry leaves the log only into a segment, and segments never change.
      await h.deps.db
        .insertInto('sessions')
        .values({
          id_hash: 'archive-expired',
          user_id: f.reporter.id,
          created_at: '2026-01-01T00:00:00.000Z',
          expires_at: '2026-01-02T00:00:00.000Z',
        })
        .execute()
      await purgeExpired(h.deps)
      const live = await h.deps.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
      await expect(sql`DELETE FROM audit_log WHERE id = ${live.id}`.execute(h.deps.db)).rejects.toThrow(/append-only/)
      await expect(sql`DELETE FROM audit_archive`.execute(h.deps.db)).rejects.toThrow(/append-only/)
      await expect(sql`UPDATE audit_archive SET entries = 0`.execute(h.deps.db)).rejects.toThrow(/append-only/)
    })
  })
}
