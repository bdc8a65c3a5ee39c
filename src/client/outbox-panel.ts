// "Menunggu dikirim": the signed-in user's reports waiting on this phone, with their state, and
// the ways to act on them (change, delete, send now). Sending resumes by itself on load and
// when the connection returns.
import { queuedReports, removeQueued, sendQueued } from './outbox.ts'
import { localMoment, pageData, say } from './page-data.ts'

const panel = () => document.querySelector<HTMLElement>('[data-outbox]')

function status(message: string) {
  const line = panel()?.querySelector('[data-outbox-status]')
  if (line) line.textContent = message
}

/** Lists the waiting reports, or hides the panel when there are none. */
export async function showOutbox(): Promise<void> {
  const box = panel()
  const session = pageData.session
  if (!box || !session) return
  const reports = await queuedReports(session.user_id)
  box.hidden = reports.length === 0
  const list = box.querySelector('ul')!
  list.replaceChildren(
    ...reports.map((report) => {
      const item = document.createElement('li')
      const title = document.createElement('strong')
      title.textContent = report.fields.title || '—'
      const facts = document.createElement('small')
      facts.className = 'muted'
      facts.textContent = [
        say('savedAt', { time: localMoment(report.saved_at) }),
        report.photos.length ? say('photoCount', { n: report.photos.length }) : '',
      ]
        .filter(Boolean)
        .join(' · ')
      item.append(title, document.createElement('br'), facts)
      if (report.refused) {
        const refused = document.createElement('p')
        refused.className = 'error'
        refused.textContent = say('refused', { message: report.refused })
        item.append(refused)
      }
      const edit = document.createElement('a')
      edit.href = `/reports/new#edit=${report.client_id}`
      edit.textContent = say('edit')
      const remove = document.createElement('button')
      remove.type = 'button'
      remove.textContent = say('remove')
      remove.addEventListener('click', async () => {
        if (!confirm(say('removeConfirm', { title: report.fields.title ?? '' }))) return
        await removeQueued(report.client_id)
        await showOutbox()
      })
      const actions = document.createElement('div')
      actions.className = 'actions'
      actions.append(edit, remove)
      item.append(actions)
      return item
    }),
  )
  const waiting = reports.filter((report) => !report.refused).length
  status(waiting > 0 ? say('waitingCount', { n: waiting }) : '')
}

/** Sends what waits, and says how it went. */
export async function sendOutboxNow(): Promise<void> {
  if (!pageData.session) return
  status(say('sending'))
  const { sent, signedOut } = await sendQueued()
  await showOutbox()
  const left = (await queuedReports(pageData.session.user_id)).filter((report) => !report.refused).length
  status(
    [
      sent.length > 0 ? say('sentCount', { n: sent.length }) : '',
      signedOut ? say('signInToSend') : left > 0 ? say('waitingCount', { n: left }) : '',
    ]
      .filter(Boolean)
      .join(' '),
  )
}

export function wireOutboxPanel(): void {
  panel()
    ?.querySelector('[data-outbox-send]')
    ?.addEventListener('click', () => void sendOutboxNow())
  window.addEventListener('online', () => void sendOutboxNow())
}
