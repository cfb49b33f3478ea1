// What the learned fusion reads of each candidate passage: the channels' evidence split where it says more (BM25 per
// field, exact words against typos), how much of the query the passage holds, and where the query's stems sit in it.

import type { KeywordIndex, KeywordQuery } from '../index/keyword.js'
import { inverseDocumentFrequency } from '../index/bm25.js'
import { isStopWord, tokenize } from '../text/analyzer.js'
import { bestSpan, followedWithin, holdsWord, positionsOfAny, smallestWindow, StemWords } from './proximity.js'
import { TermRelations } from './term-relations.js'
import type { Passage } from '../types.js'

/** One query's n-gram scores of a passage (`NgramQuery`). */
export interface NgramScores {
  cosine(id: string): number
  coverage(id: string): number
}

/**
 * The features, in the order of a feature row. Scores that vary in scale from query to query are also given divided
 * by the best among the candidates, so a model can read "as good as this query's best".
 */
export const FEATURES = [
  /** The channels' weighted fusion (every channel, the dense one too when installed) / the candidates' best. */
  'fused',
  /** BM25 score of the keyword channel (MiniSearch's: term sum × distinct terms matched) / the candidates' best. */
  'keyword',
  /** log(1 + that score): how strong the best match is in absolute terms. */
  'keywordLog',
  /** log(1 + BM25 of the query's exact stems in the passage text). */
  'text',
  /** log(1 + BM25 of the query's exact stems in the section headings). */
  'headings',
  /** log(1 + BM25 reached only through typo and prefix expansions). */
  'expanded',
  /** Share of the query's distinct terms the passage holds, exactly or through an expansion, 0–1. */
  'terms',
  /** The same share, each term weighted by its inverse document frequency: the rare words count most. */
  'termsIdf',
  /** Character n-gram cosine / the candidates' best. */
  'ngram',
  /** Character n-gram score (`NgramQuery.cosine`: a cosine whose passage lengths are pivoted towards the mean), 0–2; at most 1 for passages of mean length or longer. */
  'ngramCosine',
  /** Share of the query's n-gram weight the passage holds, 0–1 (see NgramQuery.coverage). */
  'ngramCoverage',
  /** Query stems found / the smallest window (in words) holding them all; 0 with fewer than two found. */
  'window',
  /** Share of the query's consecutive stem pairs found in the same order at most three words apart, 0–1. */
  'pairs',
  /** Largest IDF-weighted share of the query's stems found together within twelve consecutive words, 0–1. */
  'span',
  /** IDF-weighted share of the query's content words found in the text exactly as written (folded), 0–1. */
  'exact',
  /** `text` / the candidates' best. */
  'textShare',
  /** log(1 + distinct stems of the passage text). */
  'length',
  /** IDF-weighted share of the query's terms the passage lacks but holds a word of the same family of (see term-relations.ts), 0–1. */
  'family',
  /** IDF-weighted share of the query's terms the passage lacks but holds a synonym of (the French thesaurus), 0–1. */
  'synonyms',
  /**
   * The best `ngram` among the other candidates under the same heading of the same document, 0–1 (0 when none shares
   * it): a paragraph whose section also matches the query's wording sits where the query's subject is treated.
   */
  'sectionOthers',
] as const

export type FeatureName = (typeof FEATURES)[number]

// Positions this far apart still make a pair: "protection des témoins" is two apart.
const PAIR_GAP = 3
// About a clause: the span in which the words of a question and its answer's sentence meet.
const SPAN_WIDTH = 12
// A query term with no exact stem in the index (a typo) is placed through at most this many of its expansions.
const PLACED_EXPANSIONS = 4

const stemWordsByIndex = new WeakMap<KeywordIndex, StemWords>()

/** The words of an index by stem, built once per index on first use. */
export function stemWordsOf(index: KeywordIndex): StemWords {
  let found = stemWordsByIndex.get(index)
  if (!found) stemWordsByIndex.set(index, (found = new StemWords(index.data)))
  return found
}

/** One distinct query term: its stem, its IDF and the words that place it in a passage. */
interface SourceTerm {
  stem: string
  idf: number
  words: Uint32Array
}

/** Reads the feature rows of candidate passages for one query. */
export class FeatureReader {
  private readonly sources: SourceTerm[] = []
  /** The sources' IDFs, by source number. */
  private readonly idfs: number[] = []
  /** Their sum, added in source order. */
  private idfTotal = 0
  /** The query's distinct content words as written (folded), with their IDF among passages; -1 ids left out. */
  private readonly exactWords: Array<{ word: number; idf: number }> = []
  private exactTotal = 0
  private readonly relations: TermRelations | null = null
  /** The sources one row's passage matches (rewritten for each row). */
  private readonly matched: MatchedSources = new MatchedSources(0)

