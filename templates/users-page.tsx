import type { RegionChoices } from '../src/domain/region-choices.ts'
import type { UserJson } from '../src/domain/views.ts'
import { Notice, RegionSelect } from './form-fields.tsx'
import { Layout } from './layout.tsx'
import type { PageContext } from './page-context.ts'
import { ScrollTable } from './scroll-table.tsx'

export interface UsersPageProps {
  ctx: PageContext
  scope: string
  /** The regions under the admin's scope, to narrow the list to. */
  regions: RegionChoices
  /** The users, each with the name of its region of duty. */
  users: (UserJson & { scope_name: string })[]
  notice?: string
}

/** The accounts within an admin's scope, narrowed by region code. */
export function UsersPage({ ctx, scope, regions, users, notice }: UsersPageProps) {
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
          <RegionSelect name="scope" label={t.users.scopeFilter} value={scope} errors={{}} choices={regions} t={t} />
          <button type="submit">{t.users.filter}</button>
        </form>
        {users.length === 0 ? (
          <p class="muted">{t.users.empty}</p>
        ) : (
          <ScrollTable columns={[t.users.name, t.users.title_, t.users.scope, t.users.role, t.users.status].map((label) => ({ label }))}>
            {users.map((user) => (
              <tr class={user.active ? '' : 'inactive'}>
                <td>
                  <a href={`/admin/users/${user.id}`}>{user.name}</a>
                  <small class="muted"> @{user.username}</small>
                </td>
                <td>{user.title}</td>
                <td>
                  {user.scope_name} <small class="muted">({user.scope_code})</small>
                </td>
                <td>{t.roles[user.role]}</td>
                <td>{user.active ? t.users.active : t.users.inactive}</td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </Layout>
  )
}
