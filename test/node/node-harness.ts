import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll } from 'vitest'
import type { NotificationChannels } from '../../src/channels/channel-config.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeApp } from '../../src/entry/node-app.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { type Fixtures, seedBanyuwangi } from '../flows/harness.ts'
import type { ClockedHarness } from '../flows/report-flows.ts'

/**
 * A fresh SQLite file per test file, migrated and seeded, behind a real @hono/node-server (as behind
 * one trusted proxy: `X-Forwarded-For` names the client)
 * listening on a random loopback port. The clock is real until a flow sets it.
 */
export function nodeHarness(options: { channels?: () => Promise<NotificationChannels> } = {}): () => { h: ClockedHarness; f: Fixtures } {
  let state: { h: ClockedHarness; f: Fixtures } | undefined
  let cleanup = async () => {}
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigapilar-test-'))
    let now: Date | undefined
    const deps = {
      ...nodeDeps({
        dbFile: join(dir, 'test.sqlite'),
        proxyHops: 1,
        publicUrl: 'https://tigapilar.test',
        channels: await options.channels?.(),
      }),
      clock: () => now ?? new Date(),
    }
    const f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
    const server = serve({ fetch: nodeApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const fetchPath = (path: string, init?: RequestInit) => fetch(base + path, { redirect: 'manual', ...init })
    state = { h: { deps, fetch: fetchPath, setNow: (instant) => (now = instant) }, f }
    cleanup = async () => {
      await new Promise((resolve) => server.close(resolve))
      await deps.handle.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
  afterAll(() => cleanup())
  return () => {
    if (!state) throw new Error('harness not ready')
    return state
  }
}
