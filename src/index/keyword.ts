// The keyword index: BM25+ over French stems (MiniSearch's scoring, our postings), and the positions of every
// folded word for exact phrases and exclusions. MiniSearch's radix tree is the vocabulary (prefixes; typos through the
// length-bucketed scan of keyword-fuzzy.ts, which gives what its walk gives).

import SearchableMap from 'minisearch/SearchableMap'
import { SearchError } from '../errors.js'
import { phraseForm } from '../text/analyzer.js'
import { Bitset } from './bitset.js'
import { buildKeywordData, type KeywordDocument } from './keyword-build.js'
import { decodeKeywordData, encodeKeywordData, NO_STEM, type KeywordData } from './keyword-data.js'
import { ScoredTerm, scoreEvery, scoreOf, topK, type EveryScore, type ExpandedTerm, type Expansion, type Scratch, type Tail, type Tails, type TermQuery, type TopK } from './keyword-query.js'
import { phrasePassages } from './phrases.js'
import { FuzzyVocabulary } from './keyword-fuzzy.js'
import { vocabularyTree, type Vocabulary } from './vocabulary-tree.js'
import { StringIndex } from '../binary/string-index.js'

export type { KeywordDocument } from './keyword-build.js'
export type { ScoredPassage, TopK } from './keyword-query.js'

export interface KeywordSearchOptions {
  /** Let the last term match as a prefix (the user may still be typing). Defaults to true. */
  prefixLast?: boolean
  /** Allow typo tolerance on terms of 5+ characters. Defaults to true. */
  fuzzy?: boolean
  filter?: (id: string) => boolean
}

export interface KeywordMatch {
  id: string
  score: number
  /** Index terms (stems) that matched, fuzzy and prefix expansions included: used to highlight. */
  terms: string[]
}

const defaultKeywordSearchOptions: Required<Omit<KeywordSearchOptions, 'filter'>> = { prefixLast: true, fuzzy: true }

// Typo tolerance is a fraction of the term length, capped (MiniSearch's rule: round(0.2 · length), at most 2):
// 1 edit for 5–7 letters, 2 beyond. No typos under 5 letters, no prefix under 3, neither for numbers.
const FUZZY_FRACTION = 0.2
const MAX_FUZZY = 2
const FUZZY_MIN_LENGTH = 5
const PREFIX_MIN_LENGTH = 3
/** How many terms' expansions a keyword index remembers (a few hundred bytes each, more for a short prefix). */
const EXPANSION_CACHE_SIZE = 4096
/** How many bytes of materialised expansion scores a keyword index keeps (12 bytes a passage reached). */
const TAIL_CACHE_BYTES = 16 * 2 ** 20
/**
 * From this depth on, a top-k scores every match term at a time instead of scanning with MaxScore: a head this deep
 * leaves MaxScore little to skip (100k varied corpus: the 150 best cost about what scoring every match does, the
 * 10 best usually less), and the scores then serve deeper heads and any passage's rank without another pass.
 */
const EXHAUSTIVE_DEPTH = 100
// What MaxScore may spend before scoring every match instead (see `KeywordQuery.scanLookups`).
const SCAN_LOOKUPS_PER_POSTING = 0.5
const SCAN_LOOKUPS_PER_PASSAGE = 1 / 64
// Below this many terms MaxScore is never given up: a passage it visits costs few look-ups, and giving up at a million
// passages made common two- and three-word queries 4–6× slower (`protection des témoins` 20 → 128 ms CPU).
const SCAN_GIVE_UP_TERMS = 8
// MiniSearch's weights for a prefix and a typo match (its defaults; the ranking was tuned with them).
const PREFIX_WEIGHT = 0.375
const FUZZY_WEIGHT = 0.45

/** How analysed query terms stretch: the last as a prefix, the longer ones to typos (MiniSearch's rules). */
export function termQueries(terms: readonly string[], options: Omit<KeywordSearchOptions, 'filter'> = {}): TermQuery[] {
  const { prefixLast, fuzzy } = { ...defaultKeywordSearchOptions, ...options }
  return terms.map((term, i) => ({
    term,
    prefix: prefixLast && i === terms.length - 1 && term.length >= PREFIX_MIN_LENGTH && !/\d/.test(term),
    fuzzy: fuzzy && term.length >= FUZZY_MIN_LENGTH && !/\d/.test(term) ? Math.min(MAX_FUZZY, Math.round(term.length * FUZZY_FRACTION)) : 0,
  }))
}

/** A query prepared against the index: expanded, ready for top-k, scoring one passage, or listing every match. */
export class KeywordQuery {
  constructor(
    private readonly index: KeywordIndex,
    readonly terms: readonly ScoredTerm[],
    /** Query terms left unexpanded because the deadline passed (the last ones). */
    readonly skipped = 0,
  ) {}

