import type { TimeZone } from '../src/db/schema.ts'
import { subscribeLinks } from './calendar-links.ts'
import { CsrfField, PostButton } from './form-fields.tsx'
import { localDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface CalendarPageProps {
  ctx: PageContext
  tokens: { id: string; created_at: string }[]
  /** A feed URL just created: shown this once, since only its hash is kept. */
  newFeedUrl?: string
  regionFeedUrl: string
  zone: TimeZone
}

/** "Kalender saya": subscribe to one's Rakor in any calendar app; rotate or revoke the link. */
export function CalendarPage({ ctx, tokens, newFeedUrl, regionFeedUrl, zone }: CalendarPageProps) {
  const { t, lang } = ctx
  const k = t.calendar
  const links = newFeedUrl ? subscribeLinks(newFeedUrl, k.title) : undefined
  return (
    <Layout ctx={ctx} title={k.title}>
      <section class="card">
        <h1>{k.title}</h1>
        <p>{k.intro}</p>
        {newFeedUrl && links && (
          <div class="secret" role="status">
            <p>{k.newUrl}</p>
            <p class="actions">
              <a class="button primary" href={links.webcal}>
                {k.apple}
              </a>
              <a class="button" href={links.google} rel="noopener noreferrer">
                {k.google}
              </a>
              <a class="button" href={links.outlook} rel="noopener noreferrer">
                {k.outlook}
              </a>
            </p>
            <label for="feed-url">{k.copyHint}</label>
            <input id="feed-url" readonly value={newFeedUrl} />
          </div>
        )}
        <h2>{k.active}</h2>
        {tokens.length === 0 ? (
          <p class="muted">{k.none}</p>
        ) : (
          <ul>
            {tokens.map((token) => (
              <li>
                {k.createdAt} {localDateTime(token.created_at, zone, lang)}{' '}
                <PostButton
                  action={`/calendar/tokens/${token.id}/revoke`}
                  csrfToken={ctx.csrfToken}
                  label={k.revoke}
                  kind="danger"
                  class="inline-form"
                />
              </li>
            ))}
          </ul>
        )}
        <form method="post" action="/calendar/tokens">
          <CsrfField token={ctx.csrfToken} />
          {/* Replacing a link breaks every calendar subscribed to it: never the most prominent button. */}
          <button type="submit" class={tokens.length ? undefined : 'primary'}>
            {tokens.length ? k.rotate : k.create}
          </button>
        </form>
        <h2>{k.regionFeed}</h2>
        <p>
          <a href={regionFeedUrl}>{regionFeedUrl}</a>
        </p>
      </section>
    </Layout>
  )
}
