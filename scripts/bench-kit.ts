// What the benchmark scripts share: the app behind a real HTTP server (compressing, as the Node server does) with a signed-in token, and
// their results printed as a table.
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Deps } from '../src/deps.ts'
import { nodeApp } from '../src/entry/node-app.ts'

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

/** Prints rows of [what, value, ratio or note] as an aligned table, with the Node version and time. */
export function printTable(header: [string, string, string], rows: [string, string, string][]): void {
  const width = Math.max(header[0].length, ...rows.map((row) => row[0].length))
  const valueWidth = Math.max(header[1].length, ...rows.map((row) => row[1].length))
  console.log(`\n${header[0].padEnd(width)} | ${header[1].padStart(valueWidth)} | ${header[2]}`)
  console.log(`${'-'.repeat(width)}-|-${'-'.repeat(valueWidth)}-|-${'-'.repeat(header[2].length)}`)
  for (const [what, value, note] of rows) console.log(`${what.padEnd(width)} | ${value.padStart(valueWidth)} | ${note}`)
  console.log(`\n(Node ${process.version}, ${new Date().toISOString()})`)
}
