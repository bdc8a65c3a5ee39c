import { PhotonImage } from '@cf-wasm/photon'
import { describe, expect, it } from 'vitest'
import type { User } from '../../src/db/schema.ts'
import { auditTrail } from '../../src/domain/audit-archive.ts'
import type { AuditEntry } from '../../src/domain/report-audit.ts'
import { createUser } from '../../src/domain/users.ts'
import { photoKey } from '../../src/photos/photo-storage.ts'
import { apiLogin, bearer, countRows, csrfTokenIn, type Fixtures, type Harness, PASSWORD, signIn } from './harness.ts'
import type { ClockedHarness } from './report-flows.ts'

type Setup = () => { h: ClockedHarness; f: Fixtures }

interface PhotoJson {
  id: string
  url: string
  thumbnail_url: string
  width: number
  height: number
}
interface ReportJson {
  id: string
  photos: PhotoJson[]
  timeline: { type: string; note: string; photos: PhotoJson[] }[]
  errors?: { path: string; message: string }[]
  title?: string
}

const NOW = new Date('2026-11-20T03:00:00Z')

/** A small image of `type`, made by the same library the server uses. */
function image(type: 'png' | 'webp' | 'jpeg', width = 64, height = 48): Uint8Array {
  const pixels = new Uint8Array(width * height * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256))
  const made = new PhotonImage(pixels, width, height)
  return type === 'png' ? made.get_bytes() : type === 'webp' ? made.get_bytes_webp() : made.get_bytes_jpeg(80)
}

/** Whether JPEG bytes carry an EXIF segment (APP1 "Exif\0\0") anywhere. */
function hasExif(bytes: Uint8Array): boolean {
  const marker = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]
  for (let i = 0; i + marker.length <= bytes.length; i++) if (marker.every((byte, j) => bytes[i + j] === byte)) return true
  return false
}

function reportForm(fields: Record<string, string>, photos: { bytes: Uint8Array; name?: string; type?: string }[]): FormData {
  const form = new FormData()
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  for (const photo of photos)
    form.append(
      'photos',
      new Blob([photo.bytes as Uint8Array<ArrayBuffer>], { type: photo.type ?? 'image/jpeg' }),
      photo.name ?? 'foto.jpg',
    )
  return form
}

const FIELDS = {
  village_code: '35.10.01.2001',
  category: 'social_conflict',
  alert_level: 'waspada',
  title: 'Kerumunan di balai desa',
  description: 'Warga berkumpul menolak rencana tambang.',
  occurred_at: '2026-11-19T20:00:00+07:00',
}

/**
 * Report photos, run unchanged on Node (photos in a directory, prepared on a worker thread) and
 * Workers (photos in local R2): multipart filing and comments, content sniffing, limits,
 * metadata removal, visibility, idempotency, and the page script's session access to the API.
 */
