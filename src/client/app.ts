// The page script: progressive enhancement of pages that work without it. Registers the
// service worker, keeps the phone's outbox in step with who is signed in, and wires the
// filing form (offline queue, photos, location) and the push button where a page has them.

import { wireLocateButton } from './locate.ts'
import { rememberSession } from './outbox.ts'
import { sendOutboxNow, showOutbox, wireOutboxPanel } from './outbox-panel.ts'
import { pageData } from './page-data.ts'
import { wirePushButton } from './push-subscribe.ts'
import { wireReportForm } from './report-form.ts'
import { registerServiceWorker } from './service-worker.ts'

async function start() {
  registerServiceWorker()
  if (!window.indexedDB) return
  const session = pageData.session
  await rememberSession(session ?? undefined)
  const form = document.querySelector<HTMLFormElement>('form[data-report-form]')
  if (form) {
    wireReportForm(form)
    wireLocateButton(form)
  }
  const push = document.querySelector<HTMLElement>('[data-push]')
  if (push) wirePushButton(push)
  wireOutboxPanel()
  await showOutbox()
  if (session && navigator.onLine) await sendOutboxNow()
}

void start()
