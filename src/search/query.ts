// Query parsing: free terms, exact phrases in quotes ("…", «…», “…”), and excluded terms or phrases (-mot).

import { analyze, phraseForm } from '../text/analyzer.js'

export interface ParsedQuery {
  /** The query as typed. */
  raw: string
  /** Free text (operators removed), for the semantic channels and translation. */
  text: string
  /** Analysed free terms (stop words dropped, stemmed), in order. */
  terms: string[]
  /** Required phrases, each in phrase form (folded words, stop words kept). */
  phrases: string[]
  /** Analysed terms of the required phrases, for ranking and candidate lookup. */
  phraseTerms: string[]
  /**
   * Excluded words (`-mot`) and phrases (`-"…"`), each in phrase form: a word is excluded as typed (case, accents
   * and apostrophes aside), not with every word sharing its stem, and `-ci-après` means `-"ci-après"`.
   */
  excludedPhrases: string[]
}

// Opening quote → its closing quote. A quote left open runs to the end of the query.
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' }
const OPENING = new RegExp(`[${Object.keys(QUOTES).join('')}]`, 'g')

/** A stretch of the raw query: a word, or a quoted phrase; `negated` when a minus sign stands before it. */
export interface Piece {
  text: string
  quoted: boolean
  negated: boolean
}

/** The query's words and quoted phrases, in order: what `parseQuery` analyses. */
export function splitPieces(raw: string): Piece[] {
  const pieces: Piece[] = []
  let i = 0
  let free = ''
  const flushFree = () => {
    for (const word of free.split(/\s+/)) {
      if (!word) continue
      const negated = word.length > 1 && (word[0] === '-' || word[0] === '−')
      pieces.push({ text: negated ? word.slice(1) : word, quoted: false, negated })
    }
    free = ''
  }
  while (i < raw.length) {
    // The free text up to the next opening quote, in one piece.
    OPENING.lastIndex = i
    const next = OPENING.exec(raw)?.index ?? raw.length
    if (next > i) {
      free += raw.slice(i, next)
      i = next
      continue
    }
    const close = QUOTES[raw[i]!]!
    const negated = /[-−]$/.test(free) && (free.length === 1 || /\s/.test(free[free.length - 2]!))
    if (negated) free = free.slice(0, -1)
    flushFree()
    const end = raw.indexOf(close, i + 1)
    const stop = end === -1 ? raw.length : end
    pieces.push({ text: raw.slice(i + 1, stop), quoted: true, negated })
    i = stop + 1
  }
  flushFree()
  return pieces
}

export function parseQuery(raw: string): ParsedQuery {
  const query: ParsedQuery = { raw, text: '', terms: [], phrases: [], phraseTerms: [], excludedPhrases: [] }
  const freeText: string[] = []
  for (const piece of splitPieces(raw)) {
    if (piece.negated) {
      const phrase = phraseForm(piece.text)
      if (phrase) query.excludedPhrases.push(phrase)
    } else if (piece.quoted) {
      // A one-word "phrase" is still exact: "Etats" matches the word, not its stem family.
      const phrase = phraseForm(piece.text)
      if (!phrase) continue
      query.phrases.push(phrase)
      query.phraseTerms.push(...analyze(piece.text))
      freeText.push(piece.text)
    } else {
      query.terms.push(...analyze(piece.text))
      freeText.push(piece.text)
    }
  }
  query.text = freeText.join(' ').replace(/\s+/g, ' ').trim()
  return query
}

/** True when the query asks for nothing searchable (only stop words, punctuation or exclusions). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.terms.length === 0 && query.phrases.length === 0
}
