// "Aktifkan notifikasi di perangkat ini": subscribes this browser to Web Push with the server's
// VAPID key and hands the subscription to the API. Where the browser has no push service it
// says so plainly; the inbox and WhatsApp still work.
import { pageData, say } from './page-data.ts'

function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

export function wirePushButton(box: HTMLElement): void {
  const button = box.querySelector('button')!
  const line = box.querySelector('p')!
  const tell = (message: string) => {
    line.textContent = message
  }
  box.hidden = false
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    button.hidden = true
    tell(say('pushUnsupported'))
    return
  }
  button.addEventListener('click', async () => {
    button.disabled = true
    try {
      if ((await Notification.requestPermission()) !== 'granted') return tell(say('pushDenied'))
      const registration = await navigator.serviceWorker.ready
      let subscription: PushSubscription
      try {
        subscription = await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: base64UrlBytes(box.dataset.vapidKey!),
        })
      } catch (error) {
        return tell(say('pushUnreachable', { message: error instanceof Error ? error.message : String(error) }))
      }
      const response = await fetch('/api/v1/push-subscriptions', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': pageData.session?.csrf ?? '' },
        body: JSON.stringify(subscription.toJSON()),
      })
      tell(response.ok ? say('pushEnabled') : say('pushRefused', { status: response.status }))
    } finally {
      button.disabled = false
    }
  })
}
