// What the engine understood of a query, for the people reading the answer: a quote left open, nothing but
// exclusions, an English query and its translation, a query cut by the limits.

import type { ParsedQuery } from './query.js'

export type QueryNotice =
  /** A quote was not closed: the phrase ran to the end of the query, and this is what was searched as one. */
  | { code: 'UNCLOSED_QUOTE'; phrase: string }
  /** Only exclusions (`-mot`): nothing to search for, so nothing is found. */
  | { code: 'EXCLUSION_ONLY' }
  /** Only stop words (`de la`) outside quotes: nothing to search for. */
  | { code: 'STOP_WORDS_ONLY' }
  /** An English query, searched in French too, with the French it was translated into. */
  | { code: 'TRANSLATED'; translation: string }
  /** The query was larger than the limits: the first `kept` of `given` phrases, terms or exclusions were used. */
  | { code: 'LIMITED'; what: 'phrases' | 'terms' | 'exclusions'; kept: number; given: number }

/** What translation the engine has, if any. */
export interface NoticeTranslator {
  isEnglish(text: string): boolean
  translate(text: string): string
}

// Opening quote → closing quote, as the query parser reads them.
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' }

/** The notices for a query as typed (`raw`), as parsed, and as cut by the limits. */
export function queryNotices(raw: string, parsed: ParsedQuery, limited: ParsedQuery, translator: NoticeTranslator | null, translates: boolean): QueryNotice[] {
  const notices: QueryNotice[] = []
  const open = unclosedPhrase(raw)
  if (open) notices.push({ code: 'UNCLOSED_QUOTE', phrase: open })
  if (parsed.terms.length === 0 && parsed.phrases.length === 0) {
    notices.push(parsed.excludedPhrases.length ? { code: 'EXCLUSION_ONLY' } : { code: 'STOP_WORDS_ONLY' })
  }
  if (translates && translator && limited.text && translator.isEnglish(limited.text)) {
    const translation = translator.translate(limited.text)
    if (translation) notices.push({ code: 'TRANSLATED', translation })
  }
  const count = (query: ParsedQuery) => ({
    phrases: query.phrases.length,
    terms: new Set(query.terms).size + new Set(query.phraseTerms).size,
    exclusions: new Set(query.excludedPhrases).size,
  })
  const given = count(parsed)
  const kept = count(limited)
  for (const what of ['phrases', 'terms', 'exclusions'] as const) {
    if (kept[what] < given[what]) notices.push({ code: 'LIMITED', what, kept: kept[what], given: given[what] })
  }
  return notices
}

/** The text of a quote left open (to the end of the query), or '' when every quote is closed. */
function unclosedPhrase(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const close = QUOTES[raw[i]!]
    if (close === undefined) continue
    const end = raw.indexOf(close, i + 1)
    if (end === -1) return raw.slice(i + 1).trim()
    i = end
  }
  return ''
}
