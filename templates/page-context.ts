import type { Capabilities } from '../src/domain/permissions.ts'
import type { UserJson } from '../src/domain/views.ts'
import type { Language, Messages } from '../src/i18n/index.ts'

/** What every page needs besides its own data. */
export interface PageContext {
  t: Messages
  lang: Language
  csrfToken: string
  /** The signed-in user, if any. */
  user?: UserJson
  /** What the signed-in user may reach, decided by the permissions module. */
  can?: Capabilities
  /** The current path, so the language switch can come back to it. */
  path: string
  /** Unread notifications of the signed-in user. */
  unread: number
}
