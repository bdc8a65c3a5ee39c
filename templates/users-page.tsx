import type { UserJson } from '../src/domain/views.ts'
import { Notice, TextField } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'

export interface UsersPageProps {
  ctx: PageContext
  scope: string
  users: UserJson[]
  notice?: string
}

/** The accounts within an admin's scope, narrowed by region code. */
export function UsersPage({ ctx, scope, users, notice }: UsersPageProps) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t.users.title}>
      <section class="card wide">
        <div class="heading-row">
          <h1>{t.users.title}</h1>
          <a class="button primary" href="/admin/users/new">
            {t.users.new}
          </a>
        </div>
        <Notice message={notice} />
        <form method="get" action="/admin/users" class="inline">
          <TextField name="scope" label={t.users.scopeFilter} value={scope} errors={{}} inputmode="decimal" />
          <button type="submit">{t.users.filter}</button>
        </form>
        {users.length === 0 ? (
          <p class="muted">{t.users.empty}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th>{t.users.name}</th>
                  <th>{t.users.title_}</th>
                  <th>{t.users.scope}</th>
                  <th>{t.users.role}</th>
                  <th>{t.users.status}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr class={user.active ? '' : 'inactive'}>
                    <td>
                      <a href={`/admin/users/${user.id}`}>{user.name}</a>
                      <small class="muted"> @{user.username}</small>
                    </td>
                    <td>{user.title}</td>
                    <td>{user.scope_code}</td>
                    <td>{t.roles[user.role]}</td>
                    <td>{user.active ? t.users.active : t.users.inactive}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Layout>
  )
}
