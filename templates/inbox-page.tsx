import type { InboxItem } from '../src/domain/notification-inbox.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { PostButton } from './form-fields.tsx'
import { localDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface InboxPageProps {
  ctx: PageContext
  items: InboxItem[]
  unreadOnly: boolean
  nextCursor: string | null
  unread: number
}

/** The in-app inbox: newest first, unread marked; opening one marks it read and goes to it. */
export function InboxPage({ ctx, items, unreadOnly, nextCursor, unread }: InboxPageProps) {
  const { t, lang } = ctx
  const k = t.inbox
  const zone = timezoneOfCode(ctx.user!.scope_code)
  const filter = unreadOnly ? '?unread=1' : '?'
  return (
    <Layout ctx={ctx} title={k.title}>
      <section class="card">
        <div class="heading-row">
          <h1>{k.title}</h1>
          <a href="/notifications/settings">{k.settings}</a>
        </div>
        <p class="actions">
          <a class={unreadOnly ? 'button' : 'button primary'} href="/notifications" aria-current={unreadOnly ? undefined : 'page'}>
            {k.all}
          </a>
          <a class={unreadOnly ? 'button primary' : 'button'} href="/notifications?unread=1" aria-current={unreadOnly ? 'page' : undefined}>
            {k.onlyUnread} ({unread > 99 ? '99+' : unread})
          </a>
          {unread > 0 && (
            <PostButton action="/notifications/read-all" csrfToken={ctx.csrfToken} label={k.markAllRead} class="inline-form" />
          )}
        </p>
        {items.length === 0 ? (
          <p class="muted">{unreadOnly ? k.noneUnread : k.none}</p>
        ) : (
          <ul class="report-list inbox">
            {items.map((item) => (
              <li class={item.read_at ? undefined : 'unread'}>
                <a class="report-title" href={`/notifications/${item.id}`}>
                  {item.title}
                </a>
                {item.body && <p class="report-meta">{item.body}</p>}
                <p class="muted">{localDateTime(item.created_at, zone, lang)}</p>
              </li>
            ))}
          </ul>
        )}
        {nextCursor && (
          <p>
            <a href={`/notifications${filter}${unreadOnly ? '&' : ''}cursor=${encodeURIComponent(nextCursor)}`}>{k.older}</a>
          </p>
        )}
      </section>
    </Layout>
  )
}
