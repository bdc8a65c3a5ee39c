import * as v from 'valibot'
import { ALERT_LEVELS, STATUSES } from './alert-levels.ts'
import { LIMITS } from './input-limits.ts'
import { anyRegionCode, CATEGORY_CODE, dateSchema, message, optionalText, regionCode, text, uuid } from './input-parts.ts'

// Indonesia's extent with a margin: Sabang to Merauke, Miangas to Rote.
const LATITUDE = { min: -11.5, max: 6.5 }
const LONGITUDE = { min: 94.5, max: 141.5 }
// Years a report, a meeting or a filter can name: nothing before 1900 or after 2199.
const isSaneYear = (value: string) => {
  const year = new Date(value).getUTCFullYear()
  return year >= 1900 && year <= 2199
}
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** ISO 8601 with an offset (or Z), a real instant; normalised to UTC `…Z`. */
export const instantSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.regex(ISO_WITH_OFFSET, message('dateTimeFormat')),
  v.check((value) => !Number.isNaN(Date.parse(value)) && isSaneYear(value), message('dateTimeFormat')),
  v.transform((value) => new Date(value).toISOString()),
)

const coordinate = (range: { min: number; max: number }) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.number(message('invalidValue')),
        v.minValue(range.min, message('outsideIndonesia')),
        v.maxValue(range.max, message('outsideIndonesia')),
      ),
    ),
    null,
  )

/** A report as a village user files it (API JSON; the web form is converted to this). */
export const newReportSchema = v.pipe(
  v.object({
    village_code: regionCode(['village']),
    category: v.pipe(v.string(message('required')), v.trim(), v.regex(CATEGORY_CODE, message('categoryUnknown'))),
    alert_level: v.picklist(ALERT_LEVELS, message('invalidValue')),
    title: text(LIMITS.reportTitle),
    description: text(LIMITS.reportDescription),
    occurred_at: instantSchema,
    latitude: coordinate(LATITUDE),
    longitude: coordinate(LONGITUDE),
    restricted: v.optional(v.boolean(message('invalidValue')), false),
    client_id: v.optional(v.nullable(uuid('invalidValue')), null),
  }),
  v.forward(
    v.check((input) => (input.latitude === null) === (input.longitude === null), message('coordinatesPair')),
    ['longitude'],
  ),
)
export type NewReportInput = v.InferOutput<typeof newReportSchema>

/** A timeline event: a comment, or a status change based on a known version. */
export const reportEventSchema = v.variant(
  'type',
  [
    // A comment may be photos alone; the domain refuses one with neither.
    v.object({ type: v.literal('comment'), note: optionalText(LIMITS.eventNote) }),
    v.object({
      type: v.literal('status'),
      status: v.picklist(STATUSES, message('invalidValue')),
      note: text(LIMITS.eventNote),
      version: v.pipe(v.number(message('required')), v.integer(message('invalidValue')), v.minValue(1, message('invalidValue'))),
    }),
  ],
  message('invalidValue'),
)
export type ReportEventInput = v.InferOutput<typeof reportEventSchema>

const optionalFilterText = v.optional(
  v.pipe(
    v.string(),
    v.trim(),
    v.transform((s) => s || undefined),
  ),
)

/** List and export filters, from query parameters (all optional). */
export const reportFilterSchema = v.object({
  region: v.optional(anyRegionCode),
  status: v.optional(v.picklist(STATUSES, message('invalidValue'))),
  alert_level: v.optional(v.picklist(ALERT_LEVELS, message('invalidValue'))),
  min_alert_level: v.optional(v.picklist(ALERT_LEVELS, message('invalidValue'))),
  category: optionalFilterText,
  // Dates (YYYY-MM-DD, whole local days) or instants.
  from: v.optional(v.union([dateSchema, instantSchema], message('dateTimeFormat'))),
  to: v.optional(v.union([dateSchema, instantSchema], message('dateTimeFormat'))),
  q: v.optional(
    v.pipe(
      v.string(),
      v.trim(),
      v.maxLength(LIMITS.search, message('tooLong')),
      v.description('Words of the title or description, all required, in any order; case and diacritics aside'),
    ),
  ),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, message('invalidValue')),
      v.transform(Number),
      v.minValue(1, message('invalidValue')),
      v.maxValue(200, message('invalidValue')),
    ),
    '50',
  ),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, message('invalidValue')))),
})
export type ReportFilter = v.InferOutput<typeof reportFilterSchema>
