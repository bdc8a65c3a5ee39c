import type { Context } from 'hono'
import { Hono } from 'hono'
import { CompliancePage } from '../../templates/compliance-page.tsx'
import { ConfirmPage } from '../../templates/confirm-page.tsx'
import { MeetingFormPage } from '../../templates/meeting-form-page.tsx'
import { MeetingPage } from '../../templates/meeting-page.tsx'
import { MeetingsPage } from '../../templates/meetings-page.tsx'
import { MinutesPage } from '../../templates/minutes-page.tsx'
import { addActionItem, setActionItemStatus } from '../domain/action-items.ts'
import { type AgendaEdit, editAgenda, redraftAgenda } from '../domain/agenda.ts'
import { calendarFeed } from '../domain/calendar-feed.ts'
import { compliance } from '../domain/compliance.ts'
import { DomainError } from '../domain/errors.ts'
import { localDate, localInputValue } from '../domain/local-time.ts'
import { organisedMeeting, visibleMeeting } from '../domain/meeting-access.ts'
import { recordAttendance } from '../domain/meeting-attendance.ts'
import { meetingDetail } from '../domain/meeting-detail.ts'
import {
  agendaItemSchema,
  attendanceSchema,
  bulkAttendanceSchema,
  complianceQuerySchema,
  meetingPatchSchema,
  minutesSchema,
  newActionItemSchema,
  newMeetingSchema,
  planSchema,
  reasonSchema,
} from '../domain/meeting-input.ts'
import { markHeld, reopenMeeting, saveMinutes } from '../domain/meeting-minutes.ts'
import { addParticipant, removeParticipant } from '../domain/meeting-participants.ts'
import { cancelMeeting, createMeeting, listMeetings, updateMeeting } from '../domain/meetings.ts'
import { assertCan, meetingPermissions, organisedScope } from '../domain/permissions.ts'
import { planYear } from '../domain/rakor-plan.ts'
import { letterhead } from '../domain/regency-settings.ts'
import { regionChoices } from '../domain/region-choices.ts'
import { findRegion, regencyOfCode, regionPath, timezoneOfCode } from '../domain/regions.ts'
import { findUserByUsername } from '../domain/users.ts'
import { calendarResponse } from '../http/calendar-response.ts'
import type { SignedInEnv } from '../http/env.ts'
import { type FormFeedback, formFields, handleForm } from '../http/form.ts'
import { pageContext } from '../http/page.ts'
import { expensive } from '../http/per-user-budget.ts'
import { parseOrProblem } from '../http/validate.ts'

const DAY = 86_400_000

async function renderMeeting(c: Context<SignedInEnv>, feedback?: FormFeedback, typed?: Record<string, string>) {
  const detail = await meetingDetail(c.var.deps, c.var.user, c.req.param('id') ?? '', { lang: c.var.lang })
  const page = (
    <MeetingPage
      ctx={pageContext(c)}
      detail={detail}
      may={meetingPermissions(c.var.user, detail.meeting)}
      errors={feedback?.errors ?? {}}
      alert={feedback?.alert}
      typed={typed}
    />
  )
  return c.html(page, feedback?.status ?? 200)
}

/**
 * Runs a change from the meeting page: success goes back to the page (303), a refusal
 * re-shows it with the message beside its field, or on top, and what was typed (`form`) kept.
 */
function meetingAction(c: Context<SignedInEnv>, change: () => Promise<unknown>, form?: Record<string, string>) {
  return handleForm(
    c,
    (feedback) => renderMeeting(c, feedback, form),
    async () => {
      await change()
      return c.redirect(`/meetings/${c.req.param('id')}`, 303)
    },
  )
}

async function renderMeetingForm(
  c: Context<SignedInEnv>,
  values: Record<string, string | undefined>,
  meetingId?: string,
  feedback?: FormFeedback,
) {
  // A new meeting's scope is chosen among the districts (and the regency) the user organises for.
  const scopes = meetingId ? undefined : await regionChoices(c.var.deps.db, c.var.user.scope_code, 'districts')
  const page = (
    <MeetingFormPage
      ctx={pageContext(c)}
      meetingId={meetingId}
      scopes={scopes}
      values={values}
      errors={feedback?.errors ?? {}}
      alert={feedback?.alert}
    />
  )
  return c.html(page, feedback?.status ?? 200)
}

/** One agenda change of the meeting page's form (`op` is `add`, `redraft`, `remove:i`, `up:i`, `down:i`). */
function agendaEdit(form: Record<string, string>): AgendaEdit | 'redraft' {
  const [op = '', index = ''] = (form.op ?? '').split(':')
  if (op === 'redraft') return 'redraft'
  if (op === 'add') return { op, ...parseOrProblem(agendaItemSchema, { title: form.title ?? '', notes: form.notes ?? '' }) }
  if (op === 'remove' || op === 'up' || op === 'down') return { op, index: Number(index) }
  throw new DomainError('invalid', 'invalidValue', 'op')
}

