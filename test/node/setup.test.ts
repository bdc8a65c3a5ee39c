import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { createApp } from '../../src/app.tsx'
import { openSetup } from '../../src/domain/setup.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import type { Harness } from '../flows/harness.ts'
import { setupFlows } from '../flows/setup-flows.ts'

// As `npm start` does on an empty database: open setup, then the regency is imported on submit.
let state: { h: Harness; token: string } | undefined
const dir = mkdtempSync(join(tmpdir(), 'tigapilar-setup-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeAll(async () => {
  const deps = {
    ...nodeDeps({ dbFile: join(dir, 'setup.sqlite'), proxyHops: 0, publicUrl: 'https://tigapilar.test' }),
    clientAddress: () => 'test',
  }
  const token = (await openSetup(deps))!
  const app = createApp(deps)
  state = { h: { deps, fetch: async (path, init) => app.request(path, { redirect: 'manual', ...init }) }, token }
})

setupFlows(() => state!)
