import type { Category } from '../src/domain/categories.ts'
import { ALERT_LEVELS, STATUSES } from '../src/domain/alert-levels.ts'
import type { ReportRow } from '../src/domain/reports.ts'
import { localDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { LevelBadge, StatusBadge } from './report-badges.tsx'

export interface ReportsPageProps {
  ctx: PageContext
  reports: ReportRow[]
  categories: Category[]
  /** The filters as given, to re-fill the form and build links. */
  filter: Record<string, string>
  nextCursor: string | null
  canFile: boolean
}

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: { value: string; label: string }[] }) {
  return (
    <div class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === (value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/** The filtered report list, newest first, with the CSV export of the same filter. */
export function ReportsPage({ ctx, reports, categories, filter, nextCursor, canFile }: ReportsPageProps) {
  const { t, lang } = ctx
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...filter, ...extra }).toString()
  const any = { value: '', label: t.reports.any }
  const categoryLabel = (code: string) => categories.find((c) => c.code === code)?.label ?? code
  return (
    <Layout ctx={ctx} title={t.reports.title}>
      <section class="card wide">
        <div class="heading-row">
          <h1>{t.reports.title}</h1>
          {canFile && <a class="button primary" href="/reports/new">{t.nav.newReport}</a>}
        </div>
        <form method="get" action="/reports" class="filters">
          <div class="field">
            <label for="f-q">{t.reports.search}</label>
            <input id="f-q" name="q" value={filter.q ?? ''} />
          </div>
          <div class="field">
            <label for="f-region">{t.reports.region}</label>
            <input id="f-region" name="region" value={filter.region ?? ''} inputmode="decimal" />
          </div>
          <Select name="status" label={t.reports.status} value={filter.status} options={[any, ...STATUSES.map((s) => ({ value: s, label: t.statuses[s] }))]} />
          <Select
            name="min_alert_level"
            label={`${t.reports.alertLevel} (${t.reports.atLeast.toLowerCase()})`}
            value={filter.min_alert_level}
            options={[any, ...ALERT_LEVELS.map((l) => ({ value: l, label: t.alertLevels[l] }))]}
          />
          <Select name="category" label={t.reports.category} value={filter.category} options={[any, ...categories.map((c) => ({ value: c.code, label: c.label }))]} />
          <div class="field">
            <label for="f-from">{t.reports.from}</label>
            <input id="f-from" name="from" type="date" value={filter.from ?? ''} />
          </div>
          <div class="field">
            <label for="f-to">{t.reports.to}</label>
            <input id="f-to" name="to" type="date" value={filter.to ?? ''} />
          </div>
          <div class="field">
            <button type="submit">{t.reports.filter}</button>
          </div>
        </form>
        <p>
          <a href={`/reports.csv?${query({})}`}>{t.reports.exportCsv}</a>
        </p>
        {reports.length === 0 ? (
          <p class="muted">{t.reports.empty}</p>
        ) : (
          <ul class="report-list">
            {reports.map((report) => (
              <li>
                <a href={`/reports/${report.id}`} class="report-title">{report.title}</a>
                <div class="report-meta">
                  <LevelBadge t={t} level={report.alert_level} /> <StatusBadge t={t} status={report.status} />
                  {report.restricted === 1 && <span class="badge">{t.reports.restrictedBadge}</span>}
                  <span>{categoryLabel(report.category)}</span>
                  <span>{report.village_name}</span>
                  <span>{localDateTime(report.occurred_at, report.timezone, lang)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {nextCursor && (
          <p>
            <a class="button" href={`/reports?${query({ cursor: nextCursor })}`}>{t.reports.next} →</a>
          </p>
        )}
      </section>
    </Layout>
  )
}
