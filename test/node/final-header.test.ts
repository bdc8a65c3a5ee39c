import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { changeFinalHeaders } from '../../src/http/final-header.ts'
import { nodeHarness } from './node-harness.ts'

const setup = nodeHarness()

describe('headers set after the handler', () => {
  it('the Node server says Vary: Accept-Encoding on every text answer, compressed or not, and not on images', async () => {
    const { h } = setup()
    const accepting = await h.fetch('/assets/app.css', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(accepting.headers.get('Content-Encoding')).toBe('gzip')
    expect(accepting.headers.get('Vary')).toMatch(/Accept-Encoding/)
    expect(await accepting.text()).toContain('{')

    const plain = await h.fetch('/assets/app.css', { headers: { 'Accept-Encoding': 'identity' } })
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(plain.headers.get('Vary')).toMatch(/Accept-Encoding/)

    const json = await h.fetch('/healthz', { headers: { 'Accept-Encoding': 'identity' } })
    expect(json.headers.get('Vary')).toBe('Accept-Language, Cookie, Accept-Encoding')

    const icon = await h.fetch('/assets/icon-192.png', { headers: { 'Accept-Encoding': 'gzip' } })
    expect(icon.headers.get('Content-Type')).toBe('image/png')
    expect(icon.headers.get('Vary') ?? '').not.toMatch(/Accept-Encoding/)
  })

  it('sets them on an answer whose own headers are immutable too (a fetched one)', async () => {
    const { h } = setup()
    const app = new Hono()
      .use(async (c, next) => {
        await next()
        changeFinalHeaders(c, (headers) => {
          headers.set('X-Seen', 'yes')
          headers.append('Vary', 'Cookie')
        })
      })
      .get('/fetched', () => h.fetch('/healthz', { headers: { 'Accept-Encoding': 'identity' } }))
      .get('/made', (c) => c.text('made', 200, { Vary: 'Accept-Language' }))
    const fetched = await h.fetch('/healthz')
    expect(() => fetched.headers.set('X-Seen', 'yes')).toThrow(TypeError)

    const relayed = await app.request('/fetched')
    expect(relayed.headers.get('X-Seen')).toBe('yes')
    expect(relayed.headers.get('Vary')).toBe('Accept-Language, Cookie, Accept-Encoding, Cookie')
    expect(await relayed.json()).toEqual({ status: 'ok', database: 'ok' })
    const made = await app.request('/made')
    expect(made.headers.get('X-Seen')).toBe('yes')
    expect(made.headers.get('Vary')).toBe('Accept-Language, Cookie')
    expect(await made.text()).toBe('made')
  })
})
