import type { Region } from '../src/db/schema.ts'
import type { MeetingDetail } from '../src/domain/meeting-detail.ts'
import type { ParticipantView } from '../src/domain/meeting-participants.ts'
import type { Letterhead, LetterheadLogo } from '../src/domain/regency-settings.ts'
import { levelOfCode, timezoneOfCode } from '../src/domain/regions.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { positionTitle } from '../src/domain/titles.ts'
import { calendarDate, localLongDate, localTimeRange, regionLabel } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface MinutesPageProps {
  ctx: PageContext
  detail: MeetingDetail
  /** The meeting's region and its ancestors below the province, regency first. */
  regionPath: Pick<Region, 'code' | 'name' | 'level'>[]
  letterhead: Letterhead & { logo: LetterheadLogo }
}

/** A participant's position as the attendance list and signatures write it: "Kapolsek Pesanggaran". */
function jabatan(p: ParticipantView): string {
  return `${positionTitle(p.pillar, levelOfCode(p.region_code), p.title_position, p.role)} ${p.region_name}`
}

/** A name over its rank and NRP/NIP, for a signature. */
function Signature({ role, person, idLabel }: { role: string; person?: ParticipantView; idLabel: string }) {
  return (
    <div class="signature">
      <p>{role}</p>
      <div class="signature-space"></div>
      <p class="signature-name">{person?.name ?? '(....................................)'}</p>
      {person?.rank && <p>{person.rank}</p>}
      {person?.id_number && <p>{`${idLabel} ${person.id_number}`}</p>}
    </div>
  )
}

/**
 * The printable minutes (notulen) as Indonesian offices file them, on A4: the regency's
 * letterhead, document number, day, date and hours, place, agenda, chair and minute-taker,
 * discussion and decisions under their own headings, the attendance list with position and a
 * signature column, action items, and the signatures of the three pillars' heads.
 */
export function MinutesPage({ ctx, detail, regionPath, letterhead }: MinutesPageProps) {
  const { t, lang } = ctx
  const m = t.meetings
  const d = t.minutesDoc
  const { meeting, minutes } = detail
  const zone = timezoneOfCode(meeting.scope_code)
  const regency = regionPath[0]
  const below = regionPath.slice(1)
  // Operators who did not come are not participants of the meeting on paper.
  const listed = detail.participants.filter((p) => p.role !== 'admin' || p.attendance === 'present' || p.attendance === 'represented')
  const byId = (id: string | null | undefined) => detail.participants.find((p) => p.user_id === id)
  // The heads of the three pillars at the meeting's own level sign under "Mengetahui".
  const heads = PILLARS.map((pillar) =>
    listed.find((p) => p.region_code === meeting.scope_code && p.pillar === pillar && p.role === 'reviewer'),
  )
  const chair = byId(minutes?.chair_id)
  const minuteTaker = byId(minutes?.minute_taker_id)
  return (
    <Layout ctx={ctx} title={`${m.minutes}: ${meeting.title}`}>
      <article class="minutes-doc">
        <header class="doc-header letterhead">
          {letterhead.logo && <img class="doc-logo" src={letterhead.logo} alt="" />}
          {regency && <p class="doc-government">{d.government(regency.name)}</p>}
          <p class="doc-office">{letterhead.office || below.map((region) => regionLabel(t, region)).join(' ') || '\u00a0'}</p>
          {letterhead.address && <p class="doc-address">{letterhead.address}</p>}
        </header>
        <h1 class="doc-title">{m.minutesTitle}</h1>
        <p class="doc-number">{`${d.number}: ${minutes?.document_number || '.......................'}`}</p>
        <table class="doc-facts">
          <tbody>
            {(
              [
                [m.dayDate, localLongDate(meeting.starts_at, zone, lang)],
                [d.time, localTimeRange(meeting.starts_at, meeting.ends_at, zone, lang)],
                [m.venue, meeting.venue],
                [d.event, meeting.title],
                [m.chair, chair ? `${chair.name}, ${jabatan(chair)}` : '—'],
                [m.minuteTaker, minuteTaker ? minuteTaker.name : '—'],
              ] as const
            ).map(([label, value]) => (
              <tr>
                <th>{label}</th>
                <td>: {value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{d.agenda}</h2>
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
        <h2>{d.discussion}</h2>
        <p class="description">{minutes?.summary ?? '—'}</p>
        {minutes?.text && <p class="description">{minutes.text}</p>}
        <h2>{d.decisions}</h2>
        <p class="description">{minutes?.decisions || '—'}</p>
        <h2>{d.followUp}</h2>
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
            {PILLARS.map((pillar, i) => (
              <Signature
                role={heads[i] ? jabatan(heads[i]) : t.pillars[pillar]}
                person={heads[i]}
                idLabel={pillar === 'government' ? 'NIP' : 'NRP'}
              />
            ))}
          </div>
          <div class="signature-row">
            <Signature role={m.minuteTaker} person={minuteTaker} idLabel={minuteTaker?.pillar === 'government' ? 'NIP' : 'NRP'} />
          </div>
        </section>
        <h2 class="page-break">{d.attendance}</h2>
        <table class="doc-table attendance-list">
          <thead>
            <tr>
              <th>No</th>
              <th>{t.users.name}</th>
              <th>{d.position}</th>
              <th>{m.participants}</th>
              <th>{d.signature}</th>
            </tr>
          </thead>
          <tbody>
            {listed.map((p, i) => (
              <tr>
                <td>{i + 1}</td>
                <td>{p.name}</td>
                <td>{jabatan(p)}</td>
                <td>
                  {m.attendanceLabels[p.attendance]}
                  {p.representative && ` (${p.representative})`}
                </td>
                <td class="signature-cell">{`${i + 1}.`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </article>
    </Layout>
  )
}
