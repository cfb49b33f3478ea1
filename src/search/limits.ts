// Bounds on the work one query may ask for: how many terms are searched, phrases checked and exclusions applied.
// A query within the 1000-character limit can still name a hundred words, each fuzzy-expanded over the whole
// vocabulary; past these bounds the rest is dropped and the response says so in `notes`.

import { analyze } from '../text/analyzer.js'
import type { ParsedQuery } from './query.js'

export interface QueryLimits {
  /**
   * Distinct search terms (free words and phrase words, after stop words) searched, in query order; the free text
   * the semantic channels read is cut after as many terms. 1–1000. Defaults to 32.
   */
  maxTerms: number
  /** Required phrases checked. 1–100. Defaults to 4. */
  maxPhrases: number
  /** Excluded words and phrases applied. 1–100. Defaults to 8. */
  maxExclusions: number
}

export const defaultQueryLimits: QueryLimits = { maxTerms: 32, maxPhrases: 4, maxExclusions: 8 }

/**
 * The query within the limits, and one plain sentence per limit that cut something. Repeated terms count once
 * (a repeated word searched twice costs twice and ranks the same passages).
 */
export function limitQuery(query: ParsedQuery, limits: QueryLimits = defaultQueryLimits): { query: ParsedQuery; notes: string[] } {
  const notes: string[] = []
  const phrases = query.phrases.slice(0, limits.maxPhrases)
  if (query.phrases.length > phrases.length) notes.push(`Only the first ${limits.maxPhrases} of the ${query.phrases.length} phrases were required.`)
  const terms = unique(query.terms)
  const phraseTerms = unique(query.phraseTerms)
  const total = terms.length + phraseTerms.length
  if (total > limits.maxTerms) notes.push(`Only the first ${limits.maxTerms} of the ${total} search terms were used; shorten the query to choose them.`)
  const keptTerms = terms.slice(0, limits.maxTerms)
  const keptPhraseTerms = phraseTerms.slice(0, Math.max(0, limits.maxTerms - keptTerms.length))
  const exclusions = unique(query.excludedPhrases)
  const excludedPhrases = exclusions.slice(0, limits.maxExclusions)
  if (exclusions.length > limits.maxExclusions) notes.push(`Only the first ${limits.maxExclusions} of the ${exclusions.length} exclusions were applied.`)
  const text = textUpTo(query.text, limits.maxTerms)
  if (text !== query.text && total <= limits.maxTerms) notes.push(`Only the first ${limits.maxTerms} words of the query were read by the semantic channels.`)
  return { query: { ...query, text, terms: keptTerms, phrases, phraseTerms: keptPhraseTerms, excludedPhrases }, notes }
}

// The free text the semantic channels and translation read, cut after its first `maxTerms` terms (repeats counted:
// translation and the cross-lingual channel search every word as written).
function textUpTo(text: string, maxTerms: number): string {
  const words = text.split(' ')
  let count = 0
  for (let i = 0; i < words.length; i++) {
    count += analyze(words[i]!).length
    if (count >= maxTerms && i < words.length - 1) return words.slice(0, i + 1).join(' ')
  }
  return text
}

const unique = (terms: readonly string[]) => [...new Set(terms)]
