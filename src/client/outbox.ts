// The phone's outbox of reports not yet sent, in IndexedDB: the page script and the service
// worker both read and send it. Retrying is always safe: each report carries its client_id, and
// the server files one report per client_id (the same content again returns it; other content
// under the same key is refused).
import { type DBSchema, type IDBPDatabase, openDB } from 'idb'

/** A report waiting on this phone, as the API's multipart fields and photos. */
export interface QueuedReport {
  client_id: string
  /** Who wrote it: only that user's session sends it, and only that user sees it listed. */
  user_id: string
  fields: Record<string, string>
  photos: Blob[]
  saved_at: number
  /** The server's reason when it refused the report: it waits for the user to change it. */
  refused?: string
}

/** Who is signed in on this phone, and the CSRF token that lets a page script or the worker use the session. */
export interface Session {
  user_id: string
  csrf: string
}

interface OutboxSchema extends DBSchema {
  reports: { key: string; value: QueuedReport }
  session: { key: 'current'; value: Session }
}

let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined
function database() {
  opened ??= openDB<OutboxSchema>('tigapilar', 1, {
    upgrade(db) {
      db.createObjectStore('reports', { keyPath: 'client_id' })
      db.createObjectStore('session')
    },
  })
  return opened
}

export async function queueReport(report: QueuedReport): Promise<void> {
  await (await database()).put('reports', report)
}

/** The user's waiting reports, oldest first. */
export async function queuedReports(userId: string): Promise<QueuedReport[]> {
  const all = await (await database()).getAll('reports')
  return all.filter((report) => report.user_id === userId).sort((a, b) => a.saved_at - b.saved_at)
}

export async function queuedReport(clientId: string): Promise<QueuedReport | undefined> {
  return (await database()).get('reports', clientId)
}

export async function removeQueued(clientId: string): Promise<void> {
  await (await database()).delete('reports', clientId)
}

export async function currentSession(): Promise<Session | undefined> {
  return (await database()).get('session', 'current')
}

/** Records who is signed in (or nobody, `undefined`), as the last page loaded from the server says. */
export async function rememberSession(session: Session | undefined): Promise<void> {
  const db = await database()
  if (session) await db.put('session', session, 'current')
  else await db.delete('session', 'current')
}

export type SendOutcome = { kind: 'sent'; id: string } | { kind: 'refused'; message: string } | { kind: 'signed_out' } | { kind: 'later' }

/** Sends one report to the API with the browser session; what happened, for the caller to act on. */
export async function sendReport(report: QueuedReport, session: Session): Promise<SendOutcome> {
  const body = new FormData()
  for (const [name, value] of Object.entries(report.fields)) body.append(name, value)
  for (const [i, photo] of report.photos.entries()) body.append('photos', photo, `foto-${i + 1}.jpg`)
  let response: Response
  try {
    response = await fetch('/api/v1/reports', {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': session.csrf },
    })
  } catch {
    // No connection, or it dropped mid-upload: the server has the report once or not at all.
    return { kind: 'later' }
  }
  if (response.status === 201 || response.status === 200) return { kind: 'sent', id: ((await response.json()) as { id: string }).id }
  if (response.status === 401) return { kind: 'signed_out' }
  if (response.status === 429 || response.status >= 500) return { kind: 'later' }
  const problem = (await response.json().catch(() => ({}))) as { title?: string; errors?: { message: string }[] }
  return { kind: 'refused', message: [problem.title, ...(problem.errors ?? []).map((e) => e.message)].filter(Boolean).join(' ') }
}

let running: Promise<{ sent: string[]; signedOut: boolean }> | undefined

/**
 * Sends every waiting report of the signed-in user, one at a time, oldest first; stops when the
 * session has ended. One run at a time in each page or worker.
 */
export function sendQueued(): Promise<{ sent: string[]; signedOut: boolean }> {
  running ??= (async () => {
    const sent: string[] = []
    const session = await currentSession()
    if (!session) return { sent, signedOut: true }
    for (const report of await queuedReports(session.user_id)) {
      if (report.refused) continue
      const outcome = await sendReport(report, session)
      if (outcome.kind === 'sent') {
        await removeQueued(report.client_id)
        sent.push(outcome.id)
      } else if (outcome.kind === 'refused') await queueReport({ ...report, refused: outcome.message })
      else if (outcome.kind === 'signed_out') return { sent, signedOut: true }
      else break
    }
    return { sent, signedOut: false }
  })().finally(() => {
    running = undefined
  })
  return running
}