  /** Every match scored, once asked for (see `everyScore`). */
  private every: EveryScore | null = null

  /**
   * The k best passages among `allowed` (all when null), best first; exact unless the deadline cut the scan. A deep
   * head (`EXHAUSTIVE_DEPTH` or more) scores every match once and keeps the scores for deeper heads and ranks.
   */
  top(k: number, allowed: Bitset | null = null, deadline = Infinity): TopK {
    if (k >= EXHAUSTIVE_DEPTH || this.every) {
      const every = this.everyScore(deadline)
      if (every) return { hits: every.top(k, allowed, this.index.idOrder), truncated: false }
    }
    const scanned = topK(this.terms, k, allowed, this.index.idOrder, deadline, this.scanLookups())
    if (!scanned.abandoned) return scanned
    const every = this.everyScore(deadline)
    return every ? { hits: every.top(k, allowed, this.index.idOrder), truncated: false } : { hits: scanned.hits, truncated: true }
  }

  /**
   * How many term scores MaxScore may look up before scoring every match instead: a look-up (a seek in each of a
   * term's lists) costs about what walking one posting does, and a query whose passages hold many of its terms (a
   * long query of common words) leaves MaxScore little to skip — 32 words of 9+ letters at 100 000 passages looked
   * up 2 million scores (94 ms of CPU) where scoring their 122 000 postings took 5 ms. Past half the postings, the
   * scan has spent what scoring every match costs; the fixed part is that of `scoreEvery`'s arrays.
   */
  private scanLookups(): number {
    if (this.terms.length < SCAN_GIVE_UP_TERMS) return Infinity
    let postings = 0
    for (const term of this.terms) postings += term.postings
    return postings * SCAN_LOOKUPS_PER_POSTING + this.index.size * SCAN_LOOKUPS_PER_PASSAGE
  }

  /**
   * Every match's score when a head of `k` would score every match anyway (see `top`) or already has: then `score`
   * reads it. Null otherwise, or when the deadline passed first.
   */
  scoresFor(k: number, deadline = Infinity): EveryScore | null {
    return k >= EXHAUSTIVE_DEPTH || this.every ? this.everyScore(deadline) : null
  }

  /** Every match with its score, computed on first use; null when the deadline passed first. */
  everyScore(deadline = Infinity): EveryScore | null {
    return (this.every ??= scoreEvery(this.terms, this.index.size, deadline, this.index.scratchArrays()))
  }

  /**
   * For each target (a rounded score and an id rank), how many passages among `allowed` rank before it; null when
   * the deadline passed first.
   */
  countBefore(targets: ReadonlyArray<{ rounded: number; order: number }>, allowed: Bitset | null, deadline = Infinity): number[] | null {
    return this.everyScore(deadline)?.countAt(targets, allowed, this.index.idOrder) ?? null
  }

  /** Every passage holding a query term or one of its expansions, in any field. */
  matches(): Bitset {
    const set = new Bitset(this.index.size)
    for (const term of this.terms) term.addMatches(set, this.index.data.fields)
    return set
  }

  /** The score of one passage (0 when it matches nothing). */
  score(doc: number): number {
    return this.every ? this.every.score(doc) : scoreOf(this.terms, doc)
  }

  /** The index terms a passage matched (exact, prefix and typo expansions), in query order, for highlighting. */
  matchedTerms(doc: number): string[] {
    const found = new Set<string>()
    for (const term of this.terms) {
      for (const expansion of term.expanded.expansions) if (this.index.holds(expansion.id, doc)) found.add(expansion.term)
    }
    return [...found]
  }
}

export class KeywordIndex {
  /** Index term → its id, for exact look-ups: they need no radix tree. */
  private readonly termIds: StringIndex
  private readonly wordIds: StringIndex
  private tree: Vocabulary | null = null
  private scratch: Scratch | null = null

  /** Arrays of one per passage that a query borrows while it scores (queries score one at a time in a process). */
  scratchArrays(): Scratch {
    return (this.scratch ??= { score: new Float64Array(this.size), marked: new Uint8Array(this.size) })
  }
  private fuzzy: FuzzyVocabulary | null = null
  /** Expansions already walked, by term and tolerance (see `expanded`). */
  private readonly expansions = new Map<string, ExpandedTerm>()
  /**
   * The expansions' scores already materialised, by expanded term (the objects `expanded` remembers): a query term
   * with typo or prefix expansions gathers, sorts and scores every passage they reach, ≈ 5 % of a hybrid search's CPU
   * at 100 000 passages, and queries repeat their words. Bounded by bytes: emptied past `TAIL_CACHE_BYTES`.
   */
  private readonly tails: Tails = (() => {
    const kept = new Map<ExpandedTerm, Tail>()
    let bytes = 0
    return {
      get: (term) => kept.get(term),
      set(term, tail) {
        const size = tail.docs.byteLength + tail.scores.byteLength
        if (bytes + size > TAIL_CACHE_BYTES) {
          kept.clear()
          bytes = 0
        }
        if (size > TAIL_CACHE_BYTES) return
        kept.set(term, tail)
        bytes += size
      },
    }
  })()
  /** The terms of prefixes already walked (see `termsWithPrefix`). */
  private readonly prefixTerms = new Map<string, ReadonlyArray<readonly [string, number]>>()

