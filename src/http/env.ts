import type { Context } from 'hono'
import type { User } from '../db/schema.ts'
import type { Deps } from '../deps.ts'
import type { Language, Messages } from '../i18n/index.ts'

interface BaseVariables {
  deps: Deps
  lang: Language
  t: Messages
  /** The raw browser session id, when signed in through the browser. */
  sessionId?: string
  /** The API token's id, when signed in with a bearer token. */
  tokenId?: string
  /** The CSRF token the current page embeds in its forms. */
  csrfToken: string
  /** This request's id in the log (`X-Request-Id`). */
  requestId?: string
  /** How many notifications the signed-in user has not read, for the page header. */
  unread?: number
}

/** Hono's typed context for every route of the app. */
export interface AppEnv {
  Variables: BaseVariables & {
    /** The signed-in user (browser session or bearer token), if any. */
    user?: User
  }
}

/**
 * The context behind `requireSignedIn()` or `requireBearer()`: the user is known. Route
 * modules typed with it are mounted only through `signedInPages()` / `signedInApi()`.
 */
export interface SignedInEnv {
  Variables: BaseVariables & { user: User }
}

/** Any request context of the app, signed in or not: what shared helpers take. */
export type AnyContext = Context<AppEnv> | Context<SignedInEnv>
