// What the benchmark scripts share: the app behind a real HTTP server (compressing, as the Node server does) with a signed-in token, and
// their results printed as a table.
import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { serve } from '@hono/node-server'
import type { Deps } from '../src/deps.ts'
import { nodeApp } from '../src/entry/node-app.ts'
import { ask } from './bench-client.ts'

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

/**
 * Latencies of `rounds` requests to `url`, asked by a process of its own (scripts/bench-probe.ts), as
 * real clients ask: this process then measures the server alone, without its own client's parsing
 * and garbage on the same event loop. Paced as `pacedLatencies`, or back to back.
 */
export async function probedLatencies(
  url: string,
  init: { headers: Record<string, string> },
  rounds: number,
  pacing: 'paced' | 'back-to-back' = 'paced',
): Promise<number[]> {
  const probe = join(import.meta.dirname, 'bench-probe.ts')
  const { stdout } = await promisify(execFile)(process.execPath, [probe, url, JSON.stringify(init.headers), String(rounds), pacing])
  return JSON.parse(stdout) as number[]
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
