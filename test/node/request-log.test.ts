import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { issueApiToken } from '../../src/domain/api-tokens.ts'
import { idnAreaSource } from '../../src/entry/idn-area-source.ts'
import { nodeDeps } from '../../src/entry/node-deps.ts'
import { prepared, seedBanyuwangi } from '../flows/harness.ts'
import { requestLogFlows } from '../flows/request-log-flows.ts'

const dir = mkdtempSync(join(tmpdir(), 'tigapilar-log-'))
let close = async () => {}
afterAll(async () => {
  await close()
  rmSync(dir, { recursive: true, force: true })
})

requestLogFlows(
  prepared(async () => {
    const deps = nodeDeps({ dbFile: join(dir, 'log.sqlite'), proxyHops: 0, publicUrl: 'https://tigapilar.test' })
    close = () => deps.handle.close()
    const f = await seedBanyuwangi(deps, await idnAreaSource.regency('35.10'))
    return { deps, f, token: await issueApiToken(deps, f.reporter, 'log test', null) }
  }),
)
