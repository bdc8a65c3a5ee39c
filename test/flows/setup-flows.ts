import { describe, expect, it } from 'vitest'
import { hasActiveAdmin } from '../../src/domain/users.ts'
import { CookieJar, csrfTokenIn, type Harness } from './harness.ts'

/** First-run setup on an empty database; `token` is the one-time link's secret. */
export function setupFlows(setup: () => { h: Harness; token: string }) {
  describe('first-run setup', () => {
    it('creates the first admin over the chosen home regency, then closes', async () => {
      const { h, token } = setup()
      expect(await hasActiveAdmin(h.deps)).toBe(false)
      expect((await h.fetch('/setup/not-the-token')).status).toBe(404)

      const jar = new CookieJar()
      const page = await h.fetch(`/setup/${token}`)
      jar.store(page)
      const html = await page.text()
      expect(page.status).toBe(200)
      expect(html).toContain('Kabupaten Banyuwangi (35.10)')
      const fields = {
        _csrf: csrfTokenIn(html),
        regency_code: '35.10',
        name: 'Operator Pemkab',
        pillar: 'government',
        username: 'operator',
      }

      const weak = await h.fetch(`/setup/${token}`, {
        method: 'POST',
        body: new URLSearchParams({ ...fields, password: 'pendek' }),
        headers: { Cookie: jar.header() },
      })
      expect(weak.status).toBe(422)
      expect(await weak.text()).toContain('Kata sandi minimal 10 karakter.')
      expect(await hasActiveAdmin(h.deps)).toBe(false)

      const done = await h.fetch(`/setup/${token}`, {
        method: 'POST',
        body: new URLSearchParams({ ...fields, password: 'sinergitas-tiga-pilar' }),
        headers: { Cookie: jar.header() },
      })
      expect(done.status).toBe(303)
      jar.store(done)
      const home = await (await h.fetch('/', { headers: { Cookie: jar.header() } })).text()
      expect(home).toContain('Operator Pemkab')
      // The regency's name carries its kind; the label does not repeat it.
      expect(home).toContain('<dd>Kabupaten Banyuwangi')
      expect(home).not.toContain('Kabupaten/Kota Kabupaten')

      const districts = (await (await h.fetch('/api/v1/regions/35.10/children')).json()) as { items: unknown[] }
      expect(districts.items).toHaveLength(25)
      expect((await h.fetch(`/setup/${token}`)).status).toBe(404)
    })
  })
}
