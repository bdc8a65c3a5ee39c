import type { Category } from '../src/domain/categories.ts'
import type { AckDeadlines } from '../src/domain/regency-settings.ts'
import { type FieldErrors, FormAlert, TextField } from './form-fields.tsx'
import { CsrfField, Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface RegencySettingsPageProps {
  ctx: PageContext
  regency: { code: string; name: string }
  categories: Category[]
  deadlines: AckDeadlines
  values: Record<string, string>
  errors: FieldErrors
  alert?: string
  notice?: string
}

/** A regency admin's report settings: its categories and acknowledgement deadlines. */
export function RegencySettingsPage({ ctx, regency, categories, deadlines, values, errors, alert, notice }: RegencySettingsPageProps) {
  const { t } = ctx
  const base = `/admin/regencies/${regency.code}`
  return (
    <Layout ctx={ctx} title={t.admin.categories}>
      <section class="card">
        <h1>
          {t.admin.categories}: {regency.name}
        </h1>
        {notice && <p class="notice" role="status">{notice}</p>}
        <FormAlert message={alert} />
        <table>
          <tbody>
            {categories.map((category) => (
              <tr class={category.retired ? 'inactive' : ''}>
                <td>{category.label}</td>
                <td>
                  <code>{category.code}</code>
                </td>
                <td>
                  {category.retired ? (
                    t.admin.retired
                  ) : (
                    <form method="post" action={`${base}/categories/${category.code}/retire`}>
                      <CsrfField token={ctx.csrfToken} />
                      <button type="submit" class="danger">{t.admin.retire}</button>
                    </form>
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
          <TextField name="label_id" label={t.admin.labelId} value={values.label_id} errors={errors} required />
          <TextField name="label_en" label={t.admin.labelEn} value={values.label_en} errors={errors} required />
          <button type="submit" class="primary">{t.admin.addCategory}</button>
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
          <button type="submit" class="primary">{t.admin.saveDeadlines}</button>
        </form>
      </section>
    </Layout>
  )
}
