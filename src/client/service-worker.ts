// The page's side of the service worker: registering it, and asking it to send the outbox when
// the connection returns (Background Sync, where the browser has it).

export function registerServiceWorker(): void {
  if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {})
}

/** Asks the worker to send the outbox once there is a connection, even if this page is closed by then. */
export async function askForBackgroundSend(): Promise<void> {
  if (!('serviceWorker' in navigator)) return
  const registration = (await navigator.serviceWorker.getRegistration()) as
    | (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } })
    | undefined
  await registration?.sync?.register('outbox').catch(() => {})
}
