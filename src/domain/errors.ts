import type { ErrorKey } from '../i18n/index.ts'

export type DomainErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'throttled' | 'unavailable'

/**
 * A refusal the user can act on. `key` names the message in the catalog, so the HTTP layer
 * can say it in the user's language; `field` names the input at fault, if one is.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly key: ErrorKey,
    readonly field?: string,
  ) {
    super(`${kind}: ${key}${field ? ` (${field})` : ''}`)
  }
}

/** Too many attempts (or too much at once): refused until `retryAfterSeconds` have passed. */
export class Throttled extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    key: 'throttled' | 'busy' = 'throttled',
  ) {
    super('throttled', key)
  }
}
