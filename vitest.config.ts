import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig } from 'vitest/config'
import { buildClient } from './scripts/build-client.ts'
import { idnAreaSource } from './src/entry/idn-area-source.ts'

// The tests serve the page script and service worker as they are now in src/client.
await buildClient()

const migrationsDir = fileURLToPath(new URL('./db/migrations', import.meta.url))

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', include: ['test/node/**/*.test.{ts,tsx}'], env: { TZ: 'UTC' }, testTimeout: 60_000, hookTimeout: 60_000 },
      },
      {
        // The flows that turn local times into instants again, on a host far from Indonesia:
        // nothing may depend on the server's own zone.
        test: {
          name: 'node-new-york',
          include: [
            'test/node/meeting-flows.test.ts',
            'test/node/report-flows.test.ts',
            'test/node/calendar-flows.test.ts',
            'test/node/notification-flows.test.ts',
            'test/node/notification-rules.test.ts',
          ],
          env: { TZ: 'America/New_York' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/entry/worker.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                // The same migration files and region rows the Node project uses.
                TEST_MIGRATIONS: await readD1Migrations(migrationsDir),
                TEST_REGIONS: await idnAreaSource.regency('35.10'),
                TEST_PHOTO: readFileSync(new URL('./test/fixtures/gps-photo.jpg', import.meta.url)).toString('base64'),
                SETUP_TOKEN: 'setup-token-for-tests-only-0123456789',
                PUBLIC_URL: 'https://tigapilar.test',
                LOG_FORMAT: 'off',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.{ts,tsx}'],
          // Stand-ins for push, WhatsApp and webhooks, real HTTP on loopback.
          globalSetup: ['test/workers/outside-world-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
})
