import * as v from 'valibot'
import { LIMITS } from './input-limits.ts'
import { anyRegionCode, dateSchema, integer, message, optionalText, regionCode, text, uuid } from './input-parts.ts'
import { PILLARS } from './roles.ts'

/** Local time (`2027-01-12T09:00`, read in the meeting region's zone) or an instant with offset. */
export const meetingTimeSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/, message('dateTimeFormat')),
)
const httpsUrl = v.nullish(
  v.pipe(
    v.string(message('invalidValue')),
    v.trim(),
    v.maxLength(LIMITS.onlineUrl, message('tooLong')),
    v.check((s) => s === '' || /^https:\/\/[^\s]+$/.test(s), message('httpsUrl')),
  ),
)
/** Rakor are held by a regency or a district. */
const meetingScope = regionCode(['regency', 'district'], 'meetingScope')
const visibility = v.picklist(['public', 'internal'], message('invalidValue'))

export const newMeetingSchema = v.object({
  scope_code: meetingScope,
  kind: v.optional(v.picklist(['quarterly', 'extraordinary'], message('invalidValue')), 'extraordinary'),
  title: text(LIMITS.meetingTitle),
  starts_at: meetingTimeSchema,
  ends_at: meetingTimeSchema,
  venue: text(LIMITS.venue),
  online_url: httpsUrl,
  description: optionalText(LIMITS.meetingDescription),
  visibility: v.optional(visibility, 'internal'),
  include_villages: v.optional(v.boolean(message('invalidValue')), false),
})
export type NewMeetingInput = v.InferOutput<typeof newMeetingSchema>

export const meetingPatchSchema = v.object({
  title: v.optional(text(LIMITS.meetingTitle)),
  starts_at: v.optional(meetingTimeSchema),
  ends_at: v.optional(meetingTimeSchema),
  venue: v.optional(text(LIMITS.venue)),
  online_url: httpsUrl,
  description: v.optional(v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(LIMITS.meetingDescription, message('tooLong')))),
  visibility: v.optional(visibility),
})
export type MeetingPatch = v.InferOutput<typeof meetingPatchSchema>

export const planSchema = v.object({ scope_code: meetingScope, year: integer(2000, 2100) })

export const reasonSchema = v.object({ reason: text(LIMITS.reason) })

/** Whether someone came: marked present, absent, or represented by someone named. */
export const ATTENDANCE = ['unmarked', 'present', 'absent', 'represented'] as const

export const attendanceSchema = v.object({
  items: v.pipe(
    v.array(
      v.pipe(
        v.object({
          user_id: uuid('unknownParticipant'),
          attendance: v.picklist(ATTENDANCE, message('invalidValue')),
          representative: v.nullish(
            v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(LIMITS.representative, message('tooLong'))),
          ),
        }),
        v.forward(
          v.check((item) => item.attendance !== 'represented' || !!item.representative, message('representativeRequired')),
          ['representative'],
        ),
      ),
      message('invalidValue'),
    ),
    v.maxLength(5000, message('tooLong')),
  ),
})

export const bulkAttendanceSchema = v.object({
  region_code: anyRegionCode,
  attendance: v.picklist(['present', 'absent', 'unmarked'], message('invalidValue')),
})

export const minutesSchema = v.object({
  summary: text(LIMITS.minutesSummary),
  decisions: optionalText(LIMITS.minutesDecisions),
  text: optionalText(LIMITS.minutesText),
  document_number: optionalText(LIMITS.documentNumber),
  /** Who chaired and who took the minutes: participants of the meeting. */
  chair_id: v.nullish(uuid('unknownParticipant'), null),
  minute_taker_id: v.nullish(uuid('unknownParticipant'), null),
})
export type MinutesInput = v.InferOutput<typeof minutesSchema>

export const newActionItemSchema = v.object({
  description: text(LIMITS.actionDescription),
  responsible_pillar: v.picklist(PILLARS, message('invalidValue')),
  responsible_user_id: v.nullish(uuid('unknownParticipant')),
  due_date: dateSchema,
  report_id: v.nullish(uuid('notFound')),
})

export const actionItemPatchSchema = v.object({ status: v.picklist(['open', 'done'], message('invalidValue')) })

/** An agenda item as organisers write it; one linked to a report keeps the link. */
export const agendaItemSchema = v.object({
  title: text(LIMITS.agendaTitle),
  notes: optionalText(LIMITS.agendaNotes),
  report_id: v.nullish(uuid('notFound')),
})

export const agendaSchema = v.object({ items: v.pipe(v.array(agendaItemSchema), v.maxLength(200, message('tooLong'))) })

export const participantSchema = v.object({ user_id: uuid('unknownParticipant') })

export const complianceQuerySchema = v.object({
  region: regionCode(['regency'], 'notRegency'),
  year: v.pipe(v.string(message('required')), v.regex(/^\d{4}$/, message('invalidValue')), v.transform(Number)),
  quarter: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[1-4]$/, message('invalidValue')),
      v.transform((q) => Number(q) as 1 | 2 | 3 | 4),
    ),
  ),
})

export const meetingListSchema = v.object({
  scope: v.optional(anyRegionCode),
  from: v.optional(dateSchema),
  to: v.optional(dateSchema),
  status: v.optional(v.picklist(['scheduled', 'held', 'cancelled'], message('invalidValue'))),
})
