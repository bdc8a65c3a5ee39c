import type { D1Migration } from '@cloudflare/vitest-pool-workers'
import type { NewRegion } from '../../src/db/schema.ts'

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database
      PHOTOS: R2Bucket
      SETUP_TOKEN?: string
      PUBLIC_URL: string
      LOG_FORMAT?: string
      TEST_MIGRATIONS: D1Migration[]
      TEST_REGIONS: NewRegion[]
      TEST_PHOTO: string
    }
    interface GlobalProps {
      mainModule: typeof import('../../src/entry/worker.ts')
    }
  }
}
