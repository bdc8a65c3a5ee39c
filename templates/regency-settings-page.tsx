import type { Category } from '../src/domain/categories.ts'
import { LIMITS } from '../src/domain/input-limits.ts'
import { NOTIFICATION_KINDS } from '../src/domain/notification-kinds.ts'
import type { RakorRule } from '../src/domain/rakor-schedule.ts'
import type { AckDeadlines, Letterhead, LetterheadLogo, NotificationRules } from '../src/domain/regency-settings.ts'
import { CheckboxField, CsrfField, type FieldErrors, FormAlert, Notice, PostButton, SelectField, TextField } from './form-fields.tsx'
import { calendarDate } from './format.ts'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface RegencySettingsPageProps {
  ctx: PageContext
  regency: { code: string; name: string }
  categories: Category[]
  deadlines: AckDeadlines
  rule: RakorRule
  holidays: { date: string; name: string }[]
  letterhead: Letterhead & { logo: LetterheadLogo }
  notificationRules: NotificationRules
  webhooks: { id: string; url: string; events: string[] }[]
  /** A webhook secret just made: shown this once. */
  newSecret?: string
  values: Record<string, string>
  errors: FieldErrors
  alert?: string
  notice?: string
}

/** A regency admin's report settings: its categories and acknowledgement deadlines. */
export function RegencySettingsPage({
  ctx,
  regency,
  categories,
  deadlines,
  rule,
  holidays,
  letterhead,
  notificationRules,
  webhooks,
  newSecret,
  values,
  errors,
  alert,
  notice,
}: RegencySettingsPageProps) {
  const { t, lang } = ctx
  const base = `/admin/regencies/${regency.code}`
  return (
    <Layout ctx={ctx} title={t.admin.categories}>
      <section class="card">
        <h1>
          {t.admin.categories}: {regency.name}
        </h1>
        <Notice message={notice} />
        <FormAlert message={alert} />
        <table>
          <tbody>
            {categories.map((category) => (
              <tr class={category.retired ? 'inactive' : ''}>
                <td>
                  {category.label} <small class="muted">{category.code}</small>
                </td>
                <td>
                  {category.retired ? (
                    t.admin.retired
                  ) : (
                    <PostButton
                      action={`${base}/categories/${category.code}/retire`}
                      csrfToken={ctx.csrfToken}
                      label={t.admin.retire}
                      kind="danger"
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action={`${base}/categories`} class="event-form">
          <CsrfField token={ctx.csrfToken} />
          <h2>{t.admin.addCategory}</h2>
          <TextField name="code" label={t.admin.code} value={values.code} errors={errors} required />
          <TextField
            name="label_id"
            label={t.admin.labelId}
            value={values.label_id}
            errors={errors}
            required
            maxlength={LIMITS.categoryLabel}
          />
          <TextField
            name="label_en"
            label={t.admin.labelEn}
            value={values.label_en}
            errors={errors}
            required
            maxlength={LIMITS.categoryLabel}
          />
          <button type="submit" class="primary">
            {t.admin.addCategory}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t.admin.letterhead}</h2>
        <p class="muted">{t.admin.letterheadHint}</p>
        <form method="post" action={`${base}/letterhead`}>
          <CsrfField token={ctx.csrfToken} />
          <TextField
            name="office"
            label={t.admin.letterheadOffice}
            value={values.office ?? letterhead.office}
            errors={errors}
            maxlength={LIMITS.letterheadOffice}
          />
          <TextField
            name="address"
            label={t.admin.letterheadAddress}
            value={values.address ?? letterhead.address}
            errors={errors}
            maxlength={LIMITS.letterheadAddress}
          />
          <button type="submit">{t.admin.saveLetterhead}</button>
        </form>
        {letterhead.logo && <img class="doc-logo" src={letterhead.logo} alt={t.admin.logo} />}
        <form method="post" action={`${base}/logo`} enctype="multipart/form-data">
          <CsrfField token={ctx.csrfToken} />
          <div class={errors.logo ? 'field has-error' : 'field'}>
            <label for="logo">{t.admin.logo}</label>
            <small>{t.admin.logoHint}</small>
            <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp" />
            {errors.logo && <p class="error">{errors.logo}</p>}
          </div>
          <button type="submit">{t.admin.uploadLogo}</button>
          {letterhead.logo && (
            <button type="submit" name="remove" value="1" class="danger">
              {t.admin.removeLogo}
            </button>
          )}
        </form>
      </section>
      <section class="card">
        <h2>{t.admin.deadlines}</h2>
        <form method="post" action={`${base}/deadlines`}>
          <CsrfField token={ctx.csrfToken} />
          <div class="pair">
            <TextField name="awas" label={t.alertLevels.awas} value={values.awas ?? String(deadlines.awas)} errors={errors} required />
            <TextField name="siaga" label={t.alertLevels.siaga} value={values.siaga ?? String(deadlines.siaga)} errors={errors} required />
          </div>
          <button type="submit" class="primary">
            {t.admin.saveDeadlines}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t.admin.reminders}</h2>
        <form method="post" action={`${base}/notification-rules`}>
          <CsrfField token={ctx.csrfToken} />
          <p class="muted">{t.admin.awasAlways}</p>
          <CheckboxField
            name="siaga_to_regency"
            label={t.admin.siagaToRegency}
            checked={values._csrf ? values.siaga_to_regency === '1' : notificationRules.siaga_to_regency}
          />
          <CheckboxField
            name="waspada_to_district"
            label={t.admin.waspadaToDistrict}
            checked={values._csrf ? values.waspada_to_district === '1' : notificationRules.waspada_to_district}
          />
          <TextField
            name="reminder_hours"
            type="number"
            label={t.admin.reminderHours}
            hint={t.admin.remindersHint}
            value={values.reminder_hours ?? String(notificationRules.reminder_hours)}
            errors={errors}
            required
          />
          <button type="submit" class="primary">
            {t.admin.saveReminders}
          </button>
        </form>
      </section>
      <section class="card">
        <h2>{t.admin.webhooks}</h2>
        <p>{t.admin.webhooksIntro}</p>
        {newSecret && (
          <div class="secret" role="status">
            <label for="webhook-secret">{t.admin.newSecret}</label>
            <input id="webhook-secret" readonly value={newSecret} />
          </div>
        )}
        {webhooks.length === 0 ? (
          <p class="muted">{t.admin.noWebhooks}</p>
        ) : (
          <ul class="report-list">
            {webhooks.map((webhook) => (
              <li>
                <code>{webhook.url}</code>
                <p class="report-meta">
                  {webhook.events.map((kind) => t.inbox.kinds[kind as keyof typeof t.inbox.kinds] ?? kind).join(', ')}
                </p>
                <p class="actions">
                  <PostButton
                    action={`${base}/webhooks/${webhook.id}/rotate`}
                    csrfToken={ctx.csrfToken}
                    label={t.admin.rotateSecret}
                    class="inline-form"
                  />
                  <PostButton
                    action={`${base}/webhooks/${webhook.id}/remove`}
                    csrfToken={ctx.csrfToken}
                    label={t.admin.removeWebhook}
                    kind="danger"
                    class="inline-form"
                  />
                </p>
              </li>
            ))}
          </ul>
        )}
        <form method="post" action={`${base}/webhooks`}>
          <CsrfField token={ctx.csrfToken} />
          <TextField name="url" label={t.admin.webhookUrl} value={values.url} maxlength={1024} errors={errors} required />
          <fieldset class={errors.events ? 'field choices has-error' : 'field choices'}>
            <legend>{t.admin.webhookEvents}</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <CheckboxField name={`event:${kind}`} label={t.inbox.kinds[kind]} checked={values[`event:${kind}`] === '1'} />
            ))}
            {errors.events && <p class="error">{errors.events}</p>}
          </fieldset>
          <button type="submit">{t.admin.addWebhook}</button>
        </form>
      </section>
      <section class="card">
        <h2>{t.admin.rakorRule}</h2>
        <form method="post" action={`${base}/rakor-rule`}>
          <CsrfField token={ctx.csrfToken} />
          <div class="pair">
            <TextField name="week" label={t.admin.week} value={values.week ?? String(rule.week)} errors={errors} required />
            <SelectField
              name="weekday"
              label={t.admin.weekday}
              value={values.weekday ?? String(rule.weekday)}
              errors={errors}
              options={t.admin.weekdays.map((name, i) => ({ value: String(i + 1), label: name }))}
            />
            {(['start_time', 'end_time'] as const).map((name) => (
              <TextField
                name={name}
                type="time"
                label={name === 'start_time' ? t.admin.startTime : t.admin.endTime}
                value={values[name] ?? rule[name]}
                errors={errors}
                required
              />
            ))}
          </div>
          <button type="submit" class="primary">
            {t.admin.saveRule}
          </button>
        </form>
        <h2>{t.admin.holidays}</h2>
        <table>
          <tbody>
            {holidays.map((holiday) => (
              <tr>
                <td>{calendarDate(holiday.date, lang)}</td>
                <td>{holiday.name}</td>
                <td>
                  <PostButton
                    action={`${base}/holidays/${holiday.date}/remove`}
                    csrfToken={ctx.csrfToken}
                    label={t.meetings.remove}
                    kind="danger"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form method="post" action={`${base}/holidays`} class="event-form">
          <CsrfField token={ctx.csrfToken} />
          <div class="pair">
            <TextField name="date" type="date" label={t.admin.holidayDate} value={values.date} errors={errors} required />
            <TextField
              name="name"
              label={t.admin.holidayName}
              value={values.name}
              errors={errors}
              required
              maxlength={LIMITS.holidayName}
            />
          </div>
          <button type="submit">{t.admin.addHoliday}</button>
        </form>
      </section>
    </Layout>
  )
}
