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
