import type { Meeting, Region } from '../src/db/schema.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { localDayDateTime, regionLabel } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface HomePageProps {
  ctx: PageContext
  /** The user's scope region and its ancestors, province first. */
  scopePath: Region[]
  /** The next scheduled Rakor the user sees. */
  upcoming: Meeting[]
}

export function HomePage({ ctx, scopePath, upcoming }: HomePageProps) {
  const { t } = ctx
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
            <small class="muted"> ({user.scope_code})</small>
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
            <a class="button primary" href="/reports/new">
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
    </Layout>
  )
}
