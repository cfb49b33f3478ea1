// The cross-lingual channel's translator: English detection and translation, checked against the keyword index.

import { loadDictionary, type Dictionary, type DictionaryStatus } from './dictionary.js'
import { isEnglishQuery } from './english.js'
import { translateQuery, type TranslateOptions } from './translate.js'

/** What the translator needs of the keyword index: whether a passage's text holds a term. */
export interface TermLookup {
  inText(term: string): boolean
}

export interface EnglishTranslator {
  isEnglish(text: string): boolean
  /** A French query for the keyword index, or '' when no term could be translated. */
  translate(text: string): string
  /** Which dictionaries are loaded, and what is missing. */
  readonly status: DictionaryStatus
}

// Remembered corpus look-ups per translator: the same few hundred stems come back query after query.
const LOOKUP_CACHE_LIMIT = 10_000

export function englishTranslator(
  keyword: TermLookup,
  options: { dictionary?: Dictionary; maxPerTerm?: TranslateOptions['maxPerTerm'] } = {},
): EnglishTranslator {
  // Read on first use (≈ 0.2 s of CPU), not when an engine is opened: the warm-up's English query pays it.
  let dictionary = options.dictionary
  const loaded = (): Dictionary => (dictionary ??= loadDictionary())
  const known = new Map<string, boolean>()
  const inCorpus = (stem: string): boolean => {
    let found = known.get(stem)
    if (found === undefined) {
      found = keyword.inText(stem)
      if (known.size < LOOKUP_CACHE_LIMIT) known.set(stem, found)
    }
    return found
  }
  return {
    get status() {
      return loaded().status
    },
    isEnglish: (text) => isEnglishQuery(text, loaded()),
    translate(text) {
      const translation = translateQuery(text, { inCorpus, dictionary: loaded(), maxPerTerm: options.maxPerTerm })
      return translation.terms.some((term) => term.french.length > 0) ? translation.french : ''
    },
  }
}
