import { Hono } from 'hono'
import type { Context } from 'hono'
import * as v from 'valibot'
import { CompliancePage } from '../../templates/compliance-page.tsx'
import { MeetingFormPage, type MeetingFormValues } from '../../templates/meeting-form-page.tsx'
import { MeetingPage } from '../../templates/meeting-page.tsx'
import { MeetingsPage } from '../../templates/meetings-page.tsx'
import { MinutesPage } from '../../templates/minutes-page.tsx'
import { meetingsCalendar } from '../domain/calendar-feed.ts'
import { compliance } from '../domain/compliance.ts'
import { DomainError } from '../domain/errors.ts'
import { toLocalIso } from '../domain/local-time.ts'
import { canOrganise, organisedMeeting, visibleMeeting } from '../domain/meeting-access.ts'
import {
  cancelSchema,
  complianceQuerySchema,
  meetingPatchSchema,
  minutesSchema,
  newActionItemSchema,
  newMeetingSchema,
  planSchema,
} from '../domain/meeting-input.ts'
import {
  addActionItem,
  addParticipant,
  markHeld,
  meetingDetail,
  recordAttendance,
  recordUnitAttendance,
  redraftAgenda,
  removeParticipant,
  replaceAgenda,
  saveMinutes,
  setActionItemStatus,
} from '../domain/meeting-records.ts'
import { agendaOf, cancelMeeting, createMeeting, listMeetings, updateMeeting } from '../domain/meetings.ts'
import { planYear } from '../domain/rakor-plan.ts'
import { findUserByUsername } from '../domain/users.ts'
import { regionPath, timezoneOfCode } from '../domain/regions.ts'
import type { Attendance } from '../db/schema.ts'
import { calendarResponse } from '../http/calendar-response.ts'
import type { AppEnv } from '../http/env.ts'
import { formErrors, formFields, pageContext, requireSignedIn } from '../http/page.ts'
import { refusalFor } from '../http/problem.ts'
import { parseOrProblem } from '../http/validate.ts'

type Status = 200 | 201 | 403 | 404 | 409 | 422

async function renderMeeting(c: Context<AppEnv>, shown: { errors?: Record<string, string>; alert?: string; notice?: string } = {}, status: Status = 200) {
  const detail = await meetingDetail(c.var.deps, c.var.user!, c.req.param('id') ?? '')
  return c.html(
    <MeetingPage ctx={pageContext(c)} detail={detail} canOrganise={canOrganise(c.var.user!, detail.meeting)} errors={shown.errors ?? {}} alert={shown.alert} notice={shown.notice} />,
    status,
  )
}

/**
 * Runs a change from the meeting page: success goes back to the page (303), a refusal
 * re-shows it with the message beside its field, or on top.
 */
async function meetingAction(c: Context<AppEnv>, change: () => Promise<unknown>) {
  try {
    await change()
  } catch (error) {
    const refusal = refusalFor(error)
    if (!refusal || refusal.status === 404) throw error
    const field = error instanceof DomainError ? error.field : undefined
    return renderMeeting(c, { errors: field ? { [field]: c.var.t.errors[refusal.key] } : {}, alert: c.var.t.errors[refusal.key] }, refusal.status as Status)
  }
  return c.redirect(`/meetings/${c.req.param('id')}`, 303)
}

function formValues(form: Record<string, string>): MeetingFormValues {
  return { ...form }
}

