import * as v from 'valibot'
import { type RawFieldProblem, RequestProblem } from './problem.ts'

/** The field problems of a failed valibot parse, as `{path, key}` (dotted paths). */
export function fieldProblems(issues: readonly v.BaseIssue<unknown>[]): RawFieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path?.map((item) => String(item.key)).join('.') ?? '',
    // A missing object key is reported against the object, with valibot's own wording.
    key: issue.type === 'object' && issue.input === undefined ? 'required' : issue.message,
    ...(issue.type === 'max_length' && typeof issue.requirement === 'number' ? { limit: issue.requirement } : {}),
  }))
}

/**
 * A query string without its empty parameters: a GET form sends every field, and an empty one
 * (`status=`) means "no filter", not an invalid value.
 */
export function filledParams(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== ''))
}

/** Validates `input` or throws a 422 problem naming every field at fault. */
export function parseOrProblem<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input)
  if (!result.success) throw new RequestProblem(422, 'validation', fieldProblems(result.issues))
  return result.output
}

/** Whether every string in a parsed JSON value is well-formed Unicode (no lone surrogate from a `\\ud800` escape). */
function wellFormed(value: unknown): boolean {
  if (typeof value === 'string') return value.isWellFormed()
  if (Array.isArray(value)) return value.every(wellFormed)
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).every(([key, item]) => key.isWellFormed() && wellFormed(item))
  return true
}

/** Reads a JSON request body: 400 when it is not JSON, not an object, or carries text that is not Unicode. */
export async function readJson(request: Request): Promise<Record<string, unknown>> {
  let body: unknown
  try {
    body = await request.json()
  } catch {
    throw new RequestProblem(400, 'malformedBody')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !wellFormed(body)) throw new RequestProblem(400, 'malformedBody')
  return body as Record<string, unknown>
}
