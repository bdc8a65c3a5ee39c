import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'
import { changeFinalHeaders } from './final-header.ts'

type HeaderList = readonly (readonly [name: string, value: string])[]

// Every answer (the OWASP REST Security Cheat Sheet's set): HTTPS only, never framed, never
// sniffed into another type, never read by another origin's page.
const EVERY_ANSWER: HeaderList = [
  ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
]

// JSON answers: a browser shows them as data, never runs anything in them.
const DATA: HeaderList = [...EVERY_ANSWER, ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"]]

// Pages and everything else a browser renders or runs. Scripts, styles, the manifest and the
// service worker come only from the app itself, never inline; the page script talks only to the app.
const DOCUMENTS: HeaderList = [
  ...EVERY_ANSWER,
  [
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; worker-src 'self'; manifest-src 'self'; connect-src 'self'; style-src 'self'; " +
      "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  ],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)'],
  ['Referrer-Policy', 'same-origin'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
]

const JSON_TYPE = /^application\/(problem\+)?json/

/**
 * The headers every answer carries, set in one pass after the handler: the security headers for
 * its kind, `Cache-Control: private, no-store` unless it chose its own (pages, API answers, exports
 * and the login answer carry personal data or tokens, and no shared or browser cache may keep them;
 * public things say so), the request id, and the language with what it varies on once the language
 * middleware has picked one (calendar feeds are answered before it, and do not vary).
 */
export function answerHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    // c.get, not c.var: Hono's c.var copies every variable on each read.
    const requestId = c.get('requestId')
    const lang = c.get('lang')
    changeFinalHeaders(c, (headers) => {
      for (const [name, value] of JSON_TYPE.test(headers.get('Content-Type') ?? '') ? DATA : DOCUMENTS) headers.set(name, value)
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'private, no-store')
      if (requestId) headers.set('X-Request-Id', requestId)
      if (lang) {
        headers.set('Content-Language', lang)
        headers.append('Vary', 'Accept-Language, Cookie')
      }
    })
  }
}
