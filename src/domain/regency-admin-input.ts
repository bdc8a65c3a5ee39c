import * as v from 'valibot'
import type { ErrorKey } from '../i18n/index.ts'

const message = (key: ErrorKey) => key
const label = v.pipe(v.string(message('required')), v.trim(), v.nonEmpty(message('required')), v.maxLength(80, message('tooLong')))
const hours = v.pipe(v.number(message('invalidValue')), v.integer(message('invalidValue')), v.minValue(1, message('invalidValue')), v.maxValue(720, message('invalidValue')))

/** A regency's own report category. */
export const newCategorySchema = v.object({
  code: v.pipe(v.string(message('required')), v.trim(), v.toLowerCase(), v.regex(/^[a-z][a-z0-9_]{1,39}$/, message('categoryCode'))),
  label_id: label,
  label_en: label,
})

/** Acknowledgement deadlines in whole hours (1 hour to 30 days). */
export const deadlinesSchema = v.object({ awas: hours, siaga: hours })

const time = v.pipe(v.string(message('required')), v.regex(/^([01]\d|2[0-3]):[0-5]\d$/, message('timeFormat')))

/** When the regency's quarterly Rakor falls: n-th weekday of the quarter's first month, local times. */
export const rakorRuleSchema = v.pipe(
  v.object({
    week: v.pipe(v.number(message('required')), v.integer(message('invalidValue')), v.minValue(1, message('invalidValue')), v.maxValue(4, message('invalidValue'))),
    weekday: v.pipe(v.number(message('required')), v.integer(message('invalidValue')), v.minValue(1, message('invalidValue')), v.maxValue(5, message('invalidValue'))),
    start_time: time,
    end_time: time,
  }),
  v.forward(v.check((rule) => rule.end_time > rule.start_time, message('endsBeforeStart')), ['end_time']),
)

/** A public holiday: a real date and its name. */
export const holidaySchema = v.object({
  date: v.pipe(v.string(message('required')), v.regex(/^\d{4}-\d{2}-\d{2}$/, message('dateFormat')), v.check((s) => !Number.isNaN(Date.parse(s)), message('dateFormat'))),
  name: label,
})
