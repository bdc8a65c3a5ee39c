import * as v from 'valibot'
import type { ErrorKey } from '../i18n/index.ts'
import { PILLARS } from './user-input.ts'

const message = (key: ErrorKey) => key
const text = (max: number) =>
  v.pipe(v.string(message('required')), v.trim(), v.nonEmpty(message('required')), v.maxLength(max, message('tooLong')))
const optionalText = (max: number) => v.optional(v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(max, message('tooLong'))), '')

/** Local time (`2027-01-12T09:00`, read in the meeting region's zone) or an instant with offset. */
export const meetingTimeSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})?$/, message('dateTimeFormat')),
)
const httpsUrl = v.nullish(
  v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(500, message('tooLong')), v.check((s) => s === '' || /^https:\/\/[^\s]+$/.test(s), message('httpsUrl'))),
)
const scopeCode = v.pipe(v.string(message('required')), v.trim(), v.regex(/^\d{2}\.\d{2}(\.\d{2})?$/, message('meetingScope')))

export const newMeetingSchema = v.object({
  scope_code: scopeCode,
  kind: v.optional(v.picklist(['quarterly', 'extraordinary'], message('invalidValue')), 'extraordinary'),
  title: text(200),
  starts_at: meetingTimeSchema,
  ends_at: meetingTimeSchema,
  venue: text(200),
  online_url: httpsUrl,
  description: optionalText(5000),
  visibility: v.optional(v.picklist(['public', 'internal'], message('invalidValue')), 'internal'),
  include_villages: v.optional(v.boolean(message('invalidValue')), false),
})
export type NewMeetingInput = v.InferOutput<typeof newMeetingSchema>

export const meetingPatchSchema = v.object({
  title: v.optional(text(200)),
  starts_at: v.optional(meetingTimeSchema),
  ends_at: v.optional(meetingTimeSchema),
  venue: v.optional(text(200)),
  online_url: httpsUrl,
  description: v.optional(v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(5000, message('tooLong')))),
  visibility: v.optional(v.picklist(['public', 'internal'], message('invalidValue'))),
})
export type MeetingPatch = v.InferOutput<typeof meetingPatchSchema>

export const planSchema = v.object({
  scope_code: scopeCode,
  year: v.pipe(v.number(message('required')), v.integer(message('invalidValue')), v.minValue(2000, message('invalidValue')), v.maxValue(2100, message('invalidValue'))),
})

export const cancelSchema = v.object({ reason: text(1000) })

export const attendanceSchema = v.object({
  items: v.pipe(
    v.array(
      v.pipe(
        v.object({
          user_id: v.pipe(v.string(message('required')), v.uuid(message('unknownParticipant'))),
          attendance: v.picklist(['present', 'absent', 'represented', 'unmarked'], message('invalidValue')),
          representative: v.nullish(v.pipe(v.string(message('invalidValue')), v.trim(), v.maxLength(120, message('tooLong')))),
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
  region_code: v.pipe(v.string(message('required')), v.regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, message('regionUnknown'))),
  attendance: v.picklist(['present', 'absent', 'unmarked'], message('invalidValue')),
})

export const minutesSchema = v.object({ summary: text(5000), decisions: optionalText(10000), text: optionalText(50000) })

const DATE = /^\d{4}-\d{2}-\d{2}$/
export const newActionItemSchema = v.object({
  description: text(1000),
  responsible_pillar: v.picklist(PILLARS, message('invalidValue')),
  responsible_user_id: v.nullish(v.pipe(v.string(), v.uuid(message('unknownParticipant')))),
  due_date: v.pipe(v.string(message('required')), v.regex(DATE, message('dateFormat')), v.check((s) => !Number.isNaN(Date.parse(s)), message('dateFormat'))),
  report_id: v.nullish(v.pipe(v.string(), v.uuid(message('notFound')))),
})

export const actionItemPatchSchema = v.object({ status: v.picklist(['open', 'done'], message('invalidValue')) })

export const agendaSchema = v.object({
  items: v.pipe(
    v.array(
      v.object({
        title: text(300),
        notes: optionalText(2000),
        report_id: v.nullish(v.pipe(v.string(), v.uuid(message('notFound')))),
      }),
    ),
    v.maxLength(200, message('tooLong')),
  ),
})

export const participantSchema = v.object({ user_id: v.pipe(v.string(message('required')), v.uuid(message('unknownParticipant'))) })

export const complianceQuerySchema = v.object({
  region: v.pipe(v.string(message('required')), v.regex(/^\d{2}\.\d{2}$/, message('notRegency'))),
  year: v.pipe(v.string(message('required')), v.regex(/^\d{4}$/, message('invalidValue')), v.transform(Number)),
  quarter: v.optional(v.pipe(v.string(), v.regex(/^[1-4]$/, message('invalidValue')), v.transform(Number))),
})

export const meetingListSchema = v.object({
  scope: v.optional(v.pipe(v.string(), v.regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, message('regionUnknown')))),
  from: v.optional(v.pipe(v.string(), v.regex(DATE, message('dateFormat')))),
  to: v.optional(v.pipe(v.string(), v.regex(DATE, message('dateFormat')))),
  status: v.optional(v.picklist(['scheduled', 'held', 'cancelled'], message('invalidValue'))),
})
