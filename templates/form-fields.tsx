import type { Child } from 'hono/jsx'
import type { Region } from '../src/db/schema.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import { PILLARS } from '../src/domain/roles.ts'
import type { FieldErrors } from '../src/http/form.ts'
import type { Messages } from '../src/i18n/index.ts'
import { regionLabel } from './format.ts'

/** The hidden field every form carries; the app's CSRF middleware reads the same name. */
export const CSRF_FIELD = '_csrf'

export type { FieldErrors }

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />
}

/**
 * A form that is one button (retire, remove, revoke, mark done): the action posts with the
 * CSRF token and any hidden `fields`.
 */
export function PostButton({
  action,
  csrfToken,
  label,
  kind,
  fields = {},
  class: formClass,
}: {
  action: string
  csrfToken: string
  label: string
  kind?: 'primary' | 'danger'
  fields?: Record<string, string>
  class?: string
}) {
  return (
    <form method="post" action={action} class={formClass}>
      <CsrfField token={csrfToken} />
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={kind}>
        {label}
      </button>
    </form>
  )
}

interface FieldProps {
  name: string
  label: string
  errors: FieldErrors
  hint?: string
  /** The element id, when one page shows the same field name twice. */
  id?: string
}

/** A field's frame: label, hint, the control, and its error, wired up for screen readers. */
function Field({ name, label, errors, hint, id = name, children }: FieldProps & { children: (aria: AriaProps) => Child }) {
  const error = errors[name]
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {children({ id, name, 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  )
}

interface AriaProps {
  id: string
  name: string
  'aria-invalid': 'true' | undefined
  'aria-describedby': string | undefined
}

interface InputProps extends FieldProps {
  value?: string | null
  type?: 'text' | 'password' | 'date' | 'datetime-local' | 'time' | 'number' | 'tel'
  required?: boolean
  autocomplete?: string
  maxlength?: number
  inputmode?: 'numeric' | 'decimal'
  /** `none` for usernames and codes, which phones would otherwise capitalise. */
  autocapitalize?: 'none'
}

/** A labelled input (text, password, date, datetime-local, time, number). Passwords are never echoed. */
export function TextField({ value, type = 'text', required, autocomplete, maxlength, inputmode, autocapitalize, ...field }: InputProps) {
  return (
    <Field {...field}>
      {(aria) => (
        <input
          {...aria}
          type={type}
          value={type === 'password' ? undefined : (value ?? '')}
          required={required}
          autocomplete={autocomplete}
          maxlength={maxlength}
          inputmode={inputmode}
          autocapitalize={autocapitalize}
        />
      )}
    </Field>
  )
}

/**
 * Photos to attach (JPEG, PNG, WebP; the server checks the content and the limits). The page
 * script downscales what is chosen before it is sent; without it the files go as they are.
 */
export function PhotoField(field: FieldProps) {
  return <Field {...field}>{(aria) => <input {...aria} type="file" accept="image/jpeg,image/png,image/webp" multiple data-photos />}</Field>
}

/**
 * A required password input. `fresh` marks a new password, so browsers offer to generate and
 * save one instead of filling in the current one.
 */
export function PasswordField({ fresh, ...field }: FieldProps & { fresh?: boolean }) {
  return <TextField {...field} type="password" autocomplete={fresh ? 'new-password' : 'current-password'} required />
}

/** A labelled multi-line text. */
export function TextAreaField({
  value,
  rows = 4,
  required,
  maxlength,
  ...field
}: FieldProps & { value?: string | null; rows?: number; required?: boolean; maxlength?: number }) {
  return (
    <Field {...field}>
      {(aria) => (
        <textarea {...aria} rows={rows} required={required} maxlength={maxlength}>
          {value ?? ''}
        </textarea>
      )}
    </Field>
  )
}

export interface Option {
  value: string
  label: string
}

/** A labelled choice from a list. */
export function SelectField({ value, options, ...field }: FieldProps & { value?: string; options: Option[] }) {
  return (
    <Field {...field}>
      {(aria) => (
        <select {...aria}>
          {options.map((option) => (
            <option value={option.value} selected={option.value === value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/**
 * A region chosen by name, never typed as a code: the scope, then each district (or regency) as a
 * group holding itself and its villages (or districts). A plain select: it works without JavaScript,
 * and typing a name's first letters jumps to it.
 */
export function RegionSelect({
  value,
  choices,
  t,
  anyLabel,
  ...field
}: FieldProps & { value?: string; choices: RegionChoices; t: Messages; anyLabel?: string }) {
  const option = (region: Region, label = regionLabel(t, region)) => (
    <option value={region.code} selected={region.code === value}>
      {label}
    </option>
  )
  return (
    <Field {...field}>
      {(aria) => (
        <select {...aria}>
          {anyLabel !== undefined && (
            <option value="" selected={!value}>
              {anyLabel}
            </option>
          )}
          {option(choices.scope)}
          {choices.groups.map(({ region, children }) =>
            children.length === 0 ? (
              option(region)
            ) : (
              <optgroup label={regionLabel(t, region)}>
                {option(region, t.regionChoice.whole(regionLabel(t, region)))}
                {children.map((child) => option(child))}
              </optgroup>
            ),
          )}
        </select>
      )}
    </Field>
  )
}

/** One choice of a few, all visible at once (radio buttons in a fieldset). */
export function RadioGroup({
  name,
  label,
  value,
  options,
  errors,
  optionClass,
}: {
  name: string
  label: string
  value?: string
  options: Option[]
  errors: FieldErrors
  optionClass?: (value: string) => string
}) {
  const error = errors[name]
  return (
    <fieldset class={error ? 'field has-error choices' : 'field choices'}>
      <legend>{label}</legend>
      {options.map((option) => (
        <label class={optionClass?.(option.value)}>
          <input type="radio" name={name} value={option.value} checked={value === option.value} />
          {option.label}
        </label>
      ))}
      {error && <p class="error">{error}</p>}
    </fieldset>
  )
}

/** A checkbox that sends `1` when ticked. */
export function CheckboxField({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label class="check">
      <input type="checkbox" name={name} value="1" checked={checked} /> {label}
    </label>
  )
}

/** A summary above a form that failed validation. */
export function FormAlert({ message }: { message?: string }) {
  return message ? (
    <p class="alert" role="alert">
      {message}
    </p>
  ) : null
}

/** A confirmation of what just happened, above the page's content. */
export function Notice({ message }: { message?: string }) {
  return message ? (
    <p class="notice" role="status">
      {message}
    </p>
  ) : null
}

/** The three pillars: government, military (TNI), police (Polri). */
export function PillarField({
  t,
  value,
  errors,
  name = 'pillar',
  label = t.users.pillar,
}: {
  t: Messages
  value?: string
  errors: FieldErrors
  name?: string
  label?: string
}) {
  const options = PILLARS.map((pillar) => ({ value: pillar, label: t.pillars[pillar] }))
  return <SelectField name={name} label={label} value={value} errors={errors} options={options} />
}
