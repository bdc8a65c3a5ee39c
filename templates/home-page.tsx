import type { Meeting, Region } from '../src/db/schema.ts'
import type { HomeSummary } from '../src/domain/home.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { calendarDate, localDateTime, localDayDateTime, regionLabel } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { LevelBadge, StatusBadge } from './report-badges.tsx'

export interface HomePageProps {
  ctx: PageContext
  /** The user's scope region and its ancestors, province first. */
  scopePath: Region[]
  /** The next scheduled Rakor the user sees. */
  upcoming: Meeting[]
  /** What needs this user, by role. */
  summary: HomeSummary
}

export function HomePage({ ctx, scopePath, upcoming, summary }: HomePageProps) {
  const { t, lang } = ctx
  const h = t.home
  const zone = timezoneOfCode(ctx.user!.scope_code)
  const user = ctx.user!
  const scope = scopePath[scopePath.length - 1]
  return (
    <Layout ctx={ctx} title={t.home.title}>
      <section class="card">
        <p class="muted">{t.home.welcome},</p>
        <h1>{user.name}</h1>
        <p class="title">{user.title}</p>
        <dl class="facts">
          <dt>{t.home.scope}</dt>
          <dd>
            {scope ? regionLabel(t, scope) : user.scope_code}
            {scopePath.length > 1 && (
              <small class="breadcrumb">
                {scopePath
                  .slice(0, -1)
                  .map((region) => regionLabel(t, region))
                  .join(' › ')}
              </small>
            )}
          </dd>
          <dt>{t.home.pillar}</dt>
          <dd>{t.pillars[user.pillar]}</dd>
          <dt>{t.home.role}</dt>
          <dd>{t.roles[user.role]}</dd>
        </dl>
        <p class="actions">
          {ctx.can?.fileReports ? (
            <a class="button primary big" href="/reports/new">
              {t.reports.new}
            </a>
          ) : (
            <a class="button primary" href="/dashboard">
              {t.dashboard.title}
            </a>
          )}
          <a class="button" href="/reports">
            {t.reports.title}
          </a>
        </p>
      </section>
      {summary.attention && (
        <section class="card">
          <h2>{h.needsYou}</h2>
          {summary.attention.waiting === 0 ? (
            <p class="muted">{h.nothingWaiting}</p>
          ) : (
            <ul>
              <li>
                <a href={'/reports?status=new&min_alert_level=siaga'}>{h.waiting(summary.attention.waiting)}</a>
              </li>
              {summary.attention.overdue > 0 && (
                <li>
                  <a href="/dashboard#overdue" class="overdue-link">
                    {h.overdue(summary.attention.overdue)}
                  </a>
                </li>
              )}
            </ul>
          )}
        </section>
      )}
      {summary.ownReports && (
        <section class="card">
          <h2>{h.myReports}</h2>
          {summary.ownReports.length === 0 ? (
            <p class="muted">{h.noReports}</p>
          ) : (
            <ul class="report-list">
              {summary.ownReports.map((report) => (
                <li>
                  <a class="report-title" href={`/reports/${report.id}`}>
                    {report.title}
                  </a>
                  <div class="report-meta">
                    <LevelBadge t={t} level={report.alert_level} /> <StatusBadge t={t} status={report.status} />
                    {report.handled_by && <span>{h.handledBy(t.statuses[report.status], report.handled_by)}</span>}
                    <span>{localDateTime(report.occurred_at, zone, lang)}</span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {upcoming.length > 0 && (
        <section class="card">
          <h2>{t.home.upcoming}</h2>
          <ul class="report-list">
            {upcoming.map((meeting) => (
              <li>
                <a class="report-title" href={`/meetings/${meeting.id}`}>
                  {meeting.title}
                </a>
                <div class="report-meta">
                  <span>{localDayDateTime(meeting.starts_at, timezoneOfCode(meeting.scope_code), ctx.lang)}</span>
                  <span>{meeting.venue}</span>
                </div>
              </li>
            ))}
          </ul>
          <p>
            <a href="/calendar">{t.calendar.title}</a>
          </p>
        </section>
      )}
      {summary.actionItems.length > 0 && (
        <section class="card">
          <h2>{h.actionItems}</h2>
          <ul>
            {summary.actionItems.map((item) => (
              <li>
                <a href={`/meetings/${item.meeting_id}`}>{item.description}</a>{' '}
                <small class="muted">({h.dueOn(calendarDate(item.due_date, lang))})</small>
              </li>
            ))}
          </ul>
        </section>
      )}
      {summary.idleAccounts && summary.idleAccounts.length > 0 && (
        <section class="card">
          <h2>{h.idleAccounts}</h2>
          <ul>
            {summary.idleAccounts.map((account) => (
              <li>
                <a href={`/admin/users/${account.id}`}>{account.name}</a> <small class="muted">· {account.title}</small>
                <br />
                <small>
                  {[account.never_logged_in && h.neverLoggedIn, account.temporary && h.temporaryPassword].filter(Boolean).join(' · ')}
                </small>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  )
}
