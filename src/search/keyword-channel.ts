// The keyword channel: BM25 over the query's free words and phrase words, within the request's constraints.

import type { Ranked } from '../types.js'
import type { KeywordIndex } from '../index/keyword.js'
import type { ParsedQuery } from './query.js'

export class KeywordChannel {
  constructor(
    private readonly keyword: KeywordIndex,
    /** Every passage id, in corpus order. */
    private readonly passageIds: readonly string[],
  ) {}

  /**
   * Passages holding a query word (typos tolerated, the last word as a prefix), best first, among those `allowed`.
   * `matchedTerms` collects, per hit, the index terms its match used (fuzzy and prefix expansions included), for
   * highlighting.
   */
  rank(query: ParsedQuery, allowed: (id: string) => boolean, matchedTerms: Map<string, string[]>): Ranked {
    const terms = [...query.terms, ...query.phraseTerms]
    const matches = this.keyword.search(terms, { filter: allowed })
    for (const match of matches) matchedTerms.set(match.id, match.terms)
    const ranked: Ranked = matches.map((m) => [m.id, round(m.score)])
    if (query.phrases.length > 0) {
      // A phrase of stop words only has no index terms: its matches are still every occurrence, in order.
      const seen = new Set(ranked.map(([id]) => id))
      for (const id of this.passageIds) if (!seen.has(id) && allowed(id)) ranked.push([id, 0])
    }
    return ranked
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000
