import { dirname, join } from 'node:path'
import { getConnInfo } from '@hono/node-server/conninfo'
import { readChannelConfig } from '../channels/channel-config.ts'
import type { NodeConfig } from '../config.ts'
import { migrate } from '../db/migrate.ts'
import { openSqlite, type SqliteHandle } from '../db/sqlite.ts'
import { openSqliteReader } from '../db/sqlite-reader.ts'
import type { Deps } from '../deps.ts'
import { createPasswordHasher } from '../domain/passwords.ts'
import { forwardedClient } from '../http/client-address.ts'
import { consoleLogger } from '../http/request-log.ts'
import { directoryPhotoStorage } from './directory-photo-storage.ts'
import { idnAreaSource } from './idn-area-source.ts'
import { nodePhotoPreparer } from './node-photo-preparer.ts'
import { nodeScrypt } from './scrypt.ts'

// This machine class has two cores: two readers keep one for the main thread's own work.
const READER_THREADS = 2

/** Opens and migrates the SQLite database and assembles the app's dependencies on Node. */
export function nodeDeps(
  config: Pick<NodeConfig, 'dbFile' | 'proxyHops' | 'publicUrl'> & Partial<Pick<NodeConfig, 'logFormat' | 'channels' | 'photoDir'>>,
): Deps & { handle: SqliteHandle } {
  const opened = openSqlite(config.dbFile)
  migrate(opened.sqlite)
  // An in-memory database cannot be shared with other threads: heavy reads stay on this one.
  const reader = config.dbFile === ':memory:' ? undefined : openSqliteReader(config.dbFile, READER_THREADS)
  const prepare = nodePhotoPreparer()
  const handle = { ...opened, close: async () => void (await Promise.all([opened.close(), reader?.close(), prepare.close()])) }
  return {
    handle,
    db: handle.db,
    readerDb: reader?.db,
    turnTakingDb: handle.turnTakingDb,
    atomic: handle.atomic,
    clock: () => new Date(),
    publicUrl: config.publicUrl,
    passwords: createPasswordHasher(nodeScrypt),
    regionSource: idnAreaSource,
    // Without a format (the CLI, tests) request lines stay off; errors print regardless.
    log: consoleLogger(config.logFormat ?? 'off'),
    channels: config.channels ?? readChannelConfig({}),
    photos: { storage: directoryPhotoStorage(config.photoDir ?? join(dirname(config.dbFile), 'photos')), prepare },
    clientAddress: (c) => {
      return forwardedClient(c.req.header('X-Forwarded-For'), config.proxyHops) ?? getConnInfo(c).remote.address ?? 'unknown'
    },
  }
}
