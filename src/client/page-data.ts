// What the server put in the page for its script: the user's language's words and who is
// signed in (see ClientData in templates/layout.tsx). Read once.
import type { Session } from './outbox.ts'

interface PageData {
  text: Record<string, string>
  session: Session | null
}

const element = document.getElementById('client-data')
export const pageData: PageData = element?.textContent ? JSON.parse(element.textContent) : { text: {}, session: null }

/** A message in the page's language, with `{name}` placeholders filled. */
export function say(key: string, values: Record<string, string | number> = {}): string {
  return (pageData.text[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
}
