import { PILLARS } from '../src/domain/user-input.ts'
import type { FieldProblem } from '../src/http/problem.ts'
import type { Messages } from '../src/i18n/index.ts'

/** Field problems by field name, for showing each message beside its input. */
export type FieldErrors = Record<string, string>

export function fieldErrors(problems: FieldProblem[]): FieldErrors {
  return Object.fromEntries(problems.map((p) => [p.path, p.message]))
}

interface InputProps {
  name: string
  label: string
  value?: string | null
  type?: 'text' | 'password'
  errors: FieldErrors
  hint?: string
  required?: boolean
  autocomplete?: string
}

/** A labelled input with its hint and error message, wired up for screen readers. */
export function TextField({ name, label, value, type = 'text', errors, hint, required, autocomplete }: InputProps) {
  const error = errors[name]
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || undefined
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={name}>{label}</label>
      {hint && <small id={`${name}-hint`}>{hint}</small>}
      <input
        id={name}
        name={name}
        type={type}
        value={type === 'password' ? undefined : (value ?? '')}
        required={required}
        autocomplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {error && <p id={`${name}-error`} class="error">{error}</p>}
    </div>
  )
}

interface SelectProps {
  name: string
  label: string
  value?: string
  options: { value: string; label: string }[]
  errors: FieldErrors
}

export function SelectField({ name, label, value, options, errors }: SelectProps) {
  const error = errors[name]
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={name}>{label}</label>
      <select id={name} name={name} aria-invalid={error ? 'true' : undefined}>
        {options.map((option) => (
          <option value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && <p class="error">{error}</p>}
    </div>
  )
}

/** A summary above a form that failed validation. */
export function FormAlert({ message }: { message?: string }) {
  return message ? <p class="alert" role="alert">{message}</p> : null
}

/** The three pillars: government, military (TNI), police (Polri). */
export function PillarField({ t, value, errors }: { t: Messages; value?: string; errors: FieldErrors }) {
  const options = PILLARS.map((pillar) => ({ value: pillar, label: t.pillars[pillar] }))
  return <SelectField name="pillar" label={t.users.pillar} value={value} errors={errors} options={options} />
}
