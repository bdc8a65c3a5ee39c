import * as v from 'valibot'
import type { Pillar, Role } from '../db/schema.ts'
import type { ErrorKey } from '../i18n/index.ts'

// valibot messages are catalog keys; the HTTP layer says them in the user's language.
const message = (key: ErrorKey) => key

export const ROLES: Role[] = ['reporter', 'reviewer', 'admin']
export const PILLARS: Pillar[] = ['government', 'military', 'police']
export const PASSWORD_MIN = 10
const PASSWORD_MAX = 256

const text = (max: number) =>
  v.pipe(v.string(message('required')), v.trim(), v.nonEmpty(message('required')), v.maxLength(max, message('tooLong')))

export const usernameSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.toLowerCase(),
  v.regex(/^[a-z0-9._-]{3,32}$/, message('usernameFormat')),
)
export const passwordSchema = v.pipe(
  v.string(message('required')),
  v.minLength(PASSWORD_MIN, message('passwordTooShort')),
  v.maxLength(PASSWORD_MAX, message('tooLong')),
)
const scopeCodeSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, message('regionUnknown')),
)
/** Empty text means "no custom position". */
const positionSchema = v.pipe(
  v.nullish(v.string(message('invalidValue'))),
  v.transform((value) => value?.trim() || null),
  v.nullable(v.pipe(v.string(), v.maxLength(100, message('tooLong')))),
)

/** A new account, as an admin (API or form), the CLI or first-run setup gives it. */
export const newUserSchema = v.object({
  username: usernameSchema,
  name: text(120),
  role: v.picklist(ROLES, message('invalidValue')),
  pillar: v.picklist(PILLARS, message('invalidValue')),
  scope_code: scopeCodeSchema,
  position: positionSchema,
})
export type NewUserInput = v.InferOutput<typeof newUserSchema>

/** The fields an admin may change; all optional. */
export const userPatchSchema = v.object({
  name: v.optional(text(120)),
  role: v.optional(v.picklist(ROLES, message('invalidValue'))),
  pillar: v.optional(v.picklist(PILLARS, message('invalidValue'))),
  scope_code: v.optional(scopeCodeSchema),
  position: v.optional(positionSchema),
  active: v.optional(v.boolean(message('invalidValue'))),
})
export type UserPatch = v.InferOutput<typeof userPatchSchema>

export const loginSchema = v.object({
  username: v.pipe(v.string(message('required')), v.trim(), v.toLowerCase(), v.maxLength(64, message('tooLong'))),
  password: v.pipe(v.string(message('required')), v.maxLength(PASSWORD_MAX, message('tooLong'))),
})

export const passwordChangeSchema = v.object({
  current_password: v.pipe(v.string(message('required')), v.maxLength(PASSWORD_MAX, message('tooLong'))),
  new_password: passwordSchema,
})
