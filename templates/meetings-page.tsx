import type { Meeting } from '../src/db/schema.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { CsrfField, Notice, RegionSelect, TextField } from './form-fields.tsx'
import { localDayDateTime } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface MeetingsPageProps {
  ctx: PageContext
  meetings: Meeting[]
  canOrganise: boolean
  defaultScope: string
  /** The districts and regency a Rakor can be planned for, when the user organises. */
  planRegions?: RegionChoices
  defaultYear: number
  notice?: string
}

/** The meetings a user sees, soonest first; organisers also create and plan. */
export function MeetingsPage({ ctx, meetings, canOrganise, defaultScope, planRegions, defaultYear, notice }: MeetingsPageProps) {
  const { t, lang } = ctx
  return (
    <Layout ctx={ctx} title={t.meetings.title}>
      <section class="card wide">
        <div class="heading-row">
          <h1>{t.meetings.title}</h1>
          {canOrganise && (
            <a class="button primary" href="/meetings/new">
              {t.meetings.new}
            </a>
          )}
        </div>
        <Notice message={notice} />
        {meetings.length === 0 ? (
          <p class="muted">{t.meetings.empty}</p>
        ) : (
          <ul class="report-list">
            {meetings.map((m) => (
              <li>
                <a class="report-title" href={`/meetings/${m.id}`}>
                  {m.title}
                </a>
                <div class="report-meta">
                  <span class={`badge meeting-${m.status}`}>{t.meetings.statusLabels[m.status]}</span>
                  <span>{t.meetings.kinds[m.kind]}</span>
                  <span>{localDayDateTime(m.starts_at, timezoneOfCode(m.scope_code), lang)}</span>
                  <span>{m.venue}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      {canOrganise && planRegions && (
        <section class="card">
          <h2>{t.meetings.plan}</h2>
          <form method="post" action="/meetings/plan" class="inline">
            <CsrfField token={ctx.csrfToken} />
            <RegionSelect
              id="plan-scope"
              name="scope_code"
              label={t.meetings.scope}
              value={defaultScope}
              errors={{}}
              choices={planRegions}
              t={t}
            />
            <TextField id="plan-year" name="year" label={t.meetings.year} value={String(defaultYear)} errors={{}} inputmode="numeric" />
            <button type="submit">{t.meetings.planSubmit}</button>
          </form>
        </section>
      )}
    </Layout>
  )
}