/** Rakor pages: list and planning, create/edit, the meeting page and its forms, minutes, compliance. */
export const meetingRoutes = new Hono<SignedInEnv>()
  // Before /meetings/:id, which would take `<id>.ics` for an id.
  .get('/meetings/:file{[0-9a-f-]{36}\\.ics}', async (c) => {
    const meeting = await visibleMeeting(c.var.deps, c.var.user, c.req.param('file').slice(0, -4))
    const text = { name: meeting.title, description: meeting.title, origin: c.var.deps.publicUrl }
    const lastModified = new Date(Math.floor(Date.parse(meeting.updated_at) / 1000) * 1000)
    return calendarResponse(c, calendarFeed([meeting], text, lastModified), { private: true, filename: `rakor-${meeting.id}.ics` })
  })
  .get('/meetings', async (c) => {
    const { user, deps } = c.var
    const meetings = await listMeetings(deps, user, {}, c.var.lang)
    const notice = c.req.query('planned') ? c.var.t.meetings.planned : undefined
    const year = deps.clock().getUTCFullYear() + 1
    const organised = organisedScope(user)
    const page = (
      <MeetingsPage
        ctx={pageContext(c)}
        meetings={meetings}
        canOrganise={organised !== null}
        defaultScope={user.scope_code}
        planRegions={organised ? await regionChoices(deps.db, organised, 'districts') : undefined}
        defaultYear={year}
        notice={notice}
      />
    )
    return c.html(page)
  })
  .post('/meetings/plan', expensive, async (c) => {
    const form = await formFields(c)
    const { scope_code, year } = parseOrProblem(planSchema, { scope_code: form.scope_code ?? '', year: Number(form.year) })
    await planYear(c.var.deps, c.var.user, scope_code, year)
    return c.redirect('/meetings?planned=1', 303)
  })
  .get('/meetings/new', (c) => {
    const { user, deps } = c.var
    assertCan(user, 'meeting.organise', user.scope_code)
    const tomorrow = localDate(new Date(deps.clock().getTime() + DAY), timezoneOfCode(user.scope_code))
    const values = {
      scope_code: user.scope_code,
      kind: 'extraordinary',
      starts_at: `${tomorrow}T09:00`,
      ends_at: `${tomorrow}T12:00`,
      visibility: 'internal',
    }
    return renderMeetingForm(c, values)
  })
  .post('/meetings', async (c) => {
    const form = await formFields(c)
    return handleForm(
      c,
      (feedback) => renderMeetingForm(c, form, undefined, feedback),
      async () => {
        const input = parseOrProblem(newMeetingSchema, {
          ...form,
          include_villages: form.include_villages === '1',
          online_url: form.online_url || null,
        })
        const meeting = await createMeeting(c.var.deps, c.var.user, input)
        return c.redirect(`/meetings/${meeting.id}`, 303)
      },
    )
  })
  .get('/meetings/:id', (c) => renderMeeting(c))
  .get('/meetings/:id/edit', async (c) => {
    const meeting = await organisedMeeting(c.var.deps, c.var.user, c.req.param('id'))
    const zone = timezoneOfCode(meeting.scope_code)
    const values = {
      title: meeting.title,
      venue: meeting.venue,
      description: meeting.description,
      visibility: meeting.visibility,
      online_url: meeting.online_url ?? '',
      starts_at: localInputValue(meeting.starts_at, zone),
      ends_at: localInputValue(meeting.ends_at, zone),
    }
    return renderMeetingForm(c, values, meeting.id)
  })
  .post('/meetings/:id', async (c) => {
    const form = await formFields(c)
    const id = c.req.param('id')
    return handleForm(
      c,
      (feedback) => renderMeetingForm(c, form, id, feedback),
      async () => {
        await updateMeeting(
          c.var.deps,
          c.var.user,
          id,
          parseOrProblem(meetingPatchSchema, { ...form, online_url: form.online_url ?? null }),
        )
        return c.redirect(`/meetings/${id}`, 303)
      },
    )
  })
  .post('/meetings/:id/agenda', async (c) => {
    const form = await formFields(c)
    return meetingAction(
      c,
      async () => {
        const edit = agendaEdit(form)
        if (edit === 'redraft') return redraftAgenda(c.var.deps, c.var.user, c.req.param('id'))
        return editAgenda(c.var.deps, c.var.user, c.req.param('id'), edit)
      },
      form,
    )
  })
  // The attendance form: "Simpan" saves every row; a unit's "Semua hadir"/"Semua tidak hadir"
  // (`bulk` = `<region>:<attendance>`) saves the rows as edited and marks that one unit alike.
  .post('/meetings/:id/attendance', async (c) => {
    const form = await formFields(c)
    const items = Object.entries(form)
      .filter(([key]) => key.startsWith('a_'))
      .map(([key, attendance]) => ({ user_id: key.slice(2), attendance, representative: form[`r_${key.slice(2)}`]?.trim() || null }))
    const [region_code = '', attendance = ''] = (form.bulk ?? '').split(':')
    return meetingAction(c, async () => {
      const parsed = parseOrProblem(attendanceSchema, { items })
      const unit = form.bulk === undefined ? undefined : parseOrProblem(bulkAttendanceSchema, { region_code, attendance })
      return recordAttendance(c.var.deps, c.var.user, c.req.param('id'), parsed.items, unit)
    })
  })
  .post('/meetings/:id/participants', async (c) => {
    const form = await formFields(c)
    const username = form.username ?? ''
    return meetingAction(
      c,
      async () => {
        const user = await findUserByUsername(c.var.deps, username)
        if (!user) throw new DomainError('invalid', 'unknownParticipant', 'username')
        return addParticipant(c.var.deps, c.var.user, c.req.param('id'), user.id)
      },
      form,
    )
  })
  .get('/meetings/:id/participants/:userId/remove', async (c) => {
    const { deps, user, t } = c.var
    const detail = await meetingDetail(deps, user, c.req.param('id'))
    if (!meetingPermissions(user, detail.meeting).record) throw new DomainError('conflict', 'meetingLocked')
    const participant = detail.participants.find((p) => p.user_id === c.req.param('userId'))
    if (!participant) throw new DomainError('not_found', 'notFound')
    const page = (
      <ConfirmPage
        ctx={pageContext(c)}
        title={t.meetings.removeConfirmTitle}
        question={t.meetings.removeConfirm(participant.name, detail.meeting.title)}
        action={`/meetings/${detail.meeting.id}/participants/remove`}
        fields={{ user_id: participant.user_id }}
        confirmLabel={t.meetings.removeYes}
        back={`/meetings/${detail.meeting.id}`}
      />
    )
    return c.html(page)
  })
  .post('/meetings/:id/participants/remove', async (c) => {
    const userId = (await formFields(c)).user_id ?? ''
    return meetingAction(c, () => removeParticipant(c.var.deps, c.var.user, c.req.param('id'), userId))
  })
  .post('/meetings/:id/minutes', async (c) => {
    const form = await formFields(c)
    // An unchosen chair or minute-taker comes as an empty select.
    const chosen = { chair_id: form.chair_id || null, minute_taker_id: form.minute_taker_id || null }
    return meetingAction(
      c,
      () => saveMinutes(c.var.deps, c.var.user, c.req.param('id'), parseOrProblem(minutesSchema, { ...form, ...chosen })),
      form,
    )
  })
  .post('/meetings/:id/held', (c) => meetingAction(c, () => markHeld(c.var.deps, c.var.user, c.req.param('id'))))
  .post('/meetings/:id/reopen', async (c) => {
    const form = await formFields(c)
    return meetingAction(c, () => reopenMeeting(c.var.deps, c.var.user, c.req.param('id'), parseOrProblem(reasonSchema, form).reason), form)
  })
  .post('/meetings/:id/cancel', async (c) => {
    const form = await formFields(c)
    return meetingAction(c, () => cancelMeeting(c.var.deps, c.var.user, c.req.param('id'), parseOrProblem(reasonSchema, form).reason), form)
  })
  .post('/meetings/:id/action-items', async (c) => {
    const form = await formFields(c)
    return meetingAction(
      c,
      () =>
        addActionItem(
          c.var.deps,
          c.var.user,
          c.req.param('id'),
          parseOrProblem(newActionItemSchema, { ...form, responsible_user_id: null, report_id: null }),
        ),
      form,
    )
  })
  .post('/action-items/:id', async (c) => {
    const form = await formFields(c)
    const item = await setActionItemStatus(c.var.deps, c.var.user, c.req.param('id'), form.status === 'done' ? 'done' : 'open')
    return c.redirect(`/meetings/${item.meeting_id}`, 303)
  })
  .get('/meetings/:id/minutes', async (c) => {
    // The minutes are read by the whole meeting: they show only what every participant may see.
    const detail = await meetingDetail(c.var.deps, c.var.user, c.req.param('id'), { audience: 'whole', lang: c.var.lang })
    const path = (await regionPath(c.var.deps.db, detail.meeting.scope_code)).filter((region) => region.level !== 'province')
    const head = await letterhead(c.var.deps, regencyOfCode(detail.meeting.scope_code))
    return c.html(<MinutesPage ctx={pageContext(c)} detail={detail} regionPath={path} letterhead={head} />)
  })
  .get('/compliance', expensive, async (c) => {
    const { user, deps } = c.var
    const query = c.req.query()
    const year = deps.clock().getUTCFullYear()
    const parsed = parseOrProblem(complianceQuerySchema, {
      region: query.region || regencyOfCode(user.scope_code),
      year: query.year || String(year),
      quarter: query.quarter || undefined,
    })
    const items = await compliance(deps, user, parsed.region, parsed.year, parsed.quarter)
    const regency = await findRegion(deps.db, parsed.region)
    const page = (
      <CompliancePage
        ctx={pageContext(c)}
        region={parsed.region}
        regencyName={regency?.name ?? parsed.region}
        year={parsed.year}
        quarter={parsed.quarter}
        items={items}
      />
    )
    return c.html(page)
  })
