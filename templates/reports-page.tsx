import { ALERT_LEVELS, STATUSES } from '../src/domain/alert-levels.ts'
import { type Category, categoryLabel } from '../src/domain/categories.ts'
import { LIMITS } from '../src/domain/input-limits.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { XLSX_LIMIT } from '../src/domain/report-list.ts'
import type { ReportRow } from '../src/domain/reports.ts'
import { type Option, RegionSelect, SelectField, TextField } from './form-fields.tsx'
import { localDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { LevelBadge, StatusBadge } from './report-badges.tsx'

export interface ReportsPageProps {
  ctx: PageContext
  reports: ReportRow[]
  categories: Category[]
  /** The regions the viewer may narrow the list to. */
  regions: RegionChoices
  /** The filters as given, to re-fill the form and build links. */
  filter: Record<string, string>
  nextCursor: string | null
  canFile: boolean
}

/** The filtered report list, newest first, with the CSV export of the same filter. */
export function ReportsPage({ ctx, reports, categories, regions, filter, nextCursor, canFile }: ReportsPageProps) {
  const { t, lang } = ctx
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...filter, ...extra }).toString()
  return (
    <Layout ctx={ctx} title={t.reports.title}>
      <section class="card wide">
        <div class="heading-row">
          <h1>{t.reports.title}</h1>
          {canFile && (
            <a class="button primary" href="/reports/new">
              {t.nav.newReport}
            </a>
          )}
        </div>
        {/* On phones the filters fold behind one "Saring" control; wider screens always show them. */}
        <details class="filters" open={Object.keys(filter).length > 0}>
          <summary>{t.reports.filter}</summary>
          <form method="get" action="/reports" class="filter-grid">
            <TextField id="f-q" name="q" label={t.reports.search} value={filter.q} errors={{}} maxlength={LIMITS.search} />
            <RegionSelect
              id="f-region"
              name="region"
              label={t.reports.region}
              value={filter.region}
              errors={{}}
              choices={regions}
              t={t}
              anyLabel={t.regionChoice.any}
            />
            <FilterSelect
              name="status"
              value={filter.status}
              label={t.reports.status}
              anyLabel={t.reports.any}
              options={STATUSES.map((s) => ({ value: s, label: t.statuses[s] }))}
            />
            <FilterSelect
              name="min_alert_level"
              value={filter.min_alert_level}
              label={`${t.reports.alertLevel} (${t.reports.atLeast.toLowerCase()})`}
              anyLabel={t.reports.any}
              options={ALERT_LEVELS.map((l) => ({ value: l, label: t.alertLevels[l] }))}
            />
            <FilterSelect
              name="category"
              value={filter.category}
              label={t.reports.category}
              anyLabel={t.reports.any}
              options={categories.map((c) => ({ value: c.code, label: c.label }))}
            />
            <TextField id="f-from" name="from" type="date" label={t.reports.from} value={filter.from} errors={{}} />
            <TextField id="f-to" name="to" type="date" label={t.reports.to} value={filter.to} errors={{}} />
            <div class="field">
              <button type="submit">{t.reports.filter}</button>
            </div>
          </form>
        </details>
        <p class="actions">
          <a class="button" href={`/reports.xlsx?${query({})}`}>
            {t.reports.exportXlsx}
          </a>
          <a href={`/reports.csv?${query({})}`}>{t.reports.exportCsv}</a>
        </p>
        <p class="muted">
          <small>{t.reports.exportXlsxLimit(XLSX_LIMIT)}</small>
        </p>
        {reports.length === 0 ? (
          <p class="muted">{t.reports.empty}</p>
        ) : (
          <ul class="report-list">
            {reports.map((report) => (
              <li>
                <a href={`/reports/${report.id}`} class="report-title">
                  {report.title}
                </a>
                <div class="report-meta">
                  <LevelBadge t={t} level={report.alert_level} /> <StatusBadge t={t} status={report.status} />
                  {report.restricted === 1 && <span class="badge">{t.reports.restrictedBadge}</span>}
                  <span>{categoryLabel(categories, report.category)}</span>
                  <span>{report.village_name}</span>
                  <span>{localDateTime(report.occurred_at, report.timezone, lang)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
        {nextCursor && (
          <p>
            <a class="button" href={`/reports?${query({ cursor: nextCursor })}`}>
              {t.reports.next} →
            </a>
          </p>
        )}
      </section>
    </Layout>
  )
}

/** One of the list's select filters, with "any" first. */
function FilterSelect({
  value,
  anyLabel,
  options,
  ...field
}: {
  name: string
  label: string
  value?: string
  anyLabel: string
  options: Option[]
}) {
  return (
    <SelectField id={`f-${field.name}`} {...field} value={value ?? ''} errors={{}} options={[{ value: '', label: anyLabel }, ...options]} />
  )
}
