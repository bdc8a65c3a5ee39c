import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { nodeHarness } from './node-harness.ts'

const setup = nodeHarness()

/** POSTs `chunks` × 10 kB without Content-Length (chunked) and resolves with the status, whenever the server answers. */
function streamedPost(base: string, path: string, chunks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base)
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, (response) => {
      response.resume()
      resolve(response.statusCode ?? 0)
    })
    // The server may close the connection once it has answered: the answer is what counts.
    req.on('error', (error) => (req.writableEnded ? undefined : reject(error)))
    let sent = 0
    const pump = () => {
      while (sent < chunks) {
        sent++
        if (!req.write('a'.repeat(10_000))) return req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

describe('body limits on Node', () => {
  it('answers a streamed oversized body with 413: read to its end up to 16 MB, while the client is still sending beyond', async () => {
    const { h } = setup()
    const base = (await h.fetch('/healthz')).url
    expect(await streamedPost(base, '/login', 500)).toBe(413)
    expect(await streamedPost(base, '/api/v1/auth/login', 500)).toBe(413)
    expect(await streamedPost(base, '/api/v1/auth/login', 2500)).toBe(413)
    // A streamed body within the limit is read as usual (and refused here for its missing CSRF token).
    expect(await streamedPost(base, '/login', 2)).toBe(403)
  })
})
