// English → French query translation with the glossary and FreeDict: longest expressions first, corpus words preferred.

import { analyze } from '../text/analyzer.js'
import { loadDictionary, normaliseEnglish, type Dictionary } from './dictionary.js'
import { englishFunctionWords, englishLemmas } from './english.js'

export interface TranslateOptions {
  /**
   * Whether a French index term occurs in the corpus; it is asked about Snowball stems as `analyze` makes them
   * (`témoins` → `temoin`). Translations found in the corpus rank first and the others are dropped when any is
   * found. Defaults to none: translations keep the dictionary's order.
   */
  inCorpus?: (frenchStem: string) => boolean
  /** Translations kept per English term. 1–10. Defaults to 3. */
  maxPerTerm?: number
  /** The dictionaries to use. Defaults to `loadDictionary()`, the shipped files in `data/`. */
  dictionary?: Dictionary
}

export const defaultTranslateOptions = { maxPerTerm: 3 } as const

export interface TranslatedTerm {
  /** The English word or expression as matched, lower case. */
  english: string
  /** Its French translations, best first; empty when neither dictionary knows it (the word is then kept as is). */
  french: string[]
}

export interface Translation {
  /** A French query for the keyword index: the translations, then the unknown words as written. '' when nothing is left. */
  french: string
  terms: TranslatedTerm[]
}

// Spellings of one word tried per span position: at most this many combinations per expression.
const MAX_VARIANTS = 16

/** Translates an English query term by term. Never throws: without dictionaries, words pass through unchanged. */
export function translateQuery(query: string, options: TranslateOptions = {}): Translation {
  const { inCorpus, dictionary = loadDictionary() } = options
  const maxPerTerm = Math.min(10, Math.max(1, Math.floor(options.maxPerTerm ?? defaultTranslateOptions.maxPerTerm)))
  const words = englishWords(query, dictionary)
  const terms: TranslatedTerm[] = []

  for (let i = 0; i < words.length; ) {
    const found = longestEntry(words, i, dictionary)
    if (found) {
      const english = words.slice(i, i + found.length).join(' ')
      // FreeDict often misses the French cognate (`information` → `renseignement` only): the word itself competes too.
      const candidates = found.fromGlossary ? found.translations : [...found.translations, english]
      const french = rank(candidates, inCorpus, maxPerTerm, found.translations.length)
      // An entry of function words whose translations are French stop words (`of the` → `du`) adds nothing.
      const empty = french.length === 0 && words.slice(i, i + found.length).every((w) => englishFunctionWords.has(w))
      if (!empty) terms.push({ english, french })
      i += found.length
      continue
    }
    if (!englishFunctionWords.has(words[i]!) && !/^\p{L}$/u.test(words[i]!)) terms.push({ english: words[i]!, french: [] })
    i++
  }

  const parts: string[] = []
  for (const term of terms) for (const part of term.french.length > 0 ? term.french : [term.english]) if (!parts.includes(part)) parts.push(part)
  return { french: parts.join(' '), terms }
}

/** Lower-case words, possessive `'s` dropped; a hyphenated word stays whole only when an entry has it (`capacity-building`). */
function englishWords(query: string, dictionary: Dictionary): string[] {
  const words: string[] = []
  for (const token of normaliseEnglish(query).match(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu) ?? []) {
    const word = token.replace(/'s$/, '')
    if (word.includes('-') && !dictionary.glossary.has(word) && !dictionary.freedict.has(word)) words.push(...word.split('-').filter(Boolean))
    else words.push(word)
  }
  return words
}

/** The longest entry starting at word `start`, trying each word as written and then its lemmas; the glossary first. */
function longestEntry(
  words: string[],
  start: number,
  dictionary: Dictionary,
): { length: number; translations: readonly string[]; fromGlossary: boolean } | null {
  for (let length = Math.min(dictionary.longestEntry, words.length - start); length >= 1; length--) {
    const span = words.slice(start, start + length)
    // A lone function word is not translated: FreeDict's `a` or `on` would only add noise to a French query.
    if (length === 1 && englishFunctionWords.has(span[0]!)) return null
    const keys = spellings(span)
    for (const entries of [dictionary.glossary, dictionary.freedict]) {
      for (const key of keys) {
        const translations = entries.get(key)
        if (translations && translations.length > 0) return { length, translations, fromGlossary: entries === dictionary.glossary }
      }
    }
  }
  return null
}

/** The span as written, then with lemmas substituted, as dictionary keys. */
function spellings(span: string[]): string[] {
  let keys = ['']
  for (const word of span) {
    const forms = [word, ...englishLemmas(word)]
    keys = keys.flatMap((key) => forms.map((form) => (key ? `${key} ${form}` : form))).slice(0, MAX_VARIANTS)
  }
  return keys
}

/**
 * Candidates ordered by how much of them the corpus has, their order breaking ties; those with no index term
 * dropped. Candidates from `unverified` on (the English word as its own cognate) are kept only when found in the corpus.
 */
function rank(candidates: readonly string[], inCorpus: ((stem: string) => boolean) | undefined, limit: number, unverified = candidates.length): string[] {
  const seen = new Set<string>()
  const scored = candidates
    .map((french, order) => {
      const stems = analyze(french)
      const coverage = inCorpus && stems.length > 0 ? stems.filter((s) => inCorpus(s)).length / stems.length : 0
      return { french, order, key: stems.join(' '), coverage }
    })
    // Candidates the keyword index cannot tell apart (`rôle`, `role`) count once.
    .filter((t) => t.key !== '' && (t.order < unverified || t.coverage > 0) && !seen.has(t.key) && seen.add(t.key))
  const anyInCorpus = scored.some((t) => t.coverage > 0)
  return scored
    .filter((t) => !anyInCorpus || t.coverage > 0)
    .sort((a, b) => b.coverage - a.coverage || a.order - b.order)
    .slice(0, limit)
    .map((t) => t.french)
}
