import type { MiddlewareHandler } from 'hono'
import type { AnyContext, AppEnv } from './env.ts'

/** One log record: a message and its fields. Never a secret or a report's content. */
export interface LogEntry {
  level: 'info' | 'error'
  msg: string
  [field: string]: string | number | undefined
}

export type Logger = ((entry: LogEntry) => void) & {
  /** False when request lines go nowhere (`LOG_FORMAT=off`): the request log then builds none. */
  readonly requestLines?: boolean
}

/** `text` for a terminal or journald, `json` for a log collector, `off` for request lines off (errors still print). */
export type LogFormat = 'text' | 'json' | 'off'

/** A logger writing one line per entry to the console (stderr for errors). */
export function consoleLogger(format: LogFormat): Logger {
  const log = (entry: LogEntry) => {
    if (format === 'off' && entry.level !== 'error') return
    const write = entry.level === 'error' ? console.error : console.log
    const time = new Date().toISOString()
    if (format === 'json') return write(JSON.stringify({ time, ...entry }))
    const { level, msg, ...fields } = entry
    const rest = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${value}`)
    write([time, level, msg, ...rest].join(' '))
  }
  return Object.assign(log, { requestLines: format !== 'off' })
}

// Paths whose last part is a secret: the setup link and personal calendar feeds.
const SECRET_PATHS = [/^(\/setup\/)[^/]+/, /^(\/calendar\/u\/)[^/]+/]

/** The path as it may be logged: secrets replaced, query string dropped (it can carry search words). */
export function loggedPath(path: string): string {
  for (const pattern of SECRET_PATHS) path = path.replace(pattern, '$1…')
  return path
}

/** A proxy's request id (nginx `$request_id`) when it is a plain token, else a new one. */
function requestIdFrom(header: string | undefined): string {
  return header && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : crypto.randomUUID()
}

/**
 * One log line per request: method, path without secrets, status, duration, user (or anonymous)
 * and request id. The id is kept for error lines, and answered in `X-Request-Id` (answerHeaders).
 */
export function requestLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    // c.get, not c.var: Hono's c.var copies every variable on each read, on every request here.
    c.set('requestId', requestIdFrom(c.req.header('X-Request-Id')))
    await next()
    const { log } = c.get('deps')
    if (log.requestLines === false) return
    log({
      level: 'info',
      msg: 'request',
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      duration_ms: Math.round((performance.now() - started) * 10) / 10,
      user: c.get('user')?.id ?? 'anonymous',
      request_id: c.get('requestId'),
    })
  }
}

/** Logs an unexpected error with the request it broke. */
export function logError(c: AnyContext, error: unknown): void {
  c.var.deps.log({
    level: 'error',
    msg: 'unhandled error',
    request_id: c.var.requestId,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  })
}
