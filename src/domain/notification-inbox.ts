import { sql } from 'kysely'
import { jsonList } from '../db/chunks.ts'
import type { NotificationKind, User } from '../db/schema.ts'
import type { Deps, WriteDeps } from '../deps.ts'
import type { Language } from '../i18n/index.ts'
import { writeAudited } from './audit.ts'
import { decodeCursor, encodeCursor, olderThan } from './keyset-cursor.ts'
import { notificationMessage } from './notification-messages.ts'
import { type Actor, NOT_FOUND, reportsVisibleTo } from './permissions.ts'

/** One inbox entry, worded for its reader. */
export interface InboxItem {
  id: string
  kind: NotificationKind
  title: string
  body: string
  /** The report or meeting it is about, absolute (`PUBLIC_URL`). */
  url: string
  created_at: string
  read_at: string | null
}

const REPORT_KINDS: NotificationKind[] = ['report.filed', 'report.overdue', 'report.updated']

/**
 * The viewer's notifications, with the report visibility rule applied as they are read: news of a
 * report the viewer may no longer see (moved to another village, say) is not shown.
 */
function inboxQuery(deps: Pick<Deps, 'db'>, viewer: Actor) {
  return deps.db
    .selectFrom('notifications')
    .innerJoin('notification_events', 'notification_events.id', 'notifications.event_id')
    .where('notifications.user_id', '=', viewer.id)
    .where((eb) =>
      eb.or([
        eb('notification_events.kind', 'not in', REPORT_KINDS),
        eb.exists(
          eb
            .selectFrom('reports')
            .select(sql`1`.as('one'))
            .whereRef('reports.id', '=', 'notification_events.subject_id')
            .where(reportsVisibleTo(viewer)),
        ),
      ]),
    )
}

// What an inbox entry is worded from.
const INBOX_COLUMNS = [
  'notifications.id',
  'notifications.created_at',
  'notifications.read_at',
  'notification_events.kind',
  'notification_events.params_json',
  'notification_events.restricted',
  'notification_events.region_code',
] as const

/** A page of the viewer's inbox, newest first. */
export async function listNotifications(
  deps: Pick<Deps, 'db' | 'publicUrl'>,
  viewer: Actor,
  lang: Language,
  options: { unread?: boolean; cursor?: string; limit?: number },
): Promise<{ items: InboxItem[]; next_cursor: string | null }> {
  const limit = options.limit ?? 50
  const cursor = options.cursor ? decodeCursor(options.cursor) : undefined
  const rows = await inboxQuery(deps, viewer)
    .select(INBOX_COLUMNS)
    .$if(options.unread === true, (qb) => qb.where('notifications.read_at', 'is', null))
    .$if(cursor !== undefined, (qb) => qb.where(olderThan('notifications.created_at', 'notifications.id', cursor!)))
    .orderBy('notifications.created_at', 'desc')
    .orderBy('notifications.id', 'desc')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit).map((row) => {
    const message = notificationMessage(row, lang, { external: false, recipientId: viewer.id })
    return {
      id: row.id,
      kind: row.kind,
      title: message.title,
      body: message.body,
      url: deps.publicUrl + message.path,
      created_at: row.created_at,
      read_at: row.read_at,
    }
  })
  const last = items[items.length - 1]
  return { items, next_cursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null }
}

/**
 * How many of the viewer's notifications are unread, counted up to `cap`: the header of every page
 * shows it ("99+" beyond), so a reviewer with years of unread alerts costs no more than one with a
 * hundred.
 */
export async function unreadCount(deps: Pick<Deps, 'db'>, viewer: Actor, cap = 100): Promise<number> {
  const row = await deps.db
    .selectFrom(inboxQuery(deps, viewer).where('notifications.read_at', 'is', null).select('notifications.id').limit(cap).as('unread'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Marks some of the viewer's notifications read (ids of others are ignored: one marks only one's
 * own), or all of them.
 */
export async function markRead(deps: WriteDeps, viewer: Pick<User, 'id'>, which: { ids: string[] } | { all: true }): Promise<void> {
  if ('ids' in which && which.ids.length === 0) return
  await writeAudited(deps, viewer, { action: 'notification.read', entityType: 'user', entityId: viewer.id, after: which }, (now) =>
    deps.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('user_id', '=', viewer.id)
      .where('read_at', 'is', null)
      .$if('ids' in which, (qb) => qb.where('id', 'in', jsonList('ids' in which ? which.ids : [])))
      .compile(),
  )
}

/** Opens one of the viewer's notifications: marks it read and says where it leads; 404 for anyone else's. */
export async function openNotification(deps: WriteDeps, viewer: User, lang: Language, id: string): Promise<string> {
  const row = await inboxQuery(deps, viewer).select(INBOX_COLUMNS).where('notifications.id', '=', id).executeTakeFirst()
  if (!row) throw NOT_FOUND()
  if (!row.read_at) await markRead(deps, viewer, { ids: [id] })
  return notificationMessage(row, lang, { external: false, recipientId: viewer.id }).path
}