  private constructor(readonly data: KeywordData) {
    this.termIds = StringIndex.of(data.terms)
    this.wordIds = StringIndex.of(data.words)
  }

  /**
   * The vocabulary's radix tree (MiniSearch's SearchableMap), made on the first prefix or typo expansion rather than
   * at load: its Map per node (≈ 156 000 at 100 000 passages) and their garbage collection cost ≈ 0.5–1 s of CPU,
   * which the warm-up pays before a server answers (`prepare`). Exact terms are looked up in `termIds`.
   */
  private get vocabulary(): SearchableMap<number> {
    return this.radixTree().map
  }

  private radixTree(): Vocabulary {
    return (this.tree ??= vocabularyTree(this.data.terms))
  }

  static build(documents: readonly KeywordDocument[]): KeywordIndex {
    return new KeywordIndex(buildKeywordData(documents))
  }

  /** Reads `toBuffer`'s bytes; the postings stay views into them. Throws INDEX_CORRUPT when they are not an index. */
  static fromBuffer(bytes: Uint8Array): KeywordIndex {
    try {
      return new KeywordIndex(decodeKeywordData(bytes))
    } catch (cause) {
      if (cause instanceof SearchError) throw cause
      throw new SearchError('INDEX_CORRUPT', 'The keyword index file is unreadable: run `npm run index` to rebuild it.', { cause })
    }
  }

  toBuffer(): Buffer {
    return encodeKeywordData(this.data)
  }

  get size(): number {
    return this.data.ids.length
  }

  /** Passage number → passage id. */
  get ids(): readonly string[] {
    return this.data.ids
  }

  /** Passage number → rank of its id in string order. */
  get idOrder(): Uint32Array {
    return this.data.idOrder
  }

  /**
   * Expands analysed terms through the vocabulary (see `termQueries`) and prepares them for scoring. Past the
   * deadline the remaining terms are left out (at least the first is always expanded) and counted in `skipped`.
   */
  query(terms: readonly string[], options: Omit<KeywordSearchOptions, 'filter'> = {}, deadline = Infinity): KeywordQuery {
    const queries = termQueries(terms, options)
    const sources = new Map<string, number>()
    for (const q of queries) if (!sources.has(q.term)) sources.set(q.term, sources.size)
    const scratch = this.scratchArrays()
    const scored: ScoredTerm[] = []
    for (const q of queries) {
      if (scored.length > 0 && performance.now() > deadline) break
      scored.push(new ScoredTerm(this.expanded(q), sources.get(q.term)!, this.data.fields, this.size, scratch, this.tails))
    }
    return new KeywordQuery(this, scored, queries.length - scored.length)
  }

  /** Every passage matching any of the terms, best first (exhaustive; the engine uses `query` and top-k). */
  search(terms: string[], options: KeywordSearchOptions = {}): KeywordMatch[] {
    if (terms.length === 0) return []
    const query = this.query(terms, options)
    const filter = options.filter
    const ids = this.data.ids
    const allowed = filter ? Bitset.of(this.size, [...ids.keys()].filter((doc) => filter(ids[doc]!))) : null
    return query.top(this.size, allowed).hits.map((hit) => ({ id: ids[hit.doc]!, score: hit.score, terms: query.matchedTerms(hit.doc) }))
  }

  /** Whether some passage's text holds the term exactly (no typo tolerance, no prefix): its postings are not empty. */
  inText(term: string): boolean {
    const id = this.termIds.get(term)
    const offsets = this.data.fields[0].offsets
    return id !== undefined && offsets[id + 1]! > offsets[id]!
  }

  /**
   * Every passage whose text holds the phrase (in phrase form: folded words, one space apart) as consecutive words;
   * with `within`, only those among it (the others are not looked at).
   */
  phrase(phrase: string, within: Bitset | null = null): Bitset {
    const words = phrase.split(' ').filter(Boolean)
    return phrasePassages(this.data.wordPostings, words.map((w) => this.wordIds.get(w) ?? -1), this.size, within)
  }

  /** `phrase` for raw text: folded and tokenised first. */
  phraseOf(text: string): Bitset {
    return this.phrase(phraseForm(text))
  }

