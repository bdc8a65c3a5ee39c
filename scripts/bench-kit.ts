// What the benchmark scripts share: the app behind a real HTTP server (compressing, as the Node server does) with a signed-in token, and
// their results printed as a table.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Deps } from '../src/deps.ts'
import { nodeApp } from '../src/entry/node-app.ts'

export { printTable } from './print-table.ts'

/** The app on a loopback port, and a bearer token of `username`. */
export async function servedApp(deps: Deps, username: string, password: string) {
  const server = serve({ fetch: nodeApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
  await new Promise((resolve) => server.once('listening', resolve))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  const { token } = (await login.json()) as { token: string }
  return { base, token, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** fetch, once more if the connection was reset (a kept-alive socket the server closed meanwhile, as after a wrk run). */
export async function ask(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch {
    return await fetch(url, init)
  }
}

/**
 * Latencies of `rounds` sequential requests, paced (a pause as long as the answer took) to stay within
 * the per-user budget of expensive requests; a 429 waits its `Retry-After` and does not count.
 */
export async function pacedLatencies(url: string, init: RequestInit, rounds: number): Promise<number[]> {
  const samples: number[] = []
  while (samples.length < rounds) {
    const begun = performance.now()
    const response = await ask(url, init)
    await response.arrayBuffer()
    const took = performance.now() - begun
    if (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Number(response.headers.get('Retry-After') ?? 1)))
      continue
    }
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
    samples.push(took)
    await new Promise((resolve) => setTimeout(resolve, took + 5))
  }
  return samples
}

/** The `p` quantile (0–1) of samples. */
export function percentile(samples: number[], p: number): number {
  return [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(samples.length * p))]!
}

/**
 * A download read as it streams: when its first byte came and its last, how many bytes and lines,
 * and how far this process's memory rose meanwhile (sampled every 10 ms).
 */
export async function measuredDownload(url: string, init: RequestInit) {
  const rssBefore = process.memoryUsage().rss
  let rssPeak = rssBefore
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 10)
  const started = performance.now()
  const reader = (await ask(url, init)).body!.getReader()
  let firstByte = 0
  let lines = 0
  let bytes = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!firstByte) firstByte = performance.now() - started
    bytes += value.length
    for (const byte of value) if (byte === 10) lines++
  }
  const total = performance.now() - started
  clearInterval(sampler)
  return { firstByte, total, bytes, lines, rssRise: rssPeak - rssBefore }
}
