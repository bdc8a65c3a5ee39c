import type { Context } from 'hono'
import { Hono } from 'hono'
import { addActionItem, setActionItemStatus } from '../../domain/action-items.ts'
import { redraftAgenda, replaceAgenda } from '../../domain/agenda.ts'
import { compliance } from '../../domain/compliance.ts'
import { recordAttendance } from '../../domain/meeting-attendance.ts'
import { meetingDetail } from '../../domain/meeting-detail.ts'
import {
  actionItemPatchSchema,
  agendaSchema,
  attendanceSchema,
  bulkAttendanceSchema,
  complianceQuerySchema,
  meetingListSchema,
  meetingPatchSchema,
  minutesSchema,
  newActionItemSchema,
  newMeetingSchema,
  participantSchema,
  planSchema,
  reasonSchema,
} from '../../domain/meeting-input.ts'
import { markHeld, reopenMeeting, saveMinutes } from '../../domain/meeting-minutes.ts'
import { addParticipant, removeParticipant } from '../../domain/meeting-participants.ts'
import { cancelMeeting, createMeeting, listMeetings, updateMeeting } from '../../domain/meetings.ts'
import { planYear } from '../../domain/rakor-plan.ts'
import { actionItemJson, meetingJson } from '../../domain/views.ts'
import type { SignedInEnv } from '../../http/env.ts'
import { expensive } from '../../http/per-user-budget.ts'
import { filledParams, parseOrProblem, readJson } from '../../http/validate.ts'

/** A meeting as `GET /api/v1/meetings/:id` shows it. */
async function detailJson(c: Context<SignedInEnv>, id: string) {
  const detail = await meetingDetail(c.var.deps, c.var.user, id, { lang: c.var.lang })
  const { meeting, ...rest } = detail
  return { ...meetingJson(meeting), ...rest }
}

/** Rakor meetings: planning, editing, invitations, agenda, attendance, minutes, action items. */
export const apiMeetings = new Hono<SignedInEnv>()
  .basePath('/meetings')
  .post('/', async (c) => {
    const input = parseOrProblem(newMeetingSchema, await readJson(c.req.raw))
    return c.json(meetingJson(await createMeeting(c.var.deps, c.var.user, input)), 201)
  })
  .post('/plan', expensive, async (c) => {
    const { scope_code, year } = parseOrProblem(planSchema, await readJson(c.req.raw))
    return c.json({ items: (await planYear(c.var.deps, c.var.user, scope_code, year)).map(meetingJson) })
  })
  .get('/', async (c) => {
    const filter = parseOrProblem(meetingListSchema, filledParams(c.req.query()))
    return c.json({ items: (await listMeetings(c.var.deps, c.var.user, filter, c.var.lang)).map(meetingJson) })
  })
  .get('/:id', async (c) => c.json(await detailJson(c, c.req.param('id'))))
  .patch('/:id', async (c) => {
    const patch = parseOrProblem(meetingPatchSchema, await readJson(c.req.raw))
    return c.json(meetingJson(await updateMeeting(c.var.deps, c.var.user, c.req.param('id'), patch)))
  })
  .post('/:id/cancel', async (c) => {
    const { reason } = parseOrProblem(reasonSchema, await readJson(c.req.raw))
    return c.json(meetingJson(await cancelMeeting(c.var.deps, c.var.user, c.req.param('id'), reason)))
  })
  .post('/:id/reopen', async (c) => {
    const { reason } = parseOrProblem(reasonSchema, await readJson(c.req.raw))
    return c.json(meetingJson(await reopenMeeting(c.var.deps, c.var.user, c.req.param('id'), reason)))
  })
  .put('/:id/attendance', async (c) => {
    const { items } = parseOrProblem(attendanceSchema, await readJson(c.req.raw))
    await recordAttendance(c.var.deps, c.var.user, c.req.param('id'), items)
    return c.json(await detailJson(c, c.req.param('id')))
  })
  .post('/:id/attendance/bulk', async (c) => {
    const { region_code, attendance } = parseOrProblem(bulkAttendanceSchema, await readJson(c.req.raw))
    const changed = await recordAttendance(c.var.deps, c.var.user, c.req.param('id'), [], { region_code, attendance })
    return c.json({ changed })
  })
  .put('/:id/minutes', async (c) => {
    const minutes = parseOrProblem(minutesSchema, await readJson(c.req.raw))
    await saveMinutes(c.var.deps, c.var.user, c.req.param('id'), minutes)
    return c.json(await detailJson(c, c.req.param('id')))
  })
  .post('/:id/held', async (c) => c.json(meetingJson(await markHeld(c.var.deps, c.var.user, c.req.param('id')))))
  .post('/:id/action-items', async (c) => {
    const input = parseOrProblem(newActionItemSchema, await readJson(c.req.raw))
    const item = await addActionItem(c.var.deps, c.var.user, c.req.param('id'), input)
    return c.json(actionItemJson(item, c.var.deps.clock()), 201)
  })
  .put('/:id/agenda', async (c) => {
    const { items } = parseOrProblem(agendaSchema, await readJson(c.req.raw))
    await replaceAgenda(c.var.deps, c.var.user, c.req.param('id'), items)
    return c.json(await detailJson(c, c.req.param('id')))
  })
  .post('/:id/agenda/draft', async (c) => {
    const added = await redraftAgenda(c.var.deps, c.var.user, c.req.param('id'))
    return c.json({ added, ...(await detailJson(c, c.req.param('id'))) })
  })
  .post('/:id/participants', async (c) => {
    const { user_id } = parseOrProblem(participantSchema, await readJson(c.req.raw))
    await addParticipant(c.var.deps, c.var.user, c.req.param('id'), user_id)
    return c.json(await detailJson(c, c.req.param('id')), 201)
  })
  .delete('/:id/participants/:userId', async (c) => {
    await removeParticipant(c.var.deps, c.var.user, c.req.param('id'), c.req.param('userId'))
    return c.body(null, 204)
  })

/** Action items by id, and the compliance view. */
export const apiMeetingViews = new Hono<SignedInEnv>()
  .patch('/action-items/:id', async (c) => {
    const { status } = parseOrProblem(actionItemPatchSchema, await readJson(c.req.raw))
    return c.json(actionItemJson(await setActionItemStatus(c.var.deps, c.var.user, c.req.param('id'), status), c.var.deps.clock()))
  })
  .get('/compliance', expensive, async (c) => {
    const { region, year, quarter } = parseOrProblem(complianceQuerySchema, c.req.query())
    return c.json({ items: await compliance(c.var.deps, c.var.user, region, year, quarter) })
  })
