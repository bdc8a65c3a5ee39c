import type { DeliveryLogEntry } from '../src/domain/delivery-log.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { type FieldErrors, FormAlert, RegionSelect, SelectField } from './form-fields.tsx'
import { localDateTime, regionLabelOf } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { ScrollTable } from './scroll-table.tsx'

export interface DeliveryLogPageProps {
  ctx: PageContext
  items: DeliveryLogEntry[]
  nextCursor: string | null
  regions: RegionChoices
  /** Names of the regions the entries are about, by code. */
  regionNames: Record<string, string>
  filter: { region?: string; status?: string }
  errors: FieldErrors
  alert?: string
}

/** What was sent to whom, on which channel, and how it went: for admins, within their scope. */
export function DeliveryLogPage({ ctx, items, nextCursor, regions, regionNames, filter, errors, alert }: DeliveryLogPageProps) {
  const { t, lang } = ctx
  const k = t.inbox
  const zone = timezoneOfCode(ctx.user!.scope_code)
  const query = new URLSearchParams(Object.entries(filter).filter((entry): entry is [string, string] => Boolean(entry[1])))
  const statusOptions = [
    { value: '', label: k.anyStatus },
    ...(['pending', 'sent', 'failed'] as const).map((s) => ({ value: s, label: k.statuses[s] })),
  ]
  return (
    <Layout ctx={ctx} title={k.log}>
      <section class="card">
        <h1>{k.log}</h1>
        <p>{k.logIntro}</p>
        <FormAlert message={alert} />
        <form method="get" action="/admin/notifications" class="filter-grid">
          <RegionSelect name="region" label={t.reports.region} value={filter.region} choices={regions} t={t} errors={errors} />
          <SelectField name="status" label={k.status} value={filter.status ?? ''} options={statusOptions} errors={errors} />
          <button type="submit">{k.filter}</button>
        </form>
        {items.length === 0 ? (
          <p class="muted">{k.noDeliveries}</p>
        ) : (
          <ScrollTable
            columns={[
              { label: k.time },
              { label: k.kind },
              { label: k.channel },
              { label: k.recipient },
              { label: k.destination },
              { label: t.reports.region },
              { label: k.status },
              { label: k.attempts, number: true },
              { label: k.lastError },
            ]}
          >
            {items.map((item) => (
              <tr>
                <td>{localDateTime(item.created_at, zone, lang)}</td>
                <td>{k.kinds[item.kind as keyof typeof k.kinds] ?? item.kind}</td>
                <td>{k.channels[item.channel]}</td>
                <td>{item.recipient?.name ?? '—'}</td>
                <td>{item.destination}</td>
                <td>{regionLabelOf(t, item.region_code, regionNames[item.region_code] ?? item.region_code)}</td>
                <td>
                  {k.statuses[item.status]}
                  {item.next_attempt_at && (
                    <small>
                      <br />
                      {k.nextAttempt}: {localDateTime(item.next_attempt_at, zone, lang)}
                    </small>
                  )}
                </td>
                <td class="number">{item.attempts}</td>
                <td>{item.last_error ?? ''}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
        {nextCursor && (
          <p>
            <a href={`/admin/notifications?${query.toString()}${query.size ? '&' : ''}cursor=${encodeURIComponent(nextCursor)}`}>
              {k.older}
            </a>
          </p>
        )}
      </section>
    </Layout>
  )
}
