import { applyD1Migrations } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { createApp } from '../../src/app.tsx'
import { type NotificationChannels, readChannelConfig } from '../../src/channels/channel-config.ts'
import { openD1 } from '../../src/db/d1.ts'
import type { Deps } from '../../src/deps.ts'
import { createPasswordHasher } from '../../src/domain/passwords.ts'
import { r2PhotoStorage } from '../../src/entry/r2-photo-storage.ts'
import { nodeScrypt } from '../../src/entry/scrypt.ts'
import { consoleLogger } from '../../src/http/request-log.ts'
import { preparePhoto } from '../../src/photos/prepare-photo.ts'
import { type Fixtures, type Harness, prepared, seedBanyuwangi } from '../flows/harness.ts'

import type { ClockedHarness } from '../flows/report-flows.ts'

/** This file's local D1 with the migrations applied, and deps over it. */
export async function migratedDeps(clock: () => Date = () => new Date(), channels = readChannelConfig({})): Promise<Deps> {
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
  return {
    ...openD1(env.DB),
    clock,
    passwords: createPasswordHasher(nodeScrypt),
    clientAddress: () => 'test',
    publicUrl: 'https://tigapilar.test',
    log: consoleLogger('off'),
    channels,
    photos: { storage: r2PhotoStorage(env.PHOTOS), prepare: async (bytes) => preparePhoto(bytes) },
  }
}

/** Requests through the Worker's own entry (its default export), as a deployment receives them. */
export function entryHarness(deps: Deps): Harness {
  return { deps, fetch: (path, init) => exports.default.fetch(`https://tigapilar.test${path}`, { redirect: 'manual', ...init }) }
}

/**
 * The app inside workerd over this file's local D1, built with a clock the flows can set (the
 * hotspot, deadline and overdue rules need a fixed "now"). The Worker's own entry is covered
 * by foundation-flows.
 */
export function workersClockedHarness(
  options: { channels?: () => Promise<NotificationChannels> } = {},
): () => { h: ClockedHarness; f: Fixtures } {
  return prepared(async () => {
    let now: Date | undefined
    const deps = await migratedDeps(() => now ?? new Date(), await options.channels?.())
    const f = await seedBanyuwangi(deps, env.TEST_REGIONS)
    const app = createApp(deps)
    const h: ClockedHarness = {
      deps,
      fetch: async (path, init) => app.fetch(new Request(`https://tigapilar.test${path}`, { redirect: 'manual', ...init }), env),
      setNow: (instant) => (now = instant),
    }
    return { h, f }
  })
}
