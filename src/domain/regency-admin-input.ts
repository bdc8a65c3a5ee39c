import * as v from 'valibot'
import { LIMITS } from './input-limits.ts'
import { CATEGORY_CODE, dateSchema, integer, message, optionalText, text } from './input-parts.ts'

const hours = v.pipe(
  v.number(message('invalidValue')),
  v.integer(message('invalidValue')),
  v.minValue(1, message('invalidValue')),
  v.maxValue(720, message('invalidValue')),
)

/** A regency's own report category. */
export const newCategorySchema = v.object({
  code: v.pipe(v.string(message('required')), v.trim(), v.toLowerCase(), v.regex(CATEGORY_CODE, message('categoryCode'))),
  label_id: text(LIMITS.categoryLabel),
  label_en: text(LIMITS.categoryLabel),
})

/** The minutes' letterhead: the office under "PEMERINTAH KABUPATEN …" and its address. */
export const letterheadSchema = v.object({
  office: optionalText(LIMITS.letterheadOffice),
  address: optionalText(LIMITS.letterheadAddress),
})

/** Acknowledgement deadlines in whole hours (1 hour to 30 days). */
export const deadlinesSchema = v.object({ awas: hours, siaga: hours })

const time = v.pipe(v.string(message('required')), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, message('timeFormat')))

/** When the regency's quarterly Rakor falls: n-th weekday of the quarter's first month, local times. */
export const rakorRuleSchema = v.pipe(
  v.object({ week: integer(1, 4), weekday: integer(1, 5), start_time: time, end_time: time }),
  v.forward(
    v.check((rule) => rule.end_time > rule.start_time, message('endsBeforeStart')),
    ['end_time'],
  ),
)

/** A public holiday: a real date and its name. */
export const holidaySchema = v.object({ date: dateSchema, name: text(LIMITS.holidayName) })

/** A regency's notification rules: the last Rakor reminder (0–72 hours, 0: none), and who hears siaga and waspada filings at once. */
export const notificationRulesSchema = v.object({
  reminder_hours: integer(0, 72),
  siaga_to_regency: v.boolean(message('invalidValue')),
  waspada_to_district: v.boolean(message('invalidValue')),
})
