import { env } from 'cloudflare:workers'
import { issueApiToken } from '../../src/domain/api-tokens.ts'
import { prepared, seedBanyuwangi } from '../flows/harness.ts'
import { requestLogFlows } from '../flows/request-log-flows.ts'
import { migratedDeps } from './harness.ts'

requestLogFlows(
  prepared(async () => {
    const deps = await migratedDeps()
    const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
    return { deps, f, token: await issueApiToken(deps, f.reporter, 'log test', null) }
  }),
)
