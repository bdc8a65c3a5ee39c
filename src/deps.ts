import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { NotificationChannels } from './channels/channel-config.ts'
import type { AtomicWrite } from './db/atomic.ts'
import type { Database, NewRegion } from './db/schema.ts'
import type { PasswordHasher } from './domain/passwords.ts'
import type { Logger } from './http/request-log.ts'
import type { PhotoStorage } from './photos/photo-storage.ts'
import type { PhotoPreparer } from './photos/prepare-photo.ts'

/** Where the official region tables can be read from (Node: the idn-area-data package). */
export interface RegionSource {
  /** The province, regency, districts and villages of one regency; empty for an unknown code. */
  regency(code: string): Promise<NewRegion[]>
  /** Every regency of the country, for choosing a home regency before anything is imported. */
  regencies(): Promise<NewRegion[]>
}

/** Everything the app needs from its runtime. Each entry (Node, Workers, tests) builds one. */
export interface Deps {
  db: Kysely<Database>
  atomic: AtomicWrite
  /**
   * Where heavy reads (dashboards, exports, compliance) run without holding other requests:
   * reader threads on Node. Absent where every query is asynchronous anyway (D1).
   */
  readerDb?: Kysely<Database>
  /**
   * The main connection again, each query in a turn of the event loop of its own: for expensive
   * work made of many short reads (dashboards), where a hop to a reader thread per query would
   * cost more than the query. Absent where every query is asynchronous anyway (D1).
   */
  turnTakingDb?: Kysely<Database>
  /** The current time; tests pass a fixed clock. */
  clock: () => Date
  passwords: PasswordHasher
  /**
   * The address people use to reach the app, without a trailing slash (`PUBLIC_URL`). Every
   * absolute link (calendar feeds, tokens) is built from it, never from the request's Host; an
   * https one makes cookies Secure.
   */
  publicUrl: string
  /** The client address used for login throttling. */
  clientAddress: (c: Context) => string
  /** Present where the region tables can be imported at run time (not on Workers). */
  regionSource?: RegionSource
  /** A setup secret from configuration (Workers: `wrangler secret put SETUP_TOKEN`). */
  setupToken?: string
  /** Where request lines and errors go (`LOG_FORMAT`). */
  log: Logger
  /** The external channels notifications go out on (Web Push, WhatsApp); missing ones are off. */
  channels: NotificationChannels
  /**
   * Report photos: where their files are kept (a directory on Node, R2 on Workers) and how an
   * upload is made ready to keep (metadata removed, resized; off the request thread on Node).
   */
  photos: { storage: PhotoStorage; prepare: PhotoPreparer }
}

/** What a domain write needs: the database, its atomic unit, and the clock for timestamps. */
export type WriteDeps = Pick<Deps, 'db' | 'atomic' | 'clock'>
