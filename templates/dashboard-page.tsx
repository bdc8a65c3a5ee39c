import type { TimeZone } from '../src/db/schema.ts'
import { ALERT_LEVELS, STATUSES } from '../src/domain/alert-levels.ts'
import type { Category } from '../src/domain/categories.ts'
import type { AttentionItem, Dashboard } from '../src/domain/dashboard.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { RegionSelect } from './form-fields.tsx'
import { localDateTime, quarterName, regionLabel } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { QuarterlyChart } from './quarterly-chart.tsx'
import { LevelBadge } from './report-badges.tsx'
import { ScrollTable } from './scroll-table.tsx'

export interface DashboardPageProps {
  ctx: PageContext
  dashboard: Dashboard
  categories: Category[]
  timezone: TimeZone
  /** The regions of the viewer's scope another dashboard can be opened for. */
  regions: RegionChoices
}

function Counts({ title, rows }: { title: string; rows: [string, number][] }) {
  return (
    <div class="card counts">
      <h2>{title}</h2>
      <table>
        <tbody>
          {rows.map(([label, value]) => (
            <tr>
              <td>{label}</td>
              <td class="number">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function AttentionList({ ctx, items, timezone }: { ctx: PageContext; items: AttentionItem[]; timezone: TimeZone }) {
  const { t, lang } = ctx
  if (items.length === 0) return <p class="muted">{t.dashboard.none}</p>
  return (
    <ul class="report-list">
      {items.map((item) => (
        <li class={item.overdue ? 'overdue' : ''}>
          <a href={`/reports/${item.id}`} class="report-title">
            {item.title}
          </a>
          <div class="report-meta">
            <LevelBadge t={t} level={item.alert_level} />
            <span>
              {item.village_name} <small class="muted">({item.village_code})</small>
            </span>
            <span>
              {t.dashboard.dueAt}: {localDateTime(item.ack_due_at, timezone, lang)}
            </span>
            {item.overdue && <strong class="error">{t.reports.overdue}</strong>}
          </div>
        </li>
      ))}
    </ul>
  )
}

/** The reviewers' dashboard of a district or regency. */
export function DashboardPage({ ctx, dashboard, categories, timezone, regions }: DashboardPageProps) {
  const { t } = ctx
  const d = dashboard
  const categoryLabel = (code: string) => categories.find((c) => c.code === code)?.label ?? code
  // `2026-Q4` → "Triwulan IV 2026": the quarter the counts by level, category and region cover.
  const [year, quarter] = d.period.split('-Q').map(Number)
  const period = quarterName(t, quarter!, year)
  return (
    <Layout ctx={ctx} title={t.dashboard.title}>
      <h1>
        {t.dashboard.title}: {regionLabel(t, d.region)}
      </h1>
      {regions.groups.length > 0 && (
        <form method="get" action="/dashboard" class="inline">
          <RegionSelect id="d-region" name="region" label={t.reports.region} value={d.region.code} errors={{}} choices={regions} t={t} />
          <button type="submit">{t.meetings.show}</button>
        </form>
      )}
      <section class="card">
        <h2>{t.dashboard.needsAttention}</h2>
        <AttentionList ctx={ctx} items={d.needs_attention} timezone={timezone} />
      </section>
      <section class="card" id="overdue">
        <h2>{t.dashboard.overdue}</h2>
        <AttentionList ctx={ctx} items={d.overdue} timezone={timezone} />
      </section>
      <section class="card">
        <h2>{t.dashboard.hotspots}</h2>
        {d.hotspots.length === 0 ? (
          <p class="muted">{t.dashboard.none}</p>
        ) : (
          <ul>
            {d.hotspots.map((spot) => (
              <li>
                <a href={`/reports?region=${spot.village_code}`}>{spot.village_name}</a> <small class="muted">({spot.village_code})</small>
                <ul>
                  {spot.reasons.map((reason) => (
                    <li>
                      {reason.kind === 'awas'
                        ? t.dashboard.awasRecently
                        : t.dashboard.risingReports(reason.above_normal_30d, reason.average_30d_previous_90d)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card">
        <h2>{t.dashboard.quarterly}</h2>
        <QuarterlyChart t={t} quarters={d.quarterly} />
      </section>
      <div class="grid">
        <Counts title={t.dashboard.byLevel(period)} rows={ALERT_LEVELS.map((l) => [t.alertLevels[l], d.by_alert_level[l]])} />
        <Counts title={t.dashboard.byStatus} rows={STATUSES.map((s) => [t.statuses[s], d.by_status[s]])} />
        <Counts title={t.dashboard.byCategory(period)} rows={Object.entries(d.by_category).map(([code, n]) => [categoryLabel(code), n])} />
      </div>
      <section class="card">
        <h2>{t.dashboard.byRegion(period)}</h2>
        <ScrollTable
          columns={[
            { label: t.reports.region },
            { label: t.dashboard.total, number: true },
            { label: `> ${t.alertLevels.normal}`, number: true },
          ]}
        >
          {d.by_region.map((row) => (
            <tr>
              <td>
                {/* A regency's districts open their own dashboard; a district's villages their reports. */}
                <a href={d.region.level === 'regency' ? `/dashboard?region=${row.code}` : `/reports?region=${row.code}`}>{row.name}</a>
              </td>
              <td class="number">{row.total}</td>
              <td class="number">{row.above_normal}</td>
            </tr>
          ))}
        </ScrollTable>
      </section>
      <section class="card">
        <h2>
          {t.dashboard.silentVillages} ({d.silent_villages.length})
        </h2>
        {d.silent_villages.length === 0 ? (
          <p class="muted">{t.dashboard.none}</p>
        ) : (
          <p class="silent">{d.silent_villages.map((v) => v.name).join(', ')}</p>
        )}
      </section>
    </Layout>
  )
}
