import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { DomainError, type DomainErrorKind, Throttled } from '../domain/errors.ts'
import type { ErrorKey, Messages } from '../i18n/index.ts'
import type { AnyContext } from './env.ts'

/** A field problem before translation: a catalog key, and the limit a length refusal broke. */
export interface RawFieldProblem {
  path: string
  key: string
  limit?: number
}

/** One field problem, RFC 9457 extension member `errors`. */
export interface FieldProblem {
  path: string
  message: string
}

const STATUS: Record<DomainErrorKind, ContentfulStatusCode> = {
  invalid: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  throttled: 429,
  // An outside service (WhatsApp) did not take the request.
  unavailable: 503,
}

/** The HTTP status a domain refusal maps to. */
export function statusOf(error: DomainError): ContentfulStatusCode {
  return STATUS[error.kind]
}

/** Field problems carry catalog keys until here; the reader gets them in its language. */
export function translateProblems(t: Messages, problems: RawFieldProblem[]): FieldProblem[] {
  return problems.map(({ path, key, limit }) => ({
    path,
    message: key === 'tooLong' && limit ? t.limits.tooLong(limit) : (t.errors[key as ErrorKey] ?? t.errors.invalidValue),
  }))
}

/** An `application/problem+json` response (RFC 9457). */
export function problem(c: AnyContext, status: ContentfulStatusCode, key: ErrorKey, errors?: FieldProblem[]): Response {
  const body = { type: 'about:blank', title: c.var.t.errors[key], status, ...(errors ? { errors } : {}) }
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json; charset=utf-8' })
}

/** Thrown by request parsing (malformed body, invalid fields); rendered by the error handler. */
export class RequestProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly key: ErrorKey,
    readonly fields: RawFieldProblem[] = [],
  ) {
    super(key)
  }
}

/** The status and message of something a client caused, or undefined for a server fault. */
export function refusalFor(error: unknown): { status: ContentfulStatusCode; key: ErrorKey } | undefined {
  if (error instanceof RequestProblem) return { status: error.status, key: error.key }
  if (error instanceof DomainError) return { status: statusOf(error), key: error.key }
  return undefined
}

/** The fields a refusal names, each with its catalog key (none for a refusal of the whole request). */
export function refusalFields(error: unknown): { path: string; key: string }[] {
  if (error instanceof RequestProblem) return error.fields
  if (error instanceof DomainError && error.field) return [{ path: error.field, key: error.key }]
  return []
}

/** Tells a throttled client when to come back (`Retry-After`, in seconds). */
export function announceRetry(c: AnyContext, error: unknown): void {
  if (error instanceof Throttled) c.header('Retry-After', String(error.retryAfterSeconds))
}

/** The problem response for anything a request handler threw that the client caused. */
export function problemFor(c: AnyContext, error: unknown): Response | undefined {
  const refusal = refusalFor(error)
  if (!refusal) return undefined
  announceRetry(c, error)
  const fields = refusalFields(error)
  return problem(c, refusal.status, refusal.key, fields.length ? translateProblems(c.var.t, fields) : undefined)
}
