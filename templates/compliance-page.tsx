import type { ComplianceItem } from '../src/domain/compliance.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { SelectField, TextField } from './form-fields.tsx'
import { quarterName, regionLabelOf } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { ScrollTable } from './scroll-table.tsx'

export interface CompliancePageProps {
  ctx: PageContext
  region: string
  regencyName: string
  year: number
  quarter?: number
  items: ComplianceItem[]
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`)

/** Whether each district (and the regency) keeps the quarterly three-pillar rhythm. */
export function CompliancePage({ ctx, region, regencyName, year, quarter, items }: CompliancePageProps) {
  const { t } = ctx
  const m = t.meetings
  return (
    <Layout ctx={ctx} title={m.compliance}>
      <section class="card wide">
        <h1>
          {m.compliance}: {regencyName}
        </h1>
        <form method="get" action="/compliance" class="inline">
          <input type="hidden" name="region" value={region} />
          <TextField id="c-year" name="year" label={m.year} value={String(year)} errors={{}} inputmode="numeric" />
          <SelectField
            id="c-quarter"
            name="quarter"
            label={m.quarter}
            value={quarter ? String(quarter) : ''}
            errors={{}}
            options={[{ value: '', label: m.wholeYear }, ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: quarterName(t, q) }))]}
          />
          <button type="submit">{m.show}</button>
        </form>
        <ScrollTable
          columns={[
            { label: t.reports.region },
            { label: m.held },
            ...PILLARS.map((p) => ({ label: t.pillars[p], number: true })),
            { label: m.coverageGaps },
            { label: m.overdueActions, number: true },
          ]}
        >
          {items.map((item) => (
            <tr>
              <td>
                {item.meeting_id ? (
                  <a href={`/meetings/${item.meeting_id}`}>{regionLabelOf(t, item.region_code, item.region_name)}</a>
                ) : (
                  regionLabelOf(t, item.region_code, item.region_name)
                )}
              </td>
              <td class={item.held ? '' : 'error'}>
                {item.held ? m.held : m.notHeld}
                {!quarter && ` (${item.quarters_held}/4)`}
              </td>
              {PILLARS.map((p) => (
                <td class="number">{percent(item.attendance_by_pillar[p])}</td>
              ))}
              <td>{item.pillar_gaps.length}</td>
              <td class="number">{item.overdue_action_items}</td>
            </tr>
          ))}
        </ScrollTable>
      </section>
    </Layout>
  )
}
