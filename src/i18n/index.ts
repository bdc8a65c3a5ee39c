import { en } from './en.ts'
import { id, type Messages } from './id.ts'

export type { Messages }
export type Language = 'id' | 'en'
export type ErrorKey = keyof Messages['errors']

export const LANGUAGES: Language[] = ['id', 'en']
const CATALOGS: Record<Language, Messages> = { id, en }

/** The message catalog of a language. */
export function messagesFor(language: Language): Messages {
  return CATALOGS[language]
}

/**
 * The UI language: an explicit cookie choice wins, then the first supported language in
 * `Accept-Language`, then Indonesian.
 */
export function pickLanguage(cookieChoice: string | undefined, acceptLanguage: string | undefined): Language {
  if (cookieChoice === 'id' || cookieChoice === 'en') return cookieChoice
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=')
      return { base: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q) }
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q)
  const first = ranked.find((entry) => entry.base === 'id' || entry.base === 'en')
  return (first?.base as Language | undefined) ?? 'id'
}
