import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { setFinalHeader } from './final-header.ts'

/**
 * Security headers for every response. Scripts, styles, the manifest and the service worker
 * come only from the app itself, never inline; the page script talks only to the app.
 */
export function securityHeaders() {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      connectSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: ['self'] },
  })
}

/**
 * `Cache-Control: private, no-store` on every response that does not choose its own: pages,
 * API answers, exports and the login answer carry personal data or tokens, and no shared or
 * browser cache may keep them. Public things (assets, region tables, public feeds) say so.
 */
export function noStoreByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next()
    if (!c.res.headers.has('Cache-Control')) setFinalHeader(c, 'Cache-Control', 'private, no-store')
  }
}