  /** Whether a passage holds an index term in any field. */
  holds(termId: number, doc: number): boolean {
    for (const field of this.data.fields) {
      let low = field.offsets[termId]!
      let high = field.offsets[termId + 1]!
      while (low < high) {
        const mid = (low + high) >>> 1
        if (field.docs[mid]! < doc) low = mid + 1
        else high = mid
      }
      if (low < field.offsets[termId + 1]! && field.docs[low] === doc) return true
    }
    return false
  }

  /** An index term's id, or -1 when no passage holds it. */
  termId(term: string): number {
    return this.termIds.get(term) ?? -1
  }

  /** A folded word's id (its row in `data.words` and the word postings), or -1 when no passage holds it. */
  wordId(word: string): number {
    return this.wordIds.get(word) ?? -1
  }

  /**
   * The stem of a folded word of the passages' text (`stem` of it), read from the word → stem column the build wrote
   * instead of computed; undefined for a word the index does not hold or whose stem is no index term (a stop word's).
   */
  storedStem(word: string): string | undefined {
    const id = this.wordIds.get(word)
    if (id === undefined) return undefined
    const term = this.data.wordStems[id]!
    return term === NO_STEM ? undefined : this.data.terms[term]
  }

  /**
   * The index terms that start with `prefix`, with their ids (the vocabulary's radix tree). Remembered for a
   * non-empty prefix, as expansions are (the feature rows ask for the same few query after query: walking the tree
   * was ≈ 3 % of a hybrid search's CPU at 100 000 passages); bounded the same way.
   */
  termsWithPrefix(prefix: string): ReadonlyArray<readonly [term: string, id: number]> {
    if (prefix === '') return [...this.vocabulary.atPrefix(prefix)]
    let found = this.prefixTerms.get(prefix)
    if (!found) {
      if (this.prefixTerms.size >= EXPANSION_CACHE_SIZE) this.prefixTerms.clear()
      this.prefixTerms.set(prefix, (found = [...this.vocabulary.atPrefix(prefix)]))
    }
    return found
  }

  /**
   * `expand`, remembered: a typo expansion scans the terms of nearby lengths (0.6–0.9 ms of CPU per term at 100 000
   * passages), and queries repeat their words. An expansion depends on the index alone, so a
   * remembered one is exactly what a new walk gives. Bounded: emptied when it holds `EXPANSION_CACHE_SIZE` terms.
   */
  private expanded(query: TermQuery): ExpandedTerm {
    const key = `${query.prefix ? 'p' : ''}${query.fuzzy}:${query.term}`
    let found = this.expansions.get(key)
    if (found) return found
    found = this.expand(query)
    if (this.expansions.size >= EXPANSION_CACHE_SIZE) this.expansions.clear()
    this.expansions.set(key, found)
    return found
  }

  /** Builds now what the first searches would build: the radix tree and the vocabulary for typo expansion. */
  prepare(): void {
    this.fuzzyVocabulary()
  }

  /**
   * The vocabulary for typo expansion, built on first use (about a quarter of a second at 100 000 passages, paid by
   * the warm-up): MiniSearch's walk of its radix tree (`fuzzyGet`) gives the same terms in the same order at 4–5 ms
   * of CPU per term of 5+ letters at that size, 5–7× the scan's.
   */
  private fuzzyVocabulary(): FuzzyVocabulary {
    return (this.fuzzy ??= new FuzzyVocabulary(this.data.terms, this.radixTree().walkRank))
  }

  // MiniSearch's expansion, in its order: the exact term (weight 1), then prefix matches, then typo matches not
  // already found as prefixes, each weighted down with its distance from the query term.
  private expand(query: TermQuery): ExpandedTerm {
    const expansions: Expansion[] = []
    const exactId = this.termIds.get(query.term)
    if (exactId !== undefined) expansions.push({ term: query.term, id: exactId, weight: 1 })
    const prefixMatches = query.prefix ? this.vocabulary.atPrefix(query.term) : undefined
    const fuzzyMatches = query.fuzzy ? this.fuzzyVocabulary().get(query.term, query.fuzzy) : undefined
    if (prefixMatches) {
      for (const [term, id] of prefixMatches) {
        const distance = term.length - query.term.length
        if (!distance) continue
        fuzzyMatches?.delete(term)
        expansions.push({ term, id, weight: (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance) })
      }
    }
    if (fuzzyMatches) {
      for (const [term, [id, distance]] of fuzzyMatches) {
        if (!distance) continue
        expansions.push({ term, id, weight: (FUZZY_WEIGHT * term.length) / (term.length + distance) })
      }
    }
    return { source: query.term, expansions, exact: exactId !== undefined }
  }
}
