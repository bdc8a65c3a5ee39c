import { Hono } from 'hono'
import { APP_CSS } from '../../templates/app-css.ts'
import { APP_JS, ICON_192_PNG, ICON_512_PNG, SERVICE_WORKER_JS } from '../client/bundles.generated.ts'
import type { AppEnv } from '../http/env.ts'

const YEAR = 'public, max-age=31536000, immutable'
const DAY = 'public, max-age=86400'
const png = (base64: string) => Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
const ICONS = { 192: png(ICON_192_PNG), 512: png(ICON_512_PNG) }

/** What makes the app installable: its name, colours and icons, in the language of its users. */
const MANIFEST = JSON.stringify({
  name: 'Tiga Pilar — Sinergitas Tiga Pilar',
  short_name: 'Tiga Pilar',
  description: 'Laporan deteksi dini dan Rakor Sinergitas Tiga Pilar: pemerintah desa/kelurahan, TNI, dan Polri.',
  lang: 'id',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#f4f6f8',
  theme_color: '#7a1f1f',
  icons: [
    { src: '/assets/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/assets/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/assets/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
})

/**
 * The stylesheet and page script (versioned URLs: kept a year), the icons and manifest (a day),
 * and the service worker, which browsers must always be able to revalidate.
 */
export const assetRoutes = new Hono<AppEnv>()
  .get('/assets/app.css', (c) => c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': YEAR }))
  .get('/assets/app.js', (c) => c.body(APP_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': YEAR }))
  .get('/assets/icon-192.png', (c) => c.body(ICONS[192], 200, { 'Content-Type': 'image/png', 'Cache-Control': DAY }))
  .get('/assets/icon-512.png', (c) => c.body(ICONS[512], 200, { 'Content-Type': 'image/png', 'Cache-Control': DAY }))
  .get('/manifest.webmanifest', (c) => c.body(MANIFEST, 200, { 'Content-Type': 'application/manifest+json', 'Cache-Control': DAY }))
  .get('/sw.js', (c) => c.body(SERVICE_WORKER_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' }))
