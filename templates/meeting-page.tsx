import { LIMITS } from '../src/domain/input-limits.ts'
import type { MeetingDetail } from '../src/domain/meeting-detail.ts'
import { ATTENDANCE } from '../src/domain/meeting-input.ts'
import type { ParticipantView } from '../src/domain/meeting-participants.ts'
import type { MeetingPermissions } from '../src/domain/permissions.ts'
import { timezoneOfCode } from '../src/domain/regions.ts'
import { PILLARS } from '../src/domain/roles.ts'
import { addEventLinks } from './calendar-links.ts'
import {
  CsrfField,
  type FieldErrors,
  FormAlert,
  Notice,
  PillarField,
  PostButton,
  SelectField,
  TextAreaField,
  TextField,
} from './form-fields.tsx'
import { calendarDate, localDateTime, localDayDateTime, regionLabelOf } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface MeetingPageProps {
  ctx: PageContext
  detail: MeetingDetail
  /** What the viewer may do here, decided by the permissions module. */
  may: MeetingPermissions
  errors: FieldErrors
  alert?: string
  notice?: string
  /** What the user typed into a refused form, shown again instead of the stored values. */
  typed?: Record<string, string>
}

/** Participants by the unit they stand for, in code order (district, then its villages). */
function byUnit(participants: ParticipantView[]) {
  const units = new Map<string, { code: string; name: string; people: ParticipantView[] }>()
  for (const p of participants) {
    const unit = units.get(p.region_code) ?? { code: p.region_code, name: p.region_name, people: [] }
    unit.people.push(p)
    units.set(p.region_code, unit)
  }
  return [...units.values()]
}

