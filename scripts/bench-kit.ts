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
