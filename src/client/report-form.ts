// The filing form with the page script: every report is first kept on the phone, then sent
// through the API. With no signal it waits in the outbox and leaves by itself later; the
// plain form (no script) still posts to /reports as before.
import { type QueuedReport, queuedReport, queueReport, removeQueued, sendReport } from './outbox.ts'
import { showOutbox } from './outbox-panel.ts'
import { pageData, say } from './page-data.ts'
import { downscaled } from './photo-resize.ts'
import { askForBackgroundSend } from './service-worker.ts'

const MAX_PHOTOS = 4

function input(form: HTMLFormElement, name: string): HTMLInputElement {
  return form.elements.namedItem(name) as HTMLInputElement
}

/** Shows a message above the form, in the place the server puts its own. */
function announce(form: HTMLFormElement, message: string, kind: 'notice' | 'alert') {
  let box = form.parentElement!.querySelector<HTMLElement>('[data-form-message]')
  if (!box) {
    box = document.createElement('p')
    box.dataset.formMessage = ''
    box.setAttribute('role', 'status')
    form.before(box)
  }
  box.className = kind === 'alert' ? 'alert' : 'notice'
  box.textContent = message
  box.scrollIntoView({ block: 'center' })
}

/** The form's entries as the API's fields: local time with the village's offset, a boolean as text. */
function apiFields(form: HTMLFormElement, clientId: string): Record<string, string> {
  const data = new FormData(form)
  const text = (name: string) => String(data.get(name) ?? '').trim()
  const local = text('occurred_at')
  return {
    client_id: clientId,
    village_code: form.dataset.village!,
    category: text('category'),
    alert_level: text('alert_level'),
    title: text('title'),
    description: text('description'),
    occurred_at: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? `${local}:00${form.dataset.utcOffset}` : local,
    ...(text('latitude') && { latitude: text('latitude').replace(',', '.') }),
    ...(text('longitude') && { longitude: text('longitude').replace(',', '.') }),
    restricted: data.get('restricted') === '1' ? 'true' : 'false',
  }
}

/** Puts a queued report back into the form to be changed. */
function fillForm(form: HTMLFormElement, report: QueuedReport) {
  const f = report.fields
  for (const name of ['category', 'title', 'description', 'latitude', 'longitude'])
    if (f[name] !== undefined) input(form, name).value = f[name]!
  const level = form.querySelector<HTMLInputElement>(`input[name="alert_level"][value="${CSS.escape(f.alert_level ?? '')}"]`)
  if (level) level.checked = true
  input(form, 'occurred_at').value = (f.occurred_at ?? '').slice(0, 16)
  input(form, 'restricted').checked = f.restricted === 'true'
}

export function wireReportForm(form: HTMLFormElement): void {
  const session = pageData.session
  if (!session || !window.indexedDB) return
  // The report being changed from the outbox (its key is replaced when it is sent again), and its photos.
  let editing: QueuedReport | undefined
  const freshKey = () => {
    // A form shown again (Back, a cached copy) never reuses the key of a report already sent.
    input(form, 'client_id').value = crypto.randomUUID()
  }
  freshKey()
  window.addEventListener('pageshow', freshKey)
  // "Ubah" in the outbox links here with #edit=<client_id>: from another page, or this one.
  const loadEdit = async () => {
    const editId = new URLSearchParams(location.hash.slice(1)).get('edit')
    const report = editId ? await queuedReport(editId) : undefined
    if (!report || report.user_id !== session.user_id) return
    editing = report
    fillForm(form, report)
    announce(form, report.refused ? say('refused', { message: report.refused }) : say('editing'), report.refused ? 'alert' : 'notice')
  }
  void loadEdit()
  window.addEventListener('hashchange', () => void loadEdit())

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const chosen = Array.from(form.querySelector<HTMLInputElement>('input[data-photos]')?.files ?? [])
    if (chosen.length > MAX_PHOTOS) return announce(form, say('tooManyPhotos'), 'alert')
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!
    button.disabled = true
    try {
      if (chosen.length > 0) announce(form, say('preparingPhotos'), 'notice')
      const photos = chosen.length > 0 ? await Promise.all(chosen.map(downscaled)) : (editing?.photos ?? [])
      const report: QueuedReport = {
        client_id: input(form, 'client_id').value,
        user_id: session.user_id,
        fields: apiFields(form, input(form, 'client_id').value),
        photos,
        saved_at: Date.now(),
      }
      // Kept on the phone before anything is sent: a closed page or a dead battery loses nothing.
      await queueReport(report)
      if (editing) await removeQueued(editing.client_id)
      editing = undefined
      if (location.hash) history.replaceState(null, '', location.pathname)
      const outcome = navigator.onLine ? await sendReport(report, session) : ({ kind: 'later' } as const)
      if (outcome.kind === 'sent') {
        await removeQueued(report.client_id)
        location.assign(`/reports/${outcome.id}?filed=1`)
        return
      }
      if (outcome.kind === 'refused') {
        // Not filed: the entries stay in the form to be corrected, and the copy on the phone is replaced when sent again.
        editing = { ...report, refused: outcome.message }
        await queueReport(editing)
        freshKey()
        announce(form, outcome.message, 'alert')
        return
      }
      form.reset()
      freshKey()
      await askForBackgroundSend()
      announce(form, outcome.kind === 'signed_out' ? say('signInToSend') : say('savedOffline'), 'notice')
      await showOutbox()
    } finally {
      button.disabled = false
    }
  })
}
