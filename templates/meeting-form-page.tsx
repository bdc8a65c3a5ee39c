import { LIMITS } from '../src/domain/input-limits.ts'
import type { RegionChoices } from '../src/domain/region-choices.ts'
import {
  CheckboxField,
  CsrfField,
  type FieldErrors,
  FormAlert,
  RegionSelect,
  SelectField,
  TextAreaField,
  TextField,
} from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export type MeetingFormValues = Record<string, string | undefined>

export interface MeetingFormPageProps {
  ctx: PageContext
  /** Present when editing. */
  meetingId?: string
  /** For a new meeting: the districts and regency it can be held for. */
  scopes?: RegionChoices
  values: MeetingFormValues
  errors: FieldErrors
  alert?: string
}

/** Create or edit a meeting; times are the region's local time. */
export function MeetingFormPage({ ctx, meetingId, scopes, values, errors, alert }: MeetingFormPageProps) {
  const { t } = ctx
  const m = t.meetings
  const title = meetingId ? m.edit : m.new
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        <FormAlert message={alert} />
        <form method="post" action={meetingId ? `/meetings/${meetingId}` : '/meetings'}>
          <CsrfField token={ctx.csrfToken} />
          {scopes && <RegionSelect name="scope_code" label={m.scope} value={values.scope_code} errors={errors} choices={scopes} t={t} />}
          {!meetingId && (
            <SelectField
              name="kind"
              label={m.kind}
              value={values.kind}
              errors={errors}
              options={(['extraordinary', 'quarterly'] as const).map((kind) => ({ value: kind, label: m.kinds[kind] }))}
            />
          )}
          <TextField name="title" label={m.meetingTitle} value={values.title} errors={errors} required maxlength={LIMITS.meetingTitle} />
          <div class="pair">
            {(['starts_at', 'ends_at'] as const).map((name) => (
              <TextField
                name={name}
                type="datetime-local"
                label={name === 'starts_at' ? m.startsAt : m.endsAt}
                hint={m.localTime}
                value={values[name]}
                errors={errors}
                required
              />
            ))}
          </div>
          <TextField name="venue" label={m.venue} value={values.venue} errors={errors} required maxlength={LIMITS.venue} />
          <TextField name="online_url" label={m.onlineUrl} value={values.online_url} errors={errors} maxlength={LIMITS.onlineUrl} />
          <TextAreaField
            name="description"
            label={m.description}
            value={values.description}
            errors={errors}
            maxlength={LIMITS.meetingDescription}
          />
          <SelectField
            name="visibility"
            label={m.visibility}
            value={values.visibility}
            errors={errors}
            options={(['internal', 'public'] as const).map((v) => ({ value: v, label: m.visibilities[v] }))}
          />
          {!meetingId && <CheckboxField name="include_villages" label={m.includeVillages} checked={values.include_villages === '1'} />}
          <button type="submit" class="primary">
            {meetingId ? m.save : m.create}
          </button>
        </form>
      </section>
    </Layout>
  )
}
