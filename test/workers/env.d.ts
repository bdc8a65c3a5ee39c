import type { D1Migration } from '@cloudflare/vitest-pool-workers'
import type { NewRegion } from '../../src/db/schema.ts'

declare module 'cloudflare:test' {
  interface ProvidedEnv {
    DB: D1Database
    TEST_MIGRATIONS: D1Migration[]
    TEST_REGIONS: NewRegion[]
  }
}
