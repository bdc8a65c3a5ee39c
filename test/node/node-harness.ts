import { serve } from '@hono/node-server'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../src/app.tsx'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { type Fixtures, type Harness, seedBanyuwangi } from '../flows/harness.ts'

/**
 * A fresh SQLite file per test file, migrated and seeded, behind a real @hono/node-server
 * listening on a random loopback port.
 */
export function nodeHarness(): () => { h: Harness; f: Fixtures } {
  let state: { h: Harness; f: Fixtures } | undefined
  let cleanup = async () => {}
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigapilar-test-'))
    const deps = nodeDeps({ dbFile: join(dir, 'test.sqlite'), trustProxy: false })
    const f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
    const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' })
    await new Promise((resolve) => server.once('listening', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    state = { h: { deps, fetch: (path, init) => fetch(base + path, { redirect: 'manual', ...init }) }, f }
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