/** Rakor pages: list and planning, create/edit, the meeting page and its forms, minutes, compliance. */
export const meetingRoutes = new Hono<AppEnv>()
  .use('/meetings', requireSignedIn())
  .use('/meetings/*', requireSignedIn())
  .use('/action-items/*', requireSignedIn())
  .use('/compliance', requireSignedIn())
  // Before /meetings/:id, which would take `<id>.ics` for an id.
  .get('/meetings/:file{[0-9a-f-]{36}\\.ics}', async (c) => {
    const meeting = await visibleMeeting(c.var.deps, c.var.user!, c.req.param('file').slice(0, -4))
    const body = meetingsCalendar([meeting], { name: meeting.title, description: meeting.title, origin: new URL(c.req.url).origin })
    return calendarResponse(c, body, new Date(Math.floor(Date.parse(meeting.updated_at) / 1000) * 1000), { private: true, filename: `rakor-${meeting.id}.ics` })
  })
  .get('/meetings', async (c) => {
    const user = c.var.user!
    const meetings = await listMeetings(c.var.deps, user, {})
    const organiser = user.role !== 'reporter'
    const notice = c.req.query('planned') ? c.var.t.users.saved : undefined
    const year = c.var.deps.clock().getUTCFullYear() + 1
    return c.html(<MeetingsPage ctx={pageContext(c)} meetings={meetings} canOrganise={organiser} defaultScope={user.scope_code} defaultYear={year} notice={notice} />)
  })
  .post('/meetings/plan', async (c) => {
    const form = await formFields(c)
    const { scope_code, year } = parseOrProblem(planSchema, { scope_code: form.scope_code ?? '', year: Number(form.year) })
    await planYear(c.var.deps, c.var.user!, scope_code, year)
    return c.redirect('/meetings?planned=1', 303)
  })
  .get('/meetings/new', (c) => {
    const user = c.var.user!
    if (user.role === 'reporter') throw new DomainError('forbidden', 'forbidden')
    const tomorrow = toLocalIso(new Date(c.var.deps.clock().getTime() + 86_400_000).toISOString(), timezoneOfCode(user.scope_code)).slice(0, 10)
    const values = { scope_code: user.scope_code, kind: 'extraordinary', starts_at: `${tomorrow}T09:00`, ends_at: `${tomorrow}T12:00`, visibility: 'internal' }
    return c.html(<MeetingFormPage ctx={pageContext(c)} values={values} errors={{}} />)
  })
  .post('/meetings', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(newMeetingSchema, { ...form, include_villages: form.include_villages === '1', online_url: form.online_url || null })
    const reshow = (errors: Record<string, string>, status: Status) =>
      c.html(<MeetingFormPage ctx={pageContext(c)} values={formValues(form)} errors={errors} alert={c.var.t.errors.validation} />, status)
    if (!parsed.success) return reshow(formErrors(c, parsed.issues), 422)
    try {
      const meeting = await createMeeting(c.var.deps, c.var.user!, parsed.output)
      return c.redirect(`/meetings/${meeting.id}`, 303)
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return reshow({ [error.field]: c.var.t.errors[error.key] }, refusalFor(error)!.status as Status)
    }
  })
  .get('/meetings/:id', (c) => renderMeeting(c))
  .get('/meetings/:id/edit', async (c) => {
    const meeting = await organisedMeeting(c.var.deps, c.var.user!, c.req.param('id'))
    const zone = timezoneOfCode(meeting.scope_code)
    const values = {
      title: meeting.title,
      venue: meeting.venue,
      description: meeting.description,
      visibility: meeting.visibility,
      online_url: meeting.online_url ?? '',
      starts_at: toLocalIso(meeting.starts_at, zone).slice(0, 16),
      ends_at: toLocalIso(meeting.ends_at, zone).slice(0, 16),
    }
    return c.html(<MeetingFormPage ctx={pageContext(c)} meetingId={meeting.id} values={values} errors={{}} />)
  })
  .post('/meetings/:id', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(meetingPatchSchema, { ...form, online_url: form.online_url ?? null })
    const reshow = (errors: Record<string, string>, status: Status) =>
      c.html(<MeetingFormPage ctx={pageContext(c)} meetingId={c.req.param('id')} values={formValues(form)} errors={errors} alert={c.var.t.errors.validation} />, status)
    if (!parsed.success) return reshow(formErrors(c, parsed.issues), 422)
    try {
      await updateMeeting(c.var.deps, c.var.user!, c.req.param('id'), parsed.output)
    } catch (error) {
      if (!(error instanceof DomainError) || !error.field) throw error
      return reshow({ [error.field]: c.var.t.errors[error.key] }, refusalFor(error)!.status as Status)
    }
    return c.redirect(`/meetings/${c.req.param('id')}`, 303)
  })
  .post('/meetings/:id/agenda', async (c) => {
    const form = await formFields(c)
    const id = c.req.param('id')
    const [op = '', index = ''] = (form.op ?? '').split(':')
    return meetingAction(c, async () => {
      if (op === 'redraft') return redraftAgenda(c.var.deps, c.var.user!, id)
      await organisedMeeting(c.var.deps, c.var.user!, id)
      const items = (await agendaOf(c.var.deps, id)).map(({ title, notes, report_id }) => ({ title, notes, report_id }))
      const i = Number(index)
      if (op === 'add') {
        if (!form.title?.trim()) throw new DomainError('invalid', 'required', 'title')
        items.push({ title: form.title.trim(), notes: form.notes?.trim() ?? '', report_id: null })
      } else if (op === 'remove' && items[i]) items.splice(i, 1)
      else if ((op === 'up' || op === 'down') && items[i]) {
        const j = op === 'up' ? i - 1 : i + 1
        if (items[j]) [items[i], items[j]] = [items[j]!, items[i]!]
      }
      return replaceAgenda(c.var.deps, c.var.user!, id, items)
    })
  })
  .post('/meetings/:id/attendance', async (c) => {
    const form = await formFields(c)
    const items = Object.entries(form)
      .filter(([key]) => key.startsWith('a_'))
      .map(([key, attendance]) => ({ user_id: key.slice(2), attendance: attendance as Attendance, representative: form[`r_${key.slice(2)}`]?.trim() || null }))
    const missing = items.find((item) => item.attendance === 'represented' && !item.representative)
    if (missing) return renderMeeting(c, { errors: { attendance: c.var.t.errors.representativeRequired }, alert: c.var.t.errors.representativeRequired }, 422)
    return meetingAction(c, () => recordAttendance(c.var.deps, c.var.user!, c.req.param('id'), items))
  })
  .post('/meetings/:id/attendance/bulk', async (c) => {
    const [region = '', attendance = ''] = ((await formFields(c)).bulk ?? '').split(':')
    if (attendance !== 'present' && attendance !== 'absent') throw new DomainError('invalid', 'invalidValue', 'bulk')
    return meetingAction(c, () => recordUnitAttendance(c.var.deps, c.var.user!, c.req.param('id'), region, attendance))
  })
  .post('/meetings/:id/participants', async (c) => {
    const username = (await formFields(c)).username ?? ''
    return meetingAction(c, async () => {
      const user = await findUserByUsername(c.var.deps, username)
      if (!user) throw new DomainError('invalid', 'unknownParticipant', 'username')
      return addParticipant(c.var.deps, c.var.user!, c.req.param('id'), user.id)
    })
  })
  .post('/meetings/:id/participants/remove', async (c) => {
    const userId = (await formFields(c)).user_id ?? ''
    return meetingAction(c, () => removeParticipant(c.var.deps, c.var.user!, c.req.param('id'), userId))
  })
  .post('/meetings/:id/minutes', async (c) => {
    const parsed = v.safeParse(minutesSchema, await formFields(c))
    if (!parsed.success) return renderMeeting(c, { errors: formErrors(c, parsed.issues), alert: c.var.t.errors.validation }, 422)
    return meetingAction(c, () => saveMinutes(c.var.deps, c.var.user!, c.req.param('id'), parsed.output))
  })
  .post('/meetings/:id/held', (c) => meetingAction(c, () => markHeld(c.var.deps, c.var.user!, c.req.param('id'))))
  .post('/meetings/:id/cancel', async (c) => {
    const parsed = v.safeParse(cancelSchema, await formFields(c))
    if (!parsed.success) return renderMeeting(c, { errors: formErrors(c, parsed.issues), alert: c.var.t.errors.validation }, 422)
    return meetingAction(c, () => cancelMeeting(c.var.deps, c.var.user!, c.req.param('id'), parsed.output.reason))
  })
  .post('/meetings/:id/action-items', async (c) => {
    const form = await formFields(c)
    const parsed = v.safeParse(newActionItemSchema, { ...form, responsible_user_id: null, report_id: null })
    if (!parsed.success) return renderMeeting(c, { errors: formErrors(c, parsed.issues), alert: c.var.t.errors.validation }, 422)
    return meetingAction(c, () => addActionItem(c.var.deps, c.var.user!, c.req.param('id'), parsed.output))
  })
  .post('/action-items/:id', async (c) => {
    const form = await formFields(c)
    const item = await setActionItemStatus(c.var.deps, c.var.user!, c.req.param('id'), form.status === 'done' ? 'done' : 'open')
    return c.redirect(`/meetings/${item.meeting_id}`, 303)
  })
  .get('/meetings/:id/minutes', async (c) => {
    const detail = await meetingDetail(c.var.deps, c.var.user!, c.req.param('id'))
    const names = (await regionPath(c.var.deps.db, detail.meeting.scope_code))
      .filter((region) => region.level !== 'province')
      .map((region) => (region.level === 'district' ? `Kecamatan ${region.name}` : region.name))
    return c.html(<MinutesPage ctx={pageContext(c)} detail={detail} regionNames={names} />)
  })
  .get('/compliance', async (c) => {
    const user = c.var.user!
    const query = c.req.query()
    const year = c.var.deps.clock().getUTCFullYear()
    const parsed = parseOrProblem(complianceQuerySchema, { region: query.region || user.scope_code.slice(0, 5), year: query.year || String(year), quarter: query.quarter || undefined })
    const items = await compliance(c.var.deps, user, parsed.region, parsed.year, parsed.quarter as 1 | 2 | 3 | 4 | undefined)
    return c.html(<CompliancePage ctx={pageContext(c)} region={parsed.region} year={parsed.year} quarter={parsed.quarter} items={items} />)
  })