/** One meeting: details, agenda, attendance by unit, coverage, minutes and action items. */
export function MeetingPage({ ctx, detail, may, errors, alert, notice, typed = {} }: MeetingPageProps) {
  const { t, lang } = ctx
  const m = t.meetings
  const { meeting } = detail
  const zone = timezoneOfCode(meeting.scope_code)
  const editable = may.record
  const base = `/meetings/${meeting.id}`
  const gaps = detail.pillar_coverage.filter((unit) => unit.missing.length > 0)
  const units = byUnit(detail.participants)
  // Attendance rows are refused as `items.<n>.<field>`: shown together under the list.
  const attendanceError = errors.attendance ?? Object.entries(errors).find(([path]) => path.startsWith('items.'))?.[1]
  const calendarLinks = addEventLinks({
    title: meeting.title,
    startsAt: meeting.starts_at,
    endsAt: meeting.ends_at,
    venue: meeting.venue,
    details: [meeting.description, meeting.online_url].filter(Boolean).join('\n'),
    zone,
  })
  return (
    <Layout ctx={ctx} title={meeting.title}>
      <section class="card">
        <p>
          <a href="/meetings">← {m.title}</a>
        </p>
        <Notice message={notice} />
        <FormAlert message={alert} />
        <h1>{meeting.title}</h1>
        <div class="report-meta">
          <span class={`badge meeting-${meeting.status}`}>{m.statusLabels[meeting.status]}</span>
          <span>{m.kinds[meeting.kind]}</span>
          <span>{m.participantsCount(detail.participants.length)}</span>
        </div>
        <dl class="facts">
          <dt>{m.startsAt}</dt>
          <dd>{localDayDateTime(meeting.starts_at, zone, lang)}</dd>
          <dt>{m.endsAt}</dt>
          <dd>{localDateTime(meeting.ends_at, zone, lang)}</dd>
          <dt>{m.venue}</dt>
          <dd>{meeting.venue}</dd>
          {meeting.online_url && (
            <>
              <dt>{m.onlineUrl}</dt>
              <dd>
                <a href={meeting.online_url} rel="noopener noreferrer">
                  {meeting.online_url}
                </a>
              </dd>
            </>
          )}
          {meeting.cancel_reason && (
            <>
              <dt>{m.cancelReason}</dt>
              <dd>{meeting.cancel_reason}</dd>
            </>
          )}
        </dl>
        {meeting.description && <p class="description">{meeting.description}</p>}
        {meeting.status === 'held' && <p class="notice">{m.locked}</p>}
        {may.reopen && (
          <details>
            <summary>{m.reopenRecords}</summary>
            <form method="post" action={`${base}/reopen`}>
              <CsrfField token={ctx.csrfToken} />
              <TextAreaField
                name="reason"
                label={m.reopenReason}
                value={typed.reason}
                errors={errors}
                rows={2}
                required
                maxlength={LIMITS.reason}
              />
              <button type="submit">{m.reopen}</button>
            </form>
          </details>
        )}
        <p class="actions">
          <a class="button" href={`${base}.ics`}>
            {t.calendar.download}
          </a>
          <a class="button" href={calendarLinks.google} rel="noopener noreferrer">
            {t.calendar.google}
          </a>
          <a class="button" href={calendarLinks.outlook} rel="noopener noreferrer">
            {t.calendar.outlook}
          </a>
          <a class="button" href={`${base}/minutes`}>
            {m.printMinutes}
          </a>
          {may.reschedule && (
            <a class="button" href={`${base}/edit`}>
              {m.edit}
            </a>
          )}
        </p>
      </section>

      <section class="card">
        <h2>{m.agenda}</h2>
        {detail.agenda.length === 0 && <p class="muted">{m.agendaEmpty}</p>}
        <form method="post" action={`${base}/agenda`}>
          <CsrfField token={ctx.csrfToken} />
          <ol class="agenda">
            {detail.agenda.map((item, i) => (
              <li>
                <strong>{item.title ?? m.withheldReport(item.withheld_village ?? '')}</strong>
                {item.report_id && (
                  <>
                    {' '}
                    <a href={`/reports/${item.report_id}`}>↗</a>
                  </>
                )}
                {item.notes && <p class="muted">{item.notes}</p>}
                {editable && (
                  <span class="row-actions">
                    <button type="submit" name="op" value={`up:${i}`} disabled={i === 0}>
                      {m.up}
                    </button>
                    <button type="submit" name="op" value={`down:${i}`} disabled={i === detail.agenda.length - 1}>
                      {m.down}
                    </button>
                    <button type="submit" name="op" value={`remove:${i}`} class="danger">
                      {m.remove}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </form>
        {editable && (
          <form method="post" action={`${base}/agenda`} class="event-form">
            <CsrfField token={ctx.csrfToken} />
            <div>
              <TextField
                id="item-title"
                name="title"
                label={m.itemTitle}
                value={typed.title}
                errors={errors}
                maxlength={LIMITS.agendaTitle}
              />
              <TextField
                id="item-notes"
                name="notes"
                label={m.itemNotes}
                value={typed.notes}
                errors={errors}
                maxlength={LIMITS.agendaNotes}
              />
              <button type="submit" name="op" value="add">
                {m.addItem}
              </button>{' '}
              <button type="submit" name="op" value="redraft">
                {m.redraft}
              </button>
            </div>
          </form>
        )}
      </section>

      <section class="card">
        <h2>{m.participants}</h2>
        <form method="post" action={`${base}/attendance`}>
          <CsrfField token={ctx.csrfToken} />
          {/* First in the form, so Enter in a field saves rather than pressing a unit's bulk button. */}
          {editable && (
            <button type="submit" class="primary">
              {m.saveAttendance}
            </button>
          )}
          {units.map((unit) => {
            const coverage = detail.pillar_coverage.find((c) => c.region_code === unit.code)
            return (
              <details class="unit" open={units.length <= 12 || coverage?.missing.length !== 3}>
                <summary>
                  <strong>{regionLabelOf(t, unit.code, unit.name)}</strong>{' '}
                  {PILLARS.map((pillar) => (
                    <span class={coverage?.covered[pillar] ? 'pill covered' : 'pill missing'}>
                      {t.pillars[pillar]} {coverage?.covered[pillar] ? '✓' : '✗'}
                    </span>
                  ))}
                </summary>
                <table>
                  <tbody>
                    {unit.people.map((p) => (
                      <tr>
                        <td>
                          {p.name}
                          <small class="muted"> · {t.pillars[p.pillar]}</small>
                        </td>
                        <td>
                          {editable ? (
                            <select name={`a_${p.user_id}`} aria-label={`${m.participants}: ${p.name}`}>
                              {ATTENDANCE.map((a) => (
                                <option value={a} selected={p.attendance === a}>
                                  {m.attendanceLabels[a]}
                                </option>
                              ))}
                            </select>
                          ) : (
                            m.attendanceLabels[p.attendance]
                          )}
                        </td>
                        {editable && (
                          <td>
                            {/* A link to a confirmation step: removing is never one mis-tap away. */}
                            <a href={`${base}/participants/${p.user_id}/remove`} class="quiet-danger">
                              {t.admin.removeParticipant}
                            </a>
                          </td>
                        )}
                        <td>
                          {editable ? (
                            <input
                              name={`r_${p.user_id}`}
                              value={p.representative ?? ''}
                              placeholder={m.representative}
                              maxlength={LIMITS.representative}
                              aria-label={`${m.representative}: ${p.name}`}
                            />
                          ) : (
                            p.representative
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {editable && (
                  <p class="row-actions">
                    <button type="submit" name="bulk" value={`${unit.code}:present`}>
                      {m.markAllPresent}
                    </button>
                    <button type="submit" name="bulk" value={`${unit.code}:absent`}>
                      {m.markAllAbsent}
                    </button>
                  </p>
                )}
              </details>
            )
          })}
          {attendanceError && <p class="error">{attendanceError}</p>}
          {editable && (
            <button type="submit" class="primary">
              {m.saveAttendance}
            </button>
          )}
        </form>
        {editable && (
          <form method="post" action={`${base}/participants`} class="inline">
            <CsrfField token={ctx.csrfToken} />
            <label for="add-username">{t.admin.addParticipant}</label>
            <input id="add-username" name="username" autocapitalize="none" value={typed.username} />
            <button type="submit">{t.admin.invite}</button>
          </form>
        )}
        <h3>{m.coverageGaps}</h3>
        {gaps.length === 0 ? (
          <p class="muted">{m.noGaps}</p>
        ) : (
          <ul>
            {gaps.map((unit) => (
              <li>
                {regionLabelOf(t, unit.region_code, unit.region_name)}: {unit.missing.map((pillar) => t.pillars[pillar]).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card">
        <h2>{m.minutes}</h2>
        {editable ? (
          <form method="post" action={`${base}/minutes`}>
            <CsrfField token={ctx.csrfToken} />
            <TextField
              name="document_number"
              label={m.documentNumber}
              hint={m.documentNumberHint}
              value={typed.document_number ?? detail.minutes?.document_number}
              errors={errors}
              maxlength={LIMITS.documentNumber}
            />
            <div class="pair">
              {(['chair_id', 'minute_taker_id'] as const).map((field) => (
                <SelectField
                  name={field}
                  label={field === 'chair_id' ? m.chair : m.minuteTaker}
                  value={typed[field] ?? detail.minutes?.[field] ?? ''}
                  errors={errors}
                  options={[{ value: '', label: '—' }, ...detail.participants.map((p) => ({ value: p.user_id, label: p.name }))]}
                />
              ))}
            </div>
            <TextAreaField
              name="summary"
              label={m.summary}
              value={typed.summary ?? detail.minutes?.summary}
              errors={{ summary: errors.summary ?? errors.minutes ?? '' }}
              rows={3}
              maxlength={LIMITS.minutesSummary}
            />
            <TextAreaField
              name="decisions"
              label={m.decisions}
              value={typed.decisions ?? detail.minutes?.decisions}
              errors={errors}
              rows={4}
              maxlength={LIMITS.minutesDecisions}
            />
            <TextAreaField
              name="text"
              label={m.minutesText}
              value={typed.text ?? detail.minutes?.text}
              errors={errors}
              rows={6}
              maxlength={LIMITS.minutesText}
            />
            <button type="submit">{m.saveMinutes}</button>
          </form>
        ) : (
          <div class="description">{detail.minutes ? `${detail.minutes.summary}\n\n${detail.minutes.decisions}` : '—'}</div>
        )}
      </section>

      <section class="card">
        <h2>{m.actionItems}</h2>
        <ul class="report-list">
          {detail.action_items.map((item) => (
            <li class={item.overdue ? 'overdue' : ''}>
              <strong>{item.description}</strong>
              <div class="report-meta">
                <span>{t.pillars[item.responsible_pillar]}</span>
                <span>
                  {m.dueDate}: {calendarDate(item.due_date, lang)}
                </span>
                <span class="badge">{item.status === 'done' ? m.done : t.statuses.in_progress}</span>
                {item.overdue && <strong class="error">{m.overdue}</strong>}
                {may.organise && (
                  <PostButton
                    action={`/action-items/${item.id}`}
                    csrfToken={ctx.csrfToken}
                    label={item.status === 'done' ? m.reopen : m.done}
                    fields={{ status: item.status === 'done' ? 'open' : 'done' }}
                  />
                )}
              </div>
            </li>
          ))}
        </ul>
        {editable && (
          <form method="post" action={`${base}/action-items`} class="event-form">
            <CsrfField token={ctx.csrfToken} />
            <TextField
              id="action-description"
              name="description"
              label={m.actionDescription}
              value={typed.description}
              errors={errors}
              maxlength={LIMITS.actionDescription}
            />
            <div class="pair">
              <PillarField t={t} name="responsible_pillar" label={m.responsiblePillar} errors={errors} />
              <TextField name="due_date" type="date" label={m.dueDate} value={typed.due_date} errors={errors} />
            </div>
            <button type="submit">{m.addAction}</button>
          </form>
        )}
      </section>

      {may.reschedule && (
        <section class="card">
          <PostButton action={`${base}/held`} csrfToken={ctx.csrfToken} label={m.markHeld} kind="primary" />
          <form method="post" action={`${base}/cancel`} class="event-form">
            <CsrfField token={ctx.csrfToken} />
            <TextField name="reason" label={m.cancelReason} value={typed.reason} errors={errors} maxlength={LIMITS.reason} />
            <button type="submit" class="danger">
              {m.cancel}
            </button>
          </form>
        </section>
      )}
    </Layout>
  )
}
