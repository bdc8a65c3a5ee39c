import { CsrfField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface ConfirmPageProps {
  ctx: PageContext
  title: string
  question: string
  /** Where the confirmed action posts, with its hidden fields. */
  action: string
  fields: Record<string, string>
  confirmLabel: string
  /** Where "Batal" leads back to. */
  back: string
}

/** A confirmation step before a destructive action, for every browser, JavaScript or not. */
export function ConfirmPage({ ctx, title, question, action, fields, confirmLabel, back }: ConfirmPageProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <section class="card narrow">
        <h1>{title}</h1>
        <p>{question}</p>
        <form method="post" action={action} class="actions">
          <CsrfField token={ctx.csrfToken} />
          {Object.entries(fields).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="danger">
            {confirmLabel}
          </button>
          <a class="button" href={back}>
            {ctx.t.meetings.cancelAction}
          </a>
        </form>
      </section>
    </Layout>
  )
}
