import type { UserView } from '../src/domain/users.ts'
import type { Language, Messages } from '../src/i18n/index.ts'

/** What every page needs besides its own data. */
export interface PageContext {
  t: Messages
  lang: Language
  csrfToken: string
  /** The signed-in user, if any. */
  user?: UserView
  /** The current path, so the language switch can come back to it. */
  path: string
}
