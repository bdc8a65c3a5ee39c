import type { User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { Language, Messages } from '../i18n/index.ts'

/** Hono's typed context for every route of the app. */
export interface AppEnv {
  Variables: {
    deps: Deps
    lang: Language
    t: Messages
    /** The signed-in user (browser session or bearer token), if any. */
    user?: User
    /** The raw browser session id, when signed in through the browser. */
    sessionId?: string
    /** The API token's id, when signed in with a bearer token. */
    tokenId?: string
    /** The CSRF token the current page embeds in its forms. */
    csrfToken: string
  }
}
