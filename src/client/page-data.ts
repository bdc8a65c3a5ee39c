// What the server put in the page for its script: the user's language's words and who is
// signed in (see ClientData in templates/layout.tsx). Read once.
import type { Session } from './outbox.ts'

interface PageData {
  text: Record<string, string>
  session: Session | null
  /** The signed-in user's zone (Asia/Jakarta …) and its name (WIB …). */
  zone: { id: string; name: string } | null
}

const element = document.getElementById('client-data')
export const pageData: PageData = element?.textContent ? JSON.parse(element.textContent) : { text: {}, session: null, zone: null }

/** A message in the page's language, with `{name}` placeholders filled. */
export function say(key: string, values: Record<string, string | number> = {}): string {
  return (pageData.text[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
}

/** `Senin, 23 November 2026 pukul 09.03 WIB`: a moment as Indonesians write it, in the user's zone. */
export function localMoment(time: number): string {
  const zone = pageData.zone
  const text = new Date(time).toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(zone && { timeZone: zone.id }),
  })
  return zone ? `${text} ${zone.name}` : text
}
