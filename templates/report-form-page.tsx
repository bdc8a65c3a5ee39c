import type { Category } from '../src/domain/categories.ts'
import { ALERT_LEVELS } from '../src/domain/alert-levels.ts'
import { type FieldErrors, FormAlert, SelectField, TextField } from './form-fields.tsx'
import { CsrfField, Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface ReportFormValues {
  category?: string
  alert_level?: string
  title?: string
  description?: string
  occurred_at?: string
  latitude?: string
  longitude?: string
  restricted?: string
  client_id: string
}

export interface ReportFormPageProps {
  ctx: PageContext
  village: { code: string; name: string }
  categories: Category[]
  values: ReportFormValues
  errors: FieldErrors
  alert?: string
}

/** The filing form: plain HTML that works on a cheap phone with JavaScript off. */
export function ReportFormPage({ ctx, village, categories, values, errors, alert }: ReportFormPageProps) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t.reports.new}>
      <section class="card narrow">
        <h1>{t.reports.new}</h1>
        <p>
          {t.reports.village}: <strong>{village.name}</strong> <small class="muted">({village.code})</small>
        </p>
        <FormAlert message={alert} />
        <form method="post" action="/reports">
          <CsrfField token={ctx.csrfToken} />
          {/* Chosen once per form: a resubmission after a dropped connection files nothing twice. */}
          <input type="hidden" name="client_id" value={values.client_id} />
          <fieldset class={errors.alert_level ? 'field has-error levels' : 'field levels'}>
            <legend>{t.reports.alertLevel}</legend>
            {ALERT_LEVELS.map((level) => (
              <label class={`level level-${level}`}>
                <input type="radio" name="alert_level" value={level} checked={(values.alert_level ?? 'normal') === level} />
                {t.alertLevels[level]}
              </label>
            ))}
            {errors.alert_level && <p class="error">{errors.alert_level}</p>}
          </fieldset>
          <SelectField
            name="category"
            label={t.reports.category}
            value={values.category}
            errors={errors}
            options={categories.filter((c) => !c.retired).map((c) => ({ value: c.code, label: c.label }))}
          />
          <TextField name="title" label={t.reports.reportTitle} value={values.title} errors={errors} required />
          <div class={errors.description ? 'field has-error' : 'field'}>
            <label for="description">{t.reports.description}</label>
            <textarea id="description" name="description" rows={6} maxlength={5000} required>
              {values.description ?? ''}
            </textarea>
            {errors.description && <p class="error">{errors.description}</p>}
          </div>
          <div class={errors.occurred_at ? 'field has-error' : 'field'}>
            <label for="occurred_at">{t.reports.occurredAt}</label>
            <small>{t.reports.occurredAtHint}</small>
            <input id="occurred_at" name="occurred_at" type="datetime-local" value={values.occurred_at ?? ''} required />
            {errors.occurred_at && <p class="error">{errors.occurred_at}</p>}
          </div>
          <div class="pair">
            <TextField name="latitude" label={t.reports.latitude} value={values.latitude} errors={errors} />
            <TextField name="longitude" label={t.reports.longitude} value={values.longitude} errors={errors} />
          </div>
          <label class="check">
            <input type="checkbox" name="restricted" value="1" checked={values.restricted === '1'} /> {t.reports.restricted}
          </label>
          <button type="submit" class="primary">{t.reports.submit}</button>
        </form>
      </section>
    </Layout>
  )
}
