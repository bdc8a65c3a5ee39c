import { type FieldErrors, FormAlert, SelectField, TextField } from './form-fields.tsx'
import { CsrfField, Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export type MeetingFormValues = Record<string, string | undefined>

export interface MeetingFormPageProps {
  ctx: PageContext
  /** Present when editing. */
  meetingId?: string
  values: MeetingFormValues
  errors: FieldErrors
  alert?: string
}

/** Create or edit a meeting; times are the region's local time. */
export function MeetingFormPage({ ctx, meetingId, values, errors, alert }: MeetingFormPageProps) {
  const { t } = ctx
  const m = t.meetings
  const title = meetingId ? m.edit : m.new
  const dateField = (name: 'starts_at' | 'ends_at', label: string) => (
    <div class={errors[name] ? 'field has-error' : 'field'}>
      <label for={name}>{label}</label>
      <small>{m.localTime}</small>
      <input id={name} name={name} type="datetime-local" value={values[name] ?? ''} required />
      {errors[name] && <p class="error">{errors[name]}</p>}
    </div>
  )
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        <FormAlert message={alert} />
        <form method="post" action={meetingId ? `/meetings/${meetingId}` : '/meetings'}>
          <CsrfField token={ctx.csrfToken} />
          {!meetingId && <TextField name="scope_code" label={m.scope} value={values.scope_code} errors={errors} required />}
          {!meetingId && (
            <SelectField
              name="kind"
              label={m.kind}
              value={values.kind}
              errors={errors}
              options={(['extraordinary', 'quarterly'] as const).map((kind) => ({ value: kind, label: m.kinds[kind] }))}
            />
          )}
          <TextField name="title" label={m.meetingTitle} value={values.title} errors={errors} required />
          <div class="pair">
            {dateField('starts_at', m.startsAt)}
            {dateField('ends_at', m.endsAt)}
          </div>
          <TextField name="venue" label={m.venue} value={values.venue} errors={errors} required />
          <TextField name="online_url" label={m.onlineUrl} value={values.online_url} errors={errors} />
          <div class="field">
            <label for="description">{m.description}</label>
            <textarea id="description" name="description" rows={4}>{values.description ?? ''}</textarea>
          </div>
          <SelectField
            name="visibility"
            label={m.visibility}
            value={values.visibility}
            errors={errors}
            options={(['internal', 'public'] as const).map((v) => ({ value: v, label: m.visibilities[v] }))}
          />
          {!meetingId && (
            <label class="check">
              <input type="checkbox" name="include_villages" value="1" checked={values.include_villages === '1'} /> {m.includeVillages}
            </label>
          )}
          <button type="submit" class="primary">{meetingId ? m.save : m.create}</button>
        </form>
      </section>
    </Layout>
  )
}
