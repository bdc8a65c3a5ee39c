import type { Region } from '../src/db/schema.ts'
import type { MeetingDetail } from '../src/domain/meeting-detail.ts'
import { levelOfCode, timezoneOfCode } from '../src/domain/regions.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { officeTitle } from '../src/domain/titles.ts'
import { calendarDate, localDateTime, localLongDate, regionLabel } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface MinutesPageProps {
  ctx: PageContext
  detail: MeetingDetail
  /** The meeting's region and its ancestors below the province, regency first. */
  regionPath: Pick<Region, 'code' | 'name' | 'level'>[]
}

/** Printable minutes (A4): header, agenda, attendance by pillar, decisions, action items, signatures. */
export function MinutesPage({ ctx, detail, regionPath }: MinutesPageProps) {
  const { t, lang } = ctx
  const m = t.meetings
  const { meeting } = detail
  const zone = timezoneOfCode(meeting.scope_code)
  const level = levelOfCode(meeting.scope_code)
  return (
    <Layout ctx={ctx} title={`${m.minutes}: ${meeting.title}`}>
      <article class="minutes-doc">
        <header class="doc-header">
          <p class="doc-region">{regionPath.map((region) => regionLabel(t, region)).join(' · ')}</p>
          <h1>{m.minutesTitle}</h1>
          <p>{meeting.title}</p>
        </header>
        <table class="doc-facts">
          <tbody>
            <tr>
              <th>{m.dayDate}</th>
              <td>{localLongDate(meeting.starts_at, zone, lang)}</td>
            </tr>
            <tr>
              <th>{m.startsAt}</th>
              <td>{localDateTime(meeting.starts_at, zone, lang)}</td>
            </tr>
            <tr>
              <th>{m.venue}</th>
              <td>{meeting.venue}</td>
            </tr>
          </tbody>
        </table>
        <h2>{m.agenda}</h2>
        {detail.agenda.length === 0 ? (
          <p class="description">—</p>
        ) : (
          <ol class="doc-agenda">
            {detail.agenda.map((item) => (
              <li>
                {item.title ?? m.withheldReport(item.withheld_village ?? '')}
                {item.notes && <small class="muted"> — {item.notes}</small>}
              </li>
            ))}
          </ol>
        )}
        <h2>{m.attendanceByPillar}</h2>
        {PILLARS.map((pillar) => {
          const people = detail.participants.filter((p) => p.pillar === pillar)
          return (
            <table class="doc-table">
              <caption>{t.pillars[pillar]}</caption>
              <thead>
                <tr>
                  <th>No</th>
                  <th>{t.users.name}</th>
                  <th>{t.reports.region}</th>
                  <th>{m.participants}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((p, i) => (
                  <tr>
                    <td>{i + 1}</td>
                    <td>{p.name}</td>
                    <td>{p.region_name}</td>
                    <td>
                      {m.attendanceLabels[p.attendance]}
                      {p.representative && ` (${p.representative})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        })}
        <h2>{m.summary}</h2>
        <p class="description">{detail.minutes?.summary ?? '—'}</p>
        <h2>{m.decisions}</h2>
        <p class="description">{detail.minutes?.decisions || '—'}</p>
        {detail.minutes?.text && <p class="description">{detail.minutes.text}</p>}
        <h2>{m.actionItems}</h2>
        <table class="doc-table">
          <thead>
            <tr>
              <th>No</th>
              <th>{m.actionDescription}</th>
              <th>{m.responsiblePillar}</th>
              <th>{m.dueDate}</th>
            </tr>
          </thead>
          <tbody>
            {detail.action_items.map((item, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>{item.description}</td>
                <td>{t.pillars[item.responsible_pillar]}</td>
                <td>{calendarDate(item.due_date, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <section class="signatures">
          <p>{m.signatures}</p>
          <div class="signature-row">
            {PILLARS.map((pillar) => (
              <div class="signature">
                <p>{level === 'regency' || level === 'district' ? officeTitle(pillar, level) : t.pillars[pillar]}</p>
                <div class="signature-space"></div>
                <p>(....................................)</p>
              </div>
            ))}
          </div>
        </section>
      </article>
    </Layout>
  )
}
