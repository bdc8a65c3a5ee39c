// The service worker, served from /sw.js. It keeps the app shell (stylesheet, script, icon,
// manifest) and the filing form for use with no signal, keeps the report pages its user has
// opened for reading offline, sends the outbox when Background Sync says the connection is
// back, and shows Web Push notifications.
import { sendQueued } from './outbox.ts'

// Filled in by scripts/build-client.ts: the shell's versioned URLs and their combined version.
declare const SHELL_FILES: string[]
declare const SHELL_VERSION: string

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  request: Request
  respondWith(response: Promise<Response>): void
}
interface PushEvent extends ExtendableEvent {
  data: { json(): unknown } | null
}
interface NotificationEvent extends ExtendableEvent {
  notification: Notification & { data: { url?: string } }
}
interface SyncEvent extends ExtendableEvent {
  tag: string
}
interface WindowClient {
  url: string
  focus(): Promise<unknown>
  navigate(url: string): Promise<unknown>
}
interface WorkerScope {
  addEventListener(type: string, listener: (event: never) => void): void
  skipWaiting(): Promise<void>
  registration: { showNotification(title: string, options: NotificationOptions & { data?: unknown }): Promise<void> }
  clients: {
    claim(): Promise<void>
    matchAll(options: { type: 'window' }): Promise<WindowClient[]>
    openWindow(url: string): Promise<unknown>
  }
  location: Location
}
const worker = self as unknown as WorkerScope

const SHELL_CACHE = `shell-${SHELL_VERSION}`
// The signed-in user's pages (the form, the report list, reports opened) and their photos:
// forgotten when someone signs in or out, or changes language or password (SESSION_CHANGES).
const PAGES_CACHE = 'pages'
const KEPT_PAGES = 40
const FORM_PATH = '/reports/new'
const KEPT_PATHS = [
  /^\/$/,
  /^\/reports$/,
  /^\/reports\/new$/,
  /^\/reports\/[0-9a-f-]{36}$/,
  /^\/reports\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}(\/thumbnail)?$/,
]
// Posting these changes who is signed in, or the language every kept page is written in.
const SESSION_CHANGES = ['/login', '/logout', '/language', '/password']

/** Keeps a copy of a good answer, and forgets the oldest pages beyond the limit. */
async function keep(request: Request, response: Response): Promise<void> {
  if (!response.ok || response.redirected || response.type !== 'basic') return
  const cache = await caches.open(PAGES_CACHE)
  await cache.put(request, response)
  const keys = await cache.keys()
  await Promise.all(keys.slice(0, Math.max(0, keys.length - KEPT_PAGES)).map((key) => cache.delete(key)))
}

/** A page with no signal and no copy kept: says so in both languages. */
function offlinePage(): Response {
  const html =
    '<!DOCTYPE html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    `<link rel="stylesheet" href="${SHELL_FILES[0]}"><title>Tiga Pilar</title><main><section class="card">` +
    '<h1>Tidak ada sinyal</h1><p>Halaman ini belum tersimpan di ponsel. <a href="/reports/new">Buat laporan</a> tetap bisa: laporan disimpan dan dikirim otomatis saat ada sinyal.</p>' +
    '<p lang="en">No signal, and this page is not kept on the phone. Filing still works.</p></section></main></html>'
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } })
}

/** The form (and shell) from the phone, with no network at all; fetched and kept when missing. */
async function cacheFirst(request: Request): Promise<Response> {
  const kept = (await caches.match(request, { ignoreVary: true })) ?? (await caches.match(request.url, { ignoreVary: true }))
  if (kept) return kept
  try {
    const response = await fetch(request)
    if (KEPT_PATHS.some((path) => path.test(new URL(request.url).pathname))) await keep(request, response.clone())
    return response
  } catch (error) {
    if (request.mode === 'navigate') return offlinePage()
    throw error
  }
}

/** Keeps the filing form, when someone is signed in (a redirect to the login page is not kept). */
async function keepForm(): Promise<void> {
  await keep(new Request(FORM_PATH), await fetch(FORM_PATH, { credentials: 'same-origin' })).catch(() => {})
}

// The kept form is served without asking the network; a copy older than this is fetched again
// after it has been shown, so a regency's new category reaches the phone within the hour.
const FORM_FRESH_MS = 3600_000

async function refreshFormIfOld(): Promise<void> {
  const kept = await caches.match(FORM_PATH, { ignoreVary: true })
  const age = kept ? Date.now() - Date.parse(kept.headers.get('Date') ?? '') : Number.POSITIVE_INFINITY
  if (!(age < FORM_FRESH_MS)) await keepForm()
}

/** Other pages fresh from the server, kept for later; the kept copy when there is no signal. */
async function networkFirst(request: Request, path: string): Promise<Response> {
  try {
    const response = await fetch(request)
    if (KEPT_PATHS.some((kept) => kept.test(path))) await keep(request, response.clone())
    return response
  } catch {
    return (await caches.match(request, { ignoreVary: true })) ?? offlinePage()
  }
}

worker.addEventListener('install', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      await (await caches.open(SHELL_CACHE)).addAll(SHELL_FILES)
      await keepForm()
      await worker.skipWaiting()
    })(),
  )
})

worker.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('shell-') && name !== SHELL_CACHE) await caches.delete(name)
      await worker.clients.claim()
      await keepForm()
    })(),
  )
})

worker.addEventListener('fetch', (event: FetchEvent) => {
  const { request } = event
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin) return
  if (request.method !== 'GET') {
    if (request.mode === 'navigate' && SESSION_CHANGES.includes(url.pathname)) event.waitUntil(caches.delete(PAGES_CACHE))
    return
  }
  if (SHELL_FILES.includes(url.pathname + url.search) || url.pathname === FORM_PATH || url.pathname.includes('/photos/')) {
    event.respondWith(cacheFirst(request))
    if (url.pathname === FORM_PATH) event.waitUntil(refreshFormIfOld())
  } else if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, url.pathname))
  }
})

worker.addEventListener('sync', (event: SyncEvent) => {
  if (event.tag === 'outbox') event.waitUntil(sendQueued())
})

worker.addEventListener('push', (event: PushEvent) => {
  const message = (event.data?.json() ?? {}) as { title?: string; body?: string; url?: string; tag?: string }
  event.waitUntil(
    worker.registration.showNotification(message.title ?? 'Tiga Pilar', {
      body: message.body,
      tag: message.tag,
      icon: '/assets/icon-192.png',
      data: { url: message.url },
    }),
  )
})

worker.addEventListener('notificationclick', (event: NotificationEvent) => {
  event.notification.close()
  // Only the app's own pages open from a notification: its path, on this origin.
  const target = new URL(event.notification.data?.url ?? '/', worker.location.origin)
  const url = new URL(target.pathname + target.search, worker.location.origin).href
  event.waitUntil(
    (async () => {
      const open = (await worker.clients.matchAll({ type: 'window' }))[0]
      if (open) await open.navigate(url).then(() => open.focus())
      else await worker.clients.openWindow(url)
    })(),
  )
})
