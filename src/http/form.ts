import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AnyContext } from './env.ts'
import { announceRetry, type FieldProblem, RequestProblem, refusalFields, refusalFor, translateProblems } from './problem.ts'

/** Messages by field name, for showing each beside its input. */
export type FieldErrors = Record<string, string>

/** Field problems as messages by field. */
export function fieldErrors(problems: FieldProblem[]): FieldErrors {
  return Object.fromEntries(problems.map((p) => [p.path, p.message]))
}

/**
 * The submitted form, every value of every field; 400 when the body cannot be read as a form.
 * Hono keeps the first parse of a body, so every reader asks for all values alike.
 */
function parsedForm(c: AnyContext) {
  return c.req.parseBody({ all: true }).catch(() => {
    throw new RequestProblem(400, 'malformedForm')
  })
}

/** The string fields of a submitted form (files and repeated fields are ignored). */
export async function formFields(c: AnyContext): Promise<Record<string, string>> {
  const body = await parsedForm(c)
  return Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

/**
 * The files sent under `name` (repeated parts), as bytes. A file input left empty still sends
 * an empty part; it is no file.
 */
export async function formFiles(c: AnyContext, name: string): Promise<Uint8Array[]> {
  const value = (await parsedForm(c))[name]
  const files = (Array.isArray(value) ? value : [value]).filter((part): part is File => part instanceof File && part.size > 0)
  return Promise.all(files.map(async (file) => new Uint8Array(await file.arrayBuffer())))
}

/** What a form re-shown after a refusal carries besides the values the user typed. */
export interface FormFeedback {
  errors: FieldErrors
  alert: string
  status: ContentfulStatusCode
}

/**
 * A refusal as feedback for the form that caused it, in the user's language: validation
 * problems beside their fields, a domain refusal beside its field (and on top). Undefined for
 * a 404 or a server fault: the app's error handler answers those.
 */
export function formFeedback(c: AnyContext, error: unknown): FormFeedback | undefined {
  const refusal = refusalFor(error)
  if (!refusal || refusal.status === 404) return undefined
  announceRetry(c, error)
  const { t } = c.var
  return { errors: fieldErrors(translateProblems(t, refusalFields(error))), alert: t.errors[refusal.key], status: refusal.status }
}

/**
 * Runs a form's action; a refusal re-shows the form through `reshow` with its feedback, so
 * every page answers a bad form the same way. The action answers with a redirect.
 *
 * @example
 * return handleForm(c, (feedback) => renderForm(c, { values: form, ...feedback }), async () => {
 *   await createMeeting(deps, user, parseOrProblem(newMeetingSchema, form))
 *   return c.redirect('/meetings', 303)
 * })
 */
export async function handleForm(
  c: AnyContext,
  reshow: (feedback: FormFeedback) => Response | Promise<Response>,
  action: () => Promise<Response>,
): Promise<Response> {
  try {
    return await action()
  } catch (error) {
    const feedback = formFeedback(c, error)
    if (!feedback) throw error
    return reshow(feedback)
  }
}
