// The keyword channel: BM25 over the query's free words and phrase words, within the request's constraints — its
// exact top k (scoring stops early), its whole match set (counted, not scored), and a passage's rank on demand.

import { Bitset } from '../index/bitset.js'
import type { KeywordIndex, KeywordQuery } from '../index/keyword.js'
import type { ParsedQuery } from './query.js'

/** A passage number and its keyword score as the API shows it (rounded to 4 decimals). */
export type RankedPassage = [doc: number, score: number]

export class KeywordChannel {
  /** Id rank → passage number: passages in id order, for ties at score 0. */
  private readonly byIdOrder: Uint32Array

  constructor(private readonly index: KeywordIndex) {
    this.byIdOrder = new Uint32Array(index.size)
    index.idOrder.forEach((rank, doc) => {
      this.byIdOrder[rank] = doc
    })
  }

  /**
   * The channel for one query. `required` is the passages holding its phrases and none of its exclusions (null when
   * it has neither). A passage matches when it holds a query word (typos tolerated, the last word as a prefix) and
   * meets `required`; with a phrase, every passage holding it matches, even when its words are all stop words.
   */
  prepare(query: ParsedQuery, required: Bitset | null, deadline = Infinity): PreparedKeyword {
    const keywordQuery = this.index.query([...query.terms, ...query.phraseTerms], {}, deadline)
    const phrased = query.phrases.length > 0
    const matches = phrased ? required! : required ? keywordQuery.matches().and(required) : keywordQuery.matches()
    return new PreparedKeyword(this.index, this.byIdOrder, keywordQuery, phrased, matches)
  }
}

export class PreparedKeyword {
  constructor(
    private readonly index: KeywordIndex,
    private readonly byIdOrder: Uint32Array,
    readonly query: KeywordQuery,
    /** With a required phrase, matches that score nothing (stop words only) still rank, at 0, by id. */
    private readonly phrased: boolean,
    /** Every passage the channel matches, before the year, document and kind filters. */
    readonly matches: Bitset,
  ) {}

  /**
   * The first `depth` passages of the channel's ranking among `allowed` (a subset of `matches`), best first: by
   * rounded score, then id. `truncated` when the deadline cut the scan (then they are the best found in time).
   */
  top(depth: number, allowed: Bitset, deadline = Infinity): { ranked: RankedPassage[]; truncated: boolean } {
    const { hits, truncated } = this.query.top(depth, allowed, deadline)
    const ranked: RankedPassage[] = []
    for (const hit of hits) if (hit.rounded > 0 || !this.phrased) ranked.push([hit.doc, hit.rounded])
    if (this.phrased && ranked.length < depth) {
      const available = allowed.count()
      const scored = Bitset.of(this.index.size, ranked.map(([doc]) => doc))
      for (let rank = 0; rank < this.byIdOrder.length && ranked.length < Math.min(depth, available); rank++) {
        const doc = this.byIdOrder[rank]!
        if (allowed.has(doc) && !scored.has(doc)) ranked.push([doc, 0])
      }
    }
    return { ranked, truncated }
  }

  /**
   * Whether every match's score is known for a head of `depth` (see `KeywordQuery.scoresFor`): then `score` reads it
   * and the whole ranking can be read without a scan. False when the deadline passed first.
   */
  scoredWhole(depth: number, deadline = Infinity): boolean {
    return this.query.scoresFor(depth, deadline) !== null
  }

  /** The rounded score of one passage (0 when it matches only through a phrase of stop words). */
  score(doc: number): number {
    return Math.round(this.query.score(doc) * 10_000) / 10_000
  }

  /**
   * The ranks (from 1) of some passages in the channel's ranking among `allowed`, found by one scan for the
   * passages that come before the lowest of them; null for all when the deadline passed first.
   */
  ranks(docs: readonly number[], allowed: Bitset, deadline = Infinity): Map<number, number> | null {
    const order = this.index.idOrder
    const targets = docs.map((doc) => ({ doc, rounded: this.score(doc), order: order[doc]! }))
    const before = this.query.countBefore(targets, allowed, deadline)
    if (!before) return null
    const ranks = new Map<number, number>()
    targets.forEach((target, i) => {
      let rank = before[i]! + 1
      // Passages matching only through a phrase rank at 0 by id, after every scored one.
      if (this.phrased && target.rounded === 0) for (let r = 0; r < target.order; r++) if (allowed.has(this.byIdOrder[r]!) && this.query.score(this.byIdOrder[r]!) === 0) rank++
      ranks.set(target.doc, rank)
    })
    return ranks
  }

  /** The index terms a passage matched (typo and prefix expansions included), for highlighting. */
  matchedTerms(doc: number): string[] {
    return this.query.matchedTerms(doc)
  }
}
