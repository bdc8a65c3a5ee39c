import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { APP_JS_VERSION, CSS_VERSION } from '../src/client/bundles.generated.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { CsrfField } from './form-fields.tsx'
import { zoneName } from './format.ts'
import type { PageContext } from './page-context.ts'

function LanguageSwitch({ ctx }: { ctx: PageContext }) {
  return (
    <form method="post" action="/language" class="language">
      <CsrfField token={ctx.csrfToken} />
      <input type="hidden" name="next" value={ctx.path} />
      <button type="submit" name="lang" value={ctx.lang === 'id' ? 'en' : 'id'}>
        {ctx.lang === 'id' ? 'English' : 'Bahasa Indonesia'}
      </button>
    </form>
  )
}

/**
 * What the page script needs from the server, as data it reads (never executed): the words it
 * shows, in the page's language, and who is signed in with the token that lets it use the
 * session for the API. `<` is escaped so no text can close the element.
 */
function ClientData({ ctx }: { ctx: PageContext }) {
  const zone = ctx.user && timezoneOfCode(ctx.user.scope_code)
  const data = {
    text: ctx.t.client,
    session: ctx.user ? { user_id: ctx.user.id, csrf: ctx.csrfToken } : null,
    // Times the script shows (when a report was saved) are the user's local time, as the server writes them.
    zone: zone ? { id: zone, name: zoneName(zone) } : null,
  }
  return (
    <script type="application/json" id="client-data">
      {raw(JSON.stringify(data).replace(/</g, '\\u003c'))}
    </script>
  )
}

/**
 * Reports waiting on this phone to be sent: the page script fills it and shows it when there
 * are any (see src/client/outbox-panel.ts).
 */
function OutboxPanel({ ctx }: { ctx: PageContext }) {
  return (
    <section class="card outbox" hidden data-outbox>
      <h2>{ctx.t.outbox.title}</h2>
      <p aria-live="polite" data-outbox-status />
      <ul />
      <button type="button" class="primary" data-outbox-send>
        {ctx.t.outbox.sendNow}
      </button>
    </section>
  )
}

/** The page frame: header with navigation for signed-in users, language switch, content. */
export function Layout({ ctx, title, children }: { ctx: PageContext; title: string; children: Child }) {
  const { t, user, can } = ctx
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={ctx.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{`${title} · ${t.app.name}`}</title>
          <link rel="stylesheet" href={`/assets/app.css?v=${CSS_VERSION}`} />
          <link rel="manifest" href="/manifest.webmanifest" />
          <link rel="icon" href="/assets/icon-192.png" />
          <link rel="apple-touch-icon" href="/assets/icon-192.png" />
          <meta name="theme-color" content="#7a1f1f" />
          <script type="module" src={`/assets/app.js?v=${APP_JS_VERSION}`} />
          <ClientData ctx={ctx} />
        </head>
        <body>
          <header class="top">
            <a href="/" class="brand">
              {t.app.name}
            </a>
            {user && can && !user.must_change_password && (
              <nav>
                <a href="/">{t.nav.home}</a>
                <a href="/notifications" aria-label={ctx.unread ? `${t.nav.notifications}, ${t.inbox.unreadBadge(ctx.unread)}` : undefined}>
                  {t.nav.notifications}
                  {ctx.unread > 0 && <span class="count">{ctx.unread > 99 ? '99+' : ctx.unread}</span>}
                </a>
                <a href="/reports">{t.nav.reports}</a>
                {can.fileReports && <a href="/reports/new">{t.nav.newReport}</a>}
                {can.review && <a href="/dashboard">{t.nav.dashboard}</a>}
                <a href="/meetings">{t.nav.meetings}</a>
                {can.viewCompliance && <a href="/compliance">{t.nav.compliance}</a>}
                <a href="/calendar">{t.nav.calendar}</a>
                {can.manageUsers && <a href="/admin/users">{t.nav.users}</a>}
                {can.configureRegency && <a href={`/admin/regencies/${can.configureRegency}`}>{t.admin.categories}</a>}
                {can.viewDeliveryLog && <a href="/admin/notifications">{t.nav.deliveryLog}</a>}
                <a href="/password">{t.nav.password}</a>
              </nav>
            )}
            <div class="top-actions">
              <LanguageSwitch ctx={ctx} />
              {user && (
                <form method="post" action="/logout">
                  <CsrfField token={ctx.csrfToken} />
                  <button type="submit">{t.nav.logout}</button>
                </form>
              )}
            </div>
          </header>
          <main>
            {can?.fileReports && <OutboxPanel ctx={ctx} />}
            {children}
          </main>
          <footer>{t.app.tagline}</footer>
        </body>
      </html>
    </>
  )
}