export function photoFlows(setup: Setup, fixturePhoto: () => Uint8Array) {
  let state: { t: Record<string, string>; otherVillage: User } | undefined

  async function prepare() {
    const { h } = setup()
    h.setNow(NOW)
    if (!state) {
      const make = (username: string, pillar: User['pillar'], scope: string) =>
        createUser(
          h.deps,
          { username, name: username, role: 'reporter', pillar, scope_code: scope, position: null },
          { actor: null, password: PASSWORD, temporary: false },
        )
      const otherVillage = await make('babinsa.2002.p', 'military', '35.10.01.2002')
      await make('kades.sarongan.p', 'government', '35.10.01.2001')
      const t: Record<string, string> = {}
      for (const username of ['babinsa.sarongan', 'babinsa.2002.p', 'kades.sarongan.p', 'kapolsek.pesanggaran', 'bangorejo.admin'])
        t[username] = await apiLogin(h, username)
      state = { t, otherVillage }
    }
    return { h, ...state }
  }

  async function file(h: Harness, token: string, form: FormData) {
    const response = await h.fetch('/api/v1/reports', bearer(token, { method: 'POST', body: form }))
    return { response, body: (await response.json()) as ReportJson }
  }

  /** The path of an absolute photo URL (the app builds them from PUBLIC_URL). */
  const pathOf = (url: string) => {
    expect(url.startsWith('https://tigapilar.test/api/v1/reports/')).toBe(true)
    return new URL(url).pathname
  }

  async function rowCounts(h: Harness) {
    return Promise.all((['reports', 'report_photos', 'report_events', 'audit_log'] as const).map((table) => countRows(h, table)))
  }

  describe('report photos', () => {
    it('files a report with photos as multipart: kept upright, at most 1600 px, without EXIF or GPS, in the storage', async () => {
      const { h, t } = await prepare()
      const photo = fixturePhoto()
      expect(hasExif(photo)).toBe(true)
      const { response, body } = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, latitude: '-8.6', longitude: '114.1' }, [
          { bytes: photo },
          { bytes: image('png'), name: 'denah.png', type: 'image/png' },
        ]),
      )
      expect(response.status).toBe(201)
      expect(body.photos).toHaveLength(2)
      // The fixture is 1200×900 with "rotate 90° clockwise" in its EXIF: kept as 900×1200.
      expect(body.photos[0]).toMatchObject({ width: 900, height: 1200 })
      expect(body.photos[1]).toMatchObject({ width: 64, height: 48 })
      // The filing's audit entry counts its photos from the photos themselves.
      expect(photoCounts(await auditTrail(h.deps, 'report', body.id))).toEqual([['report.file', 2]])

      const display = await h.fetch(pathOf(body.photos[0]!.url), bearer(t['babinsa.sarongan']!))
      expect(display.status).toBe(200)
      expect(display.headers.get('Content-Type')).toBe('image/jpeg')
      expect(display.headers.get('Cache-Control')).toMatch(/^private/)
      const bytes = new Uint8Array(await display.arrayBuffer())
      expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8])
      expect(hasExif(bytes)).toBe(false)
      const decoded = PhotonImage.new_from_byteslice(bytes)
      expect([decoded.get_width(), decoded.get_height()]).toEqual([900, 1200])

      const thumbnail = await h.fetch(pathOf(body.photos[0]!.thumbnail_url), bearer(t['babinsa.sarongan']!))
      const small = PhotonImage.new_from_byteslice(new Uint8Array(await thumbnail.arrayBuffer()))
      expect(Math.max(small.get_width(), small.get_height())).toBe(320)

      for (const { id } of body.photos)
        for (const size of ['display', 'thumbnail'] as const) expect(await h.deps.photos.storage.get(photoKey(id, size))).not.toBeNull()
      const read = (await (await h.fetch(`/api/v1/reports/${body.id}`, bearer(t['babinsa.sarongan']!))).json()) as ReportJson
      expect(read.photos.map((p) => p.id)).toEqual(body.photos.map((p) => p.id))
      const listed = (await (await h.fetch('/api/v1/reports?limit=5', bearer(t['babinsa.sarongan']!))).json()) as { items: ReportJson[] }
      expect(listed.items.find((item) => item.id === body.id)?.photos).toHaveLength(2)
    })

    it('shows photos only to those who may see the report: 404 to another village, and for a restricted report to its neighbours', async () => {
      const { h, t } = await prepare()
      const open = await file(h, t['babinsa.sarongan']!, reportForm({ ...FIELDS, title: 'Foto terbuka' }, [{ bytes: image('jpeg') }]))
      const restricted = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, title: 'Foto terbatas', restricted: 'true' }, [{ bytes: image('webp'), type: 'image/webp' }]),
      )
      expect(restricted.response.status).toBe(201)
      const status = async (token: string, url: string) => (await h.fetch(pathOf(url), bearer(token))).status
      for (const url of [open.body.photos[0]!.url, open.body.photos[0]!.thumbnail_url]) {
        expect(await status(t['kades.sarongan.p']!, url)).toBe(200)
        expect(await status(t['kapolsek.pesanggaran']!, url)).toBe(200)
        expect(await status(t['babinsa.2002.p']!, url)).toBe(404)
        expect(await status(t['bangorejo.admin']!, url)).toBe(404)
      }
      expect(await status(t['kapolsek.pesanggaran']!, restricted.body.photos[0]!.url)).toBe(200)
      expect(await status(t['kades.sarongan.p']!, restricted.body.photos[0]!.url)).toBe(404)
      // A photo asked for under another report is not found either.
      expect(await status(t['babinsa.sarongan']!, restricted.body.photos[0]!.url.replace(restricted.body.id, open.body.id))).toBe(404)
      expect((await h.fetch(pathOf(open.body.photos[0]!.url))).status).toBe(401)
    })

    it('recognises photos by their content, not their name or declared type, and refuses the rest without keeping anything', async () => {
      const { h, t } = await prepare()
      const renamed = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, title: 'PNG bernama teks' }, [{ bytes: image('png'), name: 'catatan.txt', type: 'text/plain' }]),
      )
      expect(renamed.response.status).toBe(201)

      const before = await rowCounts(h)
      const jpegMagic = (size: number) => {
        const bytes = new Uint8Array(size).fill(0x41)
        bytes.set([0xff, 0xd8, 0xff, 0xe0])
        return bytes
      }
      // A 10000 × 10000 PNG header: refused before anything is decoded.
      const huge = image('png', 8, 8)
      new DataView(huge.buffer, huge.byteOffset).setUint32(16, 10_000)
      new DataView(huge.buffer, huge.byteOffset).setUint32(20, 10_000)
      const refusals: [string, { bytes: Uint8Array; name?: string; type?: string }[], string][] = [
        ['a script named .jpg', [{ bytes: new TextEncoder().encode('<script>alert(1)</script>'), name: 'foto.jpg' }], 'photoType'],
        ['five photos', Array.from({ length: 5 }, () => ({ bytes: image('jpeg') })), 'tooManyPhotos'],
        ['more than 10 MB together', Array.from({ length: 4 }, () => ({ bytes: jpegMagic(2_622_000) })), 'photosTooLarge'],
        ['a broken JPEG', [{ bytes: jpegMagic(5000) }], 'photoUnreadable'],
        ['100 megapixels', [{ bytes: huge, type: 'image/png' }], 'photoTooManyPixels'],
      ]
      const messages = new Set<string>()
      for (const [what, photos, _key] of refusals) {
        const { response, body } = await file(h, t['babinsa.sarongan']!, reportForm({ ...FIELDS, title: what }, photos))
        expect(response.status, what).toBe(422)
        expect(body.errors?.[0]?.path, what).toBe('photos')
        messages.add(body.errors![0]!.message)
      }
      // Each refusal says its own reason.
      expect(messages.size).toBe(refusals.length)
      expect(await rowCounts(h)).toEqual(before)

      const oversized = await h.fetch(
        '/api/v1/reports',
        bearer(t['babinsa.sarongan']!, { method: 'POST', body: reportForm(FIELDS, [{ bytes: jpegMagic(10_600_000) }]) }),
      )
      expect(oversized.status).toBe(413)
      // Read to its end, so the answer arrives whole (a reset connection would show the user nothing).
      expect(oversized.headers.get('Connection')).not.toBe('close')
      expect(((await oversized.json()) as { title: string }).title).toMatch(/10 MB/)
      expect(await rowCounts(h)).toEqual(before)
    })

    it('answers a retry with its photos with the stored report, and refuses the same key with other photos', async () => {
      const { h, t } = await prepare()
      const clientId = crypto.randomUUID()
      const photo = image('jpeg', 40, 30)
      const first = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, title: 'Dengan kunci', client_id: clientId }, [{ bytes: photo }]),
      )
      expect(first.response.status).toBe(201)
      const before = await rowCounts(h)
      const again = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, title: 'Dengan kunci', client_id: clientId }, [{ bytes: photo }]),
      )
      expect(again.response.status).toBe(200)
      expect(again.body.id).toBe(first.body.id)
      expect(again.body.photos.map((p) => p.id)).toEqual(first.body.photos.map((p) => p.id))
      const other = await file(
        h,
        t['babinsa.sarongan']!,
        reportForm({ ...FIELDS, title: 'Dengan kunci', client_id: clientId }, [{ bytes: image('jpeg', 41, 30) }]),
      )
      expect(other.response.status).toBe(409)
      const none = await file(h, t['babinsa.sarongan']!, reportForm({ ...FIELDS, title: 'Dengan kunci', client_id: clientId }, []))
      expect(none.response.status).toBe(409)
      expect(await rowCounts(h)).toEqual(before)
    })

    it('takes photos with a comment (photos alone too) through the API and the page, and shows who added them', async () => {
      const { h, t } = await prepare()
      const { body: filed } = await file(h, t['babinsa.sarongan']!, reportForm({ ...FIELDS, title: 'Untuk komentar' }, []))
      const comment = await h.fetch(
        `/api/v1/reports/${filed.id}/events`,
        bearer(t['kapolsek.pesanggaran']!, {
          method: 'POST',
          body: reportForm({ type: 'comment' }, [{ bytes: image('jpeg') }, { bytes: image('png') }]),
        }),
      )
      expect(comment.status).toBe(201)
      const withComment = (await comment.json()) as ReportJson
      expect(withComment.timeline.at(-1)).toMatchObject({ type: 'comment', note: '' })
      expect(withComment.timeline.at(-1)!.photos).toHaveLength(2)
      expect(withComment.photos).toHaveLength(0)

      const empty = await h.fetch(
        `/api/v1/reports/${filed.id}/events`,
        bearer(t['kapolsek.pesanggaran']!, { method: 'POST', body: reportForm({ type: 'comment' }, []) }),
      )
      expect(empty.status).toBe(422)
      expect(((await empty.json()) as ReportJson).errors?.[0]?.path).toBe('note')
      const statusWithPhoto = await h.fetch(
        `/api/v1/reports/${filed.id}/events`,
        bearer(t['kapolsek.pesanggaran']!, {
          method: 'POST',
          body: reportForm({ type: 'status', status: 'acknowledged', note: 'Diterima', version: '1' }, [{ bytes: image('jpeg') }]),
        }),
      )
      expect(statusWithPhoto.status).toBe(422)

      const { jar, headers } = await signIn(h, 'babinsa.sarongan')
      const page = await h.fetch(`/reports/${filed.id}`, { headers: headers() })
      const form = reportForm({ _csrf: csrfTokenIn(await page.text()), type: 'comment', note: 'Foto lokasi terbaru.' }, [
        { bytes: fixturePhoto() },
      ])
      const posted = await h.fetch(`/reports/${filed.id}/events`, { method: 'POST', body: form, headers: headers() })
      expect(posted.status).toBe(303)
      const html = await (await h.fetch(`/reports/${filed.id}`, { headers: { Cookie: jar.header() } })).text()
      expect(html).toContain('Kapolsek menambahkan 2 foto')
      expect(html).toContain('Babinsa menambahkan 1 foto')
      expect(html).toMatch(new RegExp(`<img src="/reports/${filed.id}/photos/[0-9a-f-]{36}/thumbnail"`))
      expect(photoCounts(await auditTrail(h.deps, 'report', filed.id))).toEqual([
        ['report.file', 0],
        ['report.comment', 2],
        ['report.comment', 1],
      ])
    })

    it('files from the plain form (no script) with a photo, and re-shows the form with the reason when a photo is refused', async () => {
      const { h } = await prepare()
      const { jar, headers } = await signIn(h, 'babinsa.sarongan')
      const formPage = await (await h.fetch('/reports/new', { headers: headers() })).text()
      expect(formPage).toContain('enctype="multipart/form-data"')
      const fields = {
        _csrf: csrfTokenIn(formPage),
        client_id: crypto.randomUUID(),
        alert_level: 'siaga',
        category: 'social_conflict',
        title: 'Dari formulir biasa',
        description: 'Tanpa JavaScript, dengan foto.',
        occurred_at: '2026-11-20T08:00',
      }
      const before = await rowCounts(h)
      const refused = await h.fetch('/reports', {
        method: 'POST',
        body: reportForm(fields, [{ bytes: new TextEncoder().encode('bukan foto'), name: 'foto.jpg' }]),
        headers: headers(),
      })
      expect(refused.status).toBe(422)
      const reshown = await refused.text()
      expect(reshown).toContain('Foto harus berupa gambar JPEG, PNG, atau WebP.')
      expect(reshown).toContain('Tanpa JavaScript, dengan foto.')
      expect(await rowCounts(h)).toEqual(before)

      const filed = await h.fetch('/reports', { method: 'POST', body: reportForm(fields, [{ bytes: fixturePhoto() }]), headers: headers() })
      expect(filed.status).toBe(303)
      const location = filed.headers.get('Location')!
      const html = await (await h.fetch(location, { headers: { Cookie: jar.header() } })).text()
      const src = /<img src="(\/reports\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36})\/thumbnail"/.exec(html)?.[1]
      expect(src).toBeDefined()
      const display = await h.fetch(src!, { headers: { Cookie: jar.header() } })
      expect(display.status).toBe(200)
      expect(hasExif(new Uint8Array(await display.arrayBuffer()))).toBe(false)
      // The photo page of another village's report does not exist for this user.
      const { headers: otherHeaders } = await signIn(h, 'babinsa.2002.p')
      expect((await h.fetch(src!, { headers: otherHeaders() })).status).toBe(404)
    })

    it('lets the page script use the browser session for filing, with the page’s CSRF token in a header, and nowhere else', async () => {
      const { h } = await prepare()
      const { jar, headers } = await signIn(h, 'babinsa.sarongan')
      const token = csrfTokenIn(await (await h.fetch('/reports/new', { headers: headers() })).text())
      const body = () => reportForm({ ...FIELDS, title: 'Dari skrip halaman' }, [{ bytes: image('jpeg') }])
      const cookie = { Cookie: jar.header() }
      expect((await h.fetch('/api/v1/reports', { method: 'POST', body: body(), headers: cookie })).status).toBe(401)
      expect(
        (await h.fetch('/api/v1/reports', { method: 'POST', body: body(), headers: { ...cookie, 'X-CSRF-Token': 'x'.repeat(43) } })).status,
      ).toBe(401)
      expect((await h.fetch('/api/v1/me', { headers: { ...cookie, 'X-CSRF-Token': token } })).status).toBe(401)
      const filed = await h.fetch('/api/v1/reports', { method: 'POST', body: body(), headers: { ...cookie, 'X-CSRF-Token': token } })
      expect(filed.status).toBe(201)
      // Signed out, the same token opens nothing.
      await h.fetch('/logout', { method: 'POST', body: new URLSearchParams({ _csrf: token }), headers: headers() })
      expect(
        (await h.fetch('/api/v1/reports', { method: 'POST', body: body(), headers: { ...cookie, 'X-CSRF-Token': token } })).status,
      ).toBe(401)
    })
  })
}

/** Each audit entry's action with the photos it counts. */
function photoCounts(trail: AuditEntry[]): [string, number][] {
  return trail.map((entry) => [entry.action, (JSON.parse(entry.after_json ?? '{}') as { photos?: number }).photos ?? 0])
}