  constructor(
    private readonly index: KeywordIndex,
    /** The keyword query that ranked the passages (the translation's, for an English query), or null. */
    private readonly keyword: KeywordQuery | null,
    private readonly ngram: NgramScores | null,
    /** The text the keyword query was made of (the translation, for an English query). */
    text = '',
    /** Passage number → the number of its section (see `sameSection`); without it, every candidate is alone in its own. */
    private readonly sections: ArrayLike<number> | null = null,
  ) {
    if (!keyword) return
    const postings = index.data.wordPostings
    const seen = new Set<string>()
    for (const { term } of tokenize(text)) {
      if (isStopWord(term) || seen.has(term)) continue
      seen.add(term)
      const word = index.wordId(term)
      const df = word < 0 ? 0 : postings.offsets[word + 1]! - postings.offsets[word]!
      // A word no passage holds counts too: it is missing from every candidate alike.
      this.exactWords.push({ word, idf: inverseDocumentFrequency(df, index.size) })
    }
    const textField = index.data.fields[0]
    const words = stemWordsOf(index)
    for (const term of keyword.terms) {
      if (this.sources[term.source]) continue
      const { expansions, exact } = term.expanded
      const placed = exact ? expansions.slice(0, 1) : expansions.slice(0, PLACED_EXPANSIONS)
      const df = placed.length ? textField.offsets[placed[0]!.id + 1]! - textField.offsets[placed[0]!.id]! : 0
      const ids = placed.flatMap((e) => [...words.wordsOf(e.id)])
      this.sources[term.source] = { stem: term.expanded.source, idf: inverseDocumentFrequency(df, index.size), words: Uint32Array.from(new Set(ids)) }
    }
    for (const source of this.sources) {
      this.idfs.push(source.idf)
      this.idfTotal += source.idf
    }
    for (const { idf } of this.exactWords) this.exactTotal += idf
    this.matched = new MatchedSources(this.sources.length)
    this.relations = new TermRelations(index, this.sources)
  }

  /**
   * One row of `FEATURES` per passage number in `docs`, in order; `fused[i]` is `docs[i]`'s score in the channels'
   * fusion. Past `deadline` no more rows are read once the first `least` are: the rows returned are then fewer.
   */
  read(docs: readonly number[], fused: readonly number[], deadline = Infinity, least = docs.length): Float64Array[] {
    this.relations?.prepare(docs)
    const rows: Float64Array[] = []
    for (let i = 0; i < docs.length; i++) {
      if (i >= least && performance.now() > deadline) break
      const row = this.row(docs[i]!)
      row[F.fused] = fused[i]!
      rows.push(row)
    }
    normalise(rows, F.fused)
    normalise(rows, F.keyword)
    normalise(rows, F.ngram)
    normalise(rows, F.textShare)
    this.readSectionOthers(docs, rows)
    return rows
  }

  // Reads `sectionOthers` over every candidate, its row read or not (past the deadline some are not), so that a
  // passage's value does not depend on how many rows the time allowed; scaled as `ngram` is, by the best cosine.
  private readSectionOthers(docs: readonly number[], rows: Float64Array[]): void {
    const { sections, ngram } = this
    if (!sections || !ngram) return
    const cosines = docs.map((doc, i) => (i < rows.length ? rows[i]![F.ngramCosine]! : ngram.cosine(this.index.ids[doc]!)))
    const top = Math.max(0, ...cosines)
    if (top === 0) return
    const leaders = new Map<number, { best: number; first: number; second: number }>()
    cosines.forEach((value, i) => {
      const section = sections[docs[i]!]!
      const leader = leaders.get(section)
      if (!leader) leaders.set(section, { best: i, first: value, second: 0 })
      else if (value > leader.first) [leader.best, leader.first, leader.second] = [i, value, leader.first]
      else leader.second = Math.max(leader.second, value)
    })
    rows.forEach((row, i) => {
      const leader = leaders.get(sections[docs[i]!]!)!
      // The best other candidate: the section's second best for its leader, the leader for every other (0 if alone).
      row[F.sectionOthers] = (leader.best === i ? leader.second : leader.first) / top
    })
  }

