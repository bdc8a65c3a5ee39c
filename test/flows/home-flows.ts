import { describe, expect, it } from 'vitest'
import { createUser } from '../../src/domain/users.ts'
import { apiLogin, bearer, type Fixtures, type Harness, json, PASSWORD, signIn } from './harness.ts'

type Setup = () => { h: Harness; f: Fixtures }

/** The home page says what needs each role, and a new account joins the coming Rakor it belongs in. */
export function homeFlows(setup: Setup) {
  const page = async (h: Harness, username: string) => {
    const { headers } = await signIn(h, username)
    return (await h.fetch('/', { headers: headers() })).text()
  }

  describe('the home page', () => {
    it('shows reviewers what waits for them, and village pillars their reports with who took them up', async () => {
      const { h } = setup()
      const title = `Warga resah ${crypto.randomUUID().slice(0, 8)}`
      const babinsa = await apiLogin(h, 'babinsa.sarongan')
      const filed = await h.fetch(
        '/api/v1/reports',
        bearer(
          babinsa,
          json({
            village_code: '35.10.01.2001',
            category: 'social_conflict',
            alert_level: 'siaga',
            title,
            description: 'Isu provokasi di media sosial.',
            occurred_at: new Date(Date.now() - 3600_000).toISOString(),
          }),
        ),
      )
      expect(filed.status).toBe(201)
      const id = ((await filed.json()) as { id: string }).id

      const reviewer = await page(h, 'kapolsek.pesanggaran')
      expect(reviewer).toContain('Perlu tindakan Anda')
      expect(reviewer).toMatch(/<a href="\/reports\?status=new&amp;min_alert_level=siaga">\d+ laporan Siaga\/Awas menunggu diterima<\/a>/)

      const before = await page(h, 'babinsa.sarongan')
      expect(before).toContain('Laporan saya')
      expect(before).toContain(title)
      expect(before).toContain('class="button primary big" href="/reports/new"')

      const kapolsek = await apiLogin(h, 'kapolsek.pesanggaran')
      const ack = await h.fetch(
        `/api/v1/reports/${id}/events`,
        bearer(kapolsek, json({ type: 'status', status: 'acknowledged', note: 'Diterima.', version: 1 })),
      )
      expect(ack.status).toBe(201)
      const after = await page(h, 'babinsa.sarongan')
      expect(after).toContain('Diterima oleh Kapolsek Pesanggaran')
    })

    it('shows admins the accounts in their scope never used or still on a temporary password', async () => {
      const { h, f } = setup()
      const name = `Kades Baru ${crypto.randomUUID().slice(0, 6)}`
      const fresh = await createUser(
        h.deps,
        {
          username: `kades.${crypto.randomUUID().slice(0, 8)}`,
          name,
          role: 'reporter',
          pillar: 'government',
          scope_code: '35.10.01.2004',
          position: null,
        },
        { actor: f.districtAdmin, password: PASSWORD, temporary: true },
      )
      const admin = await page(h, 'pesanggaran.admin')
      expect(admin).toContain('Akun yang belum dipakai')
      expect(admin).toContain(`<a href="/admin/users/${fresh.id}">${name}</a>`)
      expect(admin).toContain('Belum pernah masuk · Masih memakai kata sandi sementara')
      // Once the account has logged in, it is no longer "never used".
      await apiLogin(h, fresh.username)
      const later = await page(h, 'pesanggaran.admin')
      expect(later).toContain(`<a href="/admin/users/${fresh.id}">${name}</a>`)
      expect(later).not.toMatch(new RegExp(`${name}</a>[^]*?Belum pernah masuk · Masih`))
      // A village pillar's home has no admin list.
      expect(await page(h, 'babinsa.sarongan')).not.toContain('Akun yang belum dipakai')
    })

    it('invites a new village pillar to the district’s coming Rakor, and shows it on their home page', async () => {
      const { h, f } = setup()
      const organiser = await apiLogin(h, 'pesanggaran.admin')
      const title = `Rakor kecamatan ${crypto.randomUUID().slice(0, 8)}`
      const starts = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
      const created = await h.fetch(
        '/api/v1/meetings',
        bearer(
          organiser,
          json({ scope_code: '35.10.01', title, starts_at: `${starts}T09:00`, ends_at: `${starts}T12:00`, venue: 'Pendopo Kecamatan' }),
        ),
      )
      expect(created.status).toBe(201)
      const meetingId = ((await created.json()) as { id: string }).id
      const username = `babinsa.${crypto.randomUUID().slice(0, 8)}`
      const newcomer = await createUser(
        h.deps,
        { username, name: 'Serda Baru', role: 'reporter', pillar: 'military', scope_code: '35.10.01.2004', position: null },
        { actor: f.districtAdmin, password: PASSWORD, temporary: false },
      )
      const invited = await h.deps.db
        .selectFrom('meeting_participants')
        .select(['user_id', 'region_code', 'attendance'])
        .where('meeting_id', '=', meetingId)
        .where('user_id', '=', newcomer.id)
        .execute()
      expect(invited).toEqual([{ user_id: newcomer.id, region_code: '35.10.01.2004', attendance: 'unmarked' }])
      expect(await page(h, username)).toContain(title)
    })
  })
}
