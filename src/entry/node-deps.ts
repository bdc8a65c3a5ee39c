import { getConnInfo } from '@hono/node-server/conninfo'
import type { NodeConfig } from '../config.ts'
import { migrate } from '../db/migrate.ts'
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts'
import type { Deps } from '../deps.ts'
import { createPasswordHasher } from '../domain/passwords.ts'
import { forwardedClient } from '../http/client-address.ts'
import { idnAreaSource } from './idn-area-source.ts'
import { nodeScrypt } from './scrypt.ts'

/** Opens and migrates the SQLite database and assembles the app's dependencies on Node. */
export function nodeDeps(config: Pick<NodeConfig, 'dbFile' | 'proxyHops' | 'publicUrl'>): Deps & { handle: SqliteHandle } {
  const handle = openSqlite(config.dbFile)
  migrate(handle.sqlite)
  return {
    handle,
    db: handle.db,
    atomic: handle.atomic,
    clock: () => new Date(),
    publicUrl: config.publicUrl,
    passwords: createPasswordHasher(nodeScrypt),
    regionSource: idnAreaSource,
    clientAddress: (c) => {
      return forwardedClient(c.req.header('X-Forwarded-For'), config.proxyHops) ?? getConnInfo(c).remote.address ?? 'unknown'
    },
  }
}
