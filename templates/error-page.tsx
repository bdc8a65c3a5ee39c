import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export function ErrorPage({ ctx, message }: { ctx: PageContext; message: string }) {
  return (
    <Layout ctx={ctx} title={ctx.t.errors.title}>
      <section class="card narrow">
        <h1>{ctx.t.errors.title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">{ctx.t.nav.home}</a>
        </p>
      </section>
    </Layout>
  )
}
