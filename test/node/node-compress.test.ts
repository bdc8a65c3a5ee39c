import { get } from 'node:http'
import { gunzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { acceptedEncoding } from '../../src/entry/node-compress.ts'
import { nodeHarness } from './node-harness.ts'

const setup = nodeHarness()

describe('compression on the Node server', () => {
  it('picks gzip, then deflate, as the client weighs them', () => {
    expect(acceptedEncoding('gzip, deflate, br')).toBe('gzip')
    expect(acceptedEncoding('deflate, gzip;q=0')).toBe('deflate')
    expect(acceptedEncoding('br, *;q=0.1')).toBe('gzip')
    expect(acceptedEncoding('identity')).toBeUndefined()
    expect(acceptedEncoding('gzip;q=0, deflate;q=0')).toBeUndefined()
    expect(acceptedEncoding(undefined)).toBeUndefined()
  })

  it('leaves an answer under 1 KB as it is, with its length, and compresses a larger one whole', async () => {
    const { h } = setup()
    const small = await h.fetch('/healthz', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(small.headers.get('Content-Encoding')).toBeNull()
    expect(small.headers.get('Content-Length')).toBe(String(JSON.stringify({ status: 'ok', database: 'ok' }).length))
    expect(small.headers.get('Vary')).toMatch(/Accept-Encoding/)
    expect(await small.json()).toEqual({ status: 'ok', database: 'ok' })

    const page = await h.fetch('/login', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(page.headers.get('Content-Encoding')).toBe('gzip')
    expect(page.headers.get('Vary')).toMatch(/Accept-Encoding/)
    const html = await page.text()
    expect(html).toContain('</html>')
    expect(html.length).toBeGreaterThan(1024)
  })

  it('sends gzip bytes a client without automatic decoding can read', async () => {
    const { h } = setup()
    // The server's address, from an answer's own URL.
    const url = new URL('/assets/app.css', (await h.fetch('/healthz')).url)
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      get(url, { headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }))
      }).on('error', reject)
    })
    expect(raw.encoding).toBe('gzip')
    expect(gunzipSync(raw.body).toString()).toContain('{')
  })
})
