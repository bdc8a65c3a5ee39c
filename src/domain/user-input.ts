import * as v from 'valibot'
import { LIMITS } from './input-limits.ts'
import { anyRegionCode, message, regionCode, text } from './input-parts.ts'
import { PILLARS, ROLES } from './roles.ts'

export const PASSWORD_MIN = 10
const PASSWORD_MAX = 256

export const usernameSchema = v.pipe(
  v.string(message('required')),
  v.trim(),
  v.toLowerCase(),
  v.regex(new RegExp(`^[a-z0-9._-]{3,${LIMITS.username}}$`), message('usernameFormat')),
)
export const passwordSchema = v.pipe(
  v.string(message('required')),
  v.minLength(PASSWORD_MIN, message('passwordTooShort')),
  v.maxLength(PASSWORD_MAX, message('tooLong')),
)
/** Where an account works: a village for reporters, a district or regency for the others. */
const scopeCodeSchema = anyRegionCode
/** Text that may be left out: empty means none (a custom position, rank, NRP/NIP). */
const optionalDetail = (max: number) =>
  v.pipe(
    v.nullish(v.string(message('invalidValue'))),
    v.transform((value) => value?.trim() || null),
    v.nullable(v.pipe(v.string(), v.maxLength(max, message('tooLong')))),
  )
const positionSchema = optionalDetail(LIMITS.position)
const roleSchema = v.picklist(ROLES, message('invalidValue'))
const pillarSchema = v.picklist(PILLARS, message('invalidValue'))

/** A new account, as an admin (API or form), the CLI or first-run setup gives it. */
export const newUserSchema = v.object({
  username: usernameSchema,
  name: text(LIMITS.personName),
  role: roleSchema,
  pillar: pillarSchema,
  scope_code: scopeCodeSchema,
  position: positionSchema,
  rank: v.optional(optionalDetail(LIMITS.rank)),
  id_number: v.optional(optionalDetail(LIMITS.idNumber)),
})
export type NewUserInput = v.InferOutput<typeof newUserSchema>

/** The fields an admin may change; all optional. */
export const userPatchSchema = v.object({
  name: v.optional(text(LIMITS.personName)),
  role: v.optional(roleSchema),
  pillar: v.optional(pillarSchema),
  scope_code: v.optional(scopeCodeSchema),
  position: v.optional(positionSchema),
  rank: v.optional(optionalDetail(LIMITS.rank)),
  id_number: v.optional(optionalDetail(LIMITS.idNumber)),
  active: v.optional(v.boolean(message('invalidValue'))),
})
export type UserPatch = v.InferOutput<typeof userPatchSchema>

export const loginSchema = v.object({
  username: v.pipe(v.string(message('required')), v.trim(), v.toLowerCase(), v.maxLength(64, message('tooLong'))),
  password: v.pipe(v.string(message('required')), v.maxLength(PASSWORD_MAX, message('tooLong'))),
})

/** A user's own password change (API). */
export const passwordChangeSchema = v.object({
  current_password: v.pipe(v.string(message('required')), v.maxLength(PASSWORD_MAX, message('tooLong'))),
  new_password: passwordSchema,
})

/** The same from the password page, with the new password typed twice. */
export const passwordFormSchema = v.pipe(
  v.object({ ...passwordChangeSchema.entries, confirm_password: v.string(message('required')) }),
  v.forward(
    v.check((input) => input.new_password === input.confirm_password, message('passwordMismatch')),
    ['confirm_password'],
  ),
)

/** First-run setup: the first administrator and the home regency. */
export const setupSchema = v.object({
  username: usernameSchema,
  name: text(LIMITS.personName),
  pillar: pillarSchema,
  password: passwordSchema,
  regency_code: regionCode(['regency']),
})
