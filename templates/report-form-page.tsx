import type { Region } from '../src/db/schema.ts'
import { ALERT_LEVELS } from '../src/domain/alert-levels.ts'
import type { Category } from '../src/domain/categories.ts'
import { LIMITS } from '../src/domain/input-limits.ts'
import { offsetString } from '../src/domain/local-time.ts'
import {
  CheckboxField,
  CsrfField,
  type FieldErrors,
  FormAlert,
  PhotoField,
  RadioGroup,
  SelectField,
  TextAreaField,
  TextField,
} from './form-fields.tsx'
import { Layout } from './layout.tsx'
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
  village: Pick<Region, 'code' | 'name' | 'timezone'>
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
        {/* The page script files through the API with the village's code and offset; the plain form needs neither. */}
        <form
          method="post"
          action="/reports"
          enctype="multipart/form-data"
          data-report-form
          data-village={village.code}
          data-utc-offset={offsetString(village.timezone)}
        >
          <CsrfField token={ctx.csrfToken} />
          {/* Chosen once per form: a resubmission after a dropped connection files nothing twice. */}
          <input type="hidden" name="client_id" value={values.client_id} />
          <RadioGroup
            name="alert_level"
            label={t.reports.alertLevel}
            value={values.alert_level ?? 'normal'}
            errors={errors}
            options={ALERT_LEVELS.map((level) => ({ value: level, label: t.alertLevels[level] }))}
            optionClass={(level) => `level level-${level}`}
          />
          <SelectField
            name="category"
            label={t.reports.category}
            value={values.category}
            errors={errors}
            options={categories.filter((c) => !c.retired).map((c) => ({ value: c.code, label: c.label }))}
          />
          <TextField
            name="title"
            label={t.reports.reportTitle}
            value={values.title}
            errors={errors}
            required
            maxlength={LIMITS.reportTitle}
          />
          <TextAreaField
            name="description"
            label={t.reports.description}
            value={values.description}
            errors={errors}
            rows={6}
            required
            maxlength={LIMITS.reportDescription}
          />
          <TextField
            name="occurred_at"
            type="datetime-local"
            label={t.reports.occurredAt}
            hint={t.reports.occurredAtHint}
            value={values.occurred_at}
            errors={errors}
            required
          />
          <div class="pair">
            <TextField name="latitude" label={t.reports.latitude} value={values.latitude} errors={errors} inputmode="decimal" />
            <TextField name="longitude" label={t.reports.longitude} value={values.longitude} errors={errors} inputmode="decimal" />
          </div>
          {/* Shown by the page script where the browser can locate the phone. */}
          <div class="locate" hidden data-locate>
            <button type="button">{t.reports.useLocation}</button>
            <p class="hint" aria-live="polite" />
          </div>
          <PhotoField name="photos" label={t.reports.photos} hint={t.reports.photosHint} errors={errors} />
          <CheckboxField name="restricted" label={t.reports.restricted} checked={values.restricted === '1'} />
          <button type="submit" class="primary">
            {t.reports.submit}
          </button>
        </form>
      </section>
    </Layout>
  )
}