  private row(doc: number): Float64Array {
    const row = new Float64Array(FEATURES.length)
    const id = this.index.ids[doc]!
    const cosine = this.ngram?.cosine(id) ?? 0
    row[F.ngram] = cosine
    row[F.ngramCosine] = cosine
    row[F.ngramCoverage] = this.ngram?.coverage(id) ?? 0
    row[F.length] = Math.log1p(this.index.data.fields[0].lengths[doc]!)
    if (this.keyword) {
      this.readKeyword(doc, row, this.keyword)
      this.readPositions(doc, row)
    }
    return row
  }

  private readKeyword(doc: number, row: Float64Array, keyword: KeywordQuery): void {
    let text = 0
    let headings = 0
    let expanded = 0
    const matched = this.matched
    matched.clear()
    for (const term of keyword.terms) {
      const inText = term.text ? Math.max(0, term.text.lookup(doc)) : 0
      const inHeadings = term.section ? Math.max(0, term.section.lookup(doc)) : 0
      // The term's whole score (`ScoredTerm.lookup`): its expansions' when one reaches the passage, else its exact
      // parts' — the two just read, so they are not searched for again.
      const tail = sortedIndexOf(term.tailDocs, doc)
      const whole = tail < 0 ? inText + inHeadings : term.tailScores[tail]!
      text += inText
      headings += inHeadings
      expanded += Math.max(0, whole - inText - inHeadings)
      if (whole > 0) matched.add(term.source)
    }
    const score = keyword.score(doc)
    row[F.keyword] = score
    row[F.keywordLog] = Math.log1p(score)
    row[F.text] = Math.log1p(text)
    row[F.textShare] = text
    row[F.headings] = Math.log1p(headings)
    row[F.expanded] = Math.log1p(expanded)
    const sources = this.sources.length
    row[F.terms] = sources ? matched.size / sources : 0
    let found = 0
    for (let i = 0; i < sources; i++) if (matched.has(i)) found += this.idfs[i]!
    row[F.termsIdf] = this.idfTotal > 0 ? found / this.idfTotal : 0
    if (this.relations) [row[F.family], row[F.synonyms]] = this.relations.shares(doc, matched)
  }

  private readPositions(doc: number, row: Float64Array): void {
    const n = this.sources.length
    if (n === 0) return
    const postings = this.index.data.wordPostings
    const lists = this.sources.map((source) => positionsOfAny(postings, source.words, doc))
    const present = lists.filter((list) => list.length > 0)
    if (present.length >= 2) row[F.window] = present.length / smallestWindow(present)
    if (n >= 2) {
      let pairs = 0
      for (let i = 0; i + 1 < n; i++) if (lists[i]!.length && lists[i + 1]!.length && followedWithin(lists[i]!, lists[i + 1]!, PAIR_GAP)) pairs++
      row[F.pairs] = pairs / (n - 1)
    }
    if (present.length && this.idfTotal > 0) row[F.span] = bestSpan(lists, this.idfs, SPAN_WIDTH) / this.idfTotal
    if (this.exactWords.length) {
      let found = 0
      for (const { word, idf } of this.exactWords) if (word >= 0 && holdsWord(postings, word, doc)) found += idf
      row[F.exact] = found / this.exactTotal
    }
  }
}

/** Which of a query's sources a passage matches: `TermRelations.shares` reads it as a set. */
class MatchedSources {
  private readonly flags: Uint8Array
  size = 0

  constructor(sources: number) {
    this.flags = new Uint8Array(sources)
  }

  has(source: number): boolean {
    return this.flags[source] === 1
  }

  add(source: number): void {
    if (this.flags[source] === 1) return
    this.flags[source] = 1
    this.size++
  }

  clear(): void {
    this.flags.fill(0)
    this.size = 0
  }
}

/** The index of `doc` in the ascending `docs`, or -1. */
function sortedIndexOf(docs: Uint32Array, doc: number): number {
  let low = 0
  let high = docs.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (docs[mid]! < doc) low = mid + 1
    else high = mid
  }
  return low < docs.length && docs[low] === doc ? low : -1
}

/** Whether two passages, consecutive in the corpus, are under the same heading of the same document. */
export function sameSection(a: Pick<Passage, 'docId' | 'section'>, b: Pick<Passage, 'docId' | 'section'>): boolean {
  return a.docId === b.docId && a.section.length === b.section.length && a.section.every((heading, i) => heading === b.section[i])
}

/** Feature name → column. */
export const F = Object.fromEntries(FEATURES.map((name, i) => [name, i])) as Record<FeatureName, number>

// Divides a column by its largest value among the rows (left as is when none is positive).
function normalise(rows: Float64Array[], column: number): void {
  let max = 0
  for (const row of rows) max = Math.max(max, row[column]!)
  if (max > 0) for (const row of rows) row[column] = row[column]! / max
}
