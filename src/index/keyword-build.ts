// Builds the keyword index's typed arrays from passages in one pass of analysis, then one transpose per structure.

import { isStopWord, stem, tokenize } from '../text/analyzer.js'
import { analyze } from '../text/analyzer.js'
import type { AnalysedCorpus } from './analysis.js'
import { bm25, inverseDocumentFrequency } from './bm25.js'
import { NO_STEM, type FieldPostings, type KeywordData, type WordPostings } from './keyword-data.js'

/** What the keyword index reads of a passage: its text and the headings above it. */
export interface KeywordDocument {
  id: string
  text: string
  section: string
}

/** A growable Uint32Array, of `capacity` to begin with: a list whose size is known is never copied as it grows. */
class U32List {
  array: Uint32Array
  length = 0
  constructor(capacity = 1024) {
    // Never empty: an empty list would not grow by doubling.
    this.array = new Uint32Array(Math.max(16, capacity))
  }
  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new Uint32Array(this.array.length * 2)
      grown.set(this.array)
      this.array = grown
    }
    this.array[this.length++] = value
  }
  view(): Uint32Array {
    return this.array.subarray(0, this.length)
  }
  /** Makes room for `count` more values and returns where they start (fill `array` from there). */
  extend(count: number): number {
    if (this.length + count > this.array.length) {
      const grown = new Uint32Array(Math.max(this.array.length * 2, this.length + count))
      grown.set(this.array.subarray(0, this.length))
      this.array = grown
    }
    this.length += count
    return this.length - count
  }
}

/** Per-id counts over one passage, cleared by walking the ids it touched (no Map, no allocation per passage). */
class Counter {
  counts = new Uint32Array(1024)
  /** Ids in the order first counted. */
  touched: number[] = []
  count(id: number): void {
    if (id >= this.counts.length) {
      const grown = new Uint32Array(Math.max(this.counts.length * 2, id + 1))
      grown.set(this.counts)
      this.counts = grown
    }
    if (this.counts[id]!++ === 0) this.touched.push(id)
  }
  clear(): void {
    for (const id of this.touched) this.counts[id] = 0
    this.touched.length = 0
  }
}

/** Collects (stem, passage, frequency) of one field in passage order; `finish` transposes them into postings. */
class FieldBuilder {
  private readonly pairTerms: U32List
  private readonly pairDocs: U32List
  private readonly pairTfs: U32List
  private readonly lengths: Uint32Array
  private averageLength = 0
  private readonly counter = new Counter()

  /** `pairs`: at most how many (stem, passage) pairs the field will have, when known (its words, say). */
  constructor(passages: number, pairs?: number) {
    this.lengths = new Uint32Array(passages)
    this.pairTerms = new U32List(pairs)
    this.pairDocs = new U32List(pairs)
    this.pairTfs = new U32List(pairs)
  }

  add(doc: number, termIds: readonly number[]): void {
    const counter = this.counter
    for (const id of termIds) counter.count(id)
    for (const id of counter.touched) {
      this.pairTerms.push(id)
      this.pairDocs.push(doc)
      this.pairTfs.push(counter.counts[id]!)
    }
    // MiniSearch's running mean, to the bit: (mean · documents before + length) / documents.
    const length = counter.touched.length
    this.lengths[doc] = length
    this.averageLength = (this.averageLength * doc + length) / (doc + 1)
    counter.clear()
  }

  finish(termCount: number): FieldPostings {
    const terms = this.pairTerms.view()
    const offsets = new Uint32Array(termCount + 1)
    for (let i = 0; i < terms.length; i++) offsets[terms[i]! + 1]!++
    for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!
    const docs = new Uint32Array(terms.length)
    const pairTfs = this.pairTfs.view()
    let maxTf = 0
    for (let i = 0; i < pairTfs.length; i++) if (pairTfs[i]! > maxTf) maxTf = pairTfs[i]!
    const tfs = maxTf <= 0xffff ? new Uint16Array(terms.length) : new Uint32Array(terms.length)
    const next = offsets.slice(0, termCount)
    const pairDocs = this.pairDocs.view()
    for (let i = 0; i < terms.length; i++) {
      const at = next[terms[i]!]!++
      docs[at] = pairDocs[i]!
      tfs[at] = pairTfs[i]!
    }
    const maxScore = maxScores({ lengths: this.lengths, averageLength: this.averageLength, offsets, docs, tfs })
    return { lengths: this.lengths, averageLength: this.averageLength, offsets, docs, tfs, maxScore }
  }
}

/** Each stem's best BM25+ score in a field over all its passages (`FieldPostings.maxScore`). */
export function maxScores(field: Omit<FieldPostings, 'maxScore'>): Float64Array {
  const { lengths, averageLength, offsets, docs, tfs } = field
  const termCount = offsets.length - 1
  const maxScore = new Float64Array(termCount)
  for (let t = 0; t < termCount; t++) {
    const idf = inverseDocumentFrequency(offsets[t + 1]! - offsets[t]!, lengths.length)
    let best = 0
    for (let i = offsets[t]!; i < offsets[t + 1]!; i++) best = Math.max(best, bm25(idf, tfs[i]!, lengths[docs[i]!]!, averageLength))
    maxScore[t] = best
  }
  return maxScore
}

/** Collects each passage's word positions; `finish` transposes them into positional postings by word. */
class WordBuilder {
  private readonly pairWords: U32List
  private readonly pairDocs: U32List
  private readonly pairCounts: U32List
  private readonly positions: U32List
  private readonly counter = new Counter()
  private next = new Uint32Array(1024)
  private maxPosition = 0

  /** `tokens`: how many words the passages have, when known (as many positions, and at most as many pairs). */
  constructor(tokens?: number) {
    this.pairWords = new U32List(tokens)
    this.pairDocs = new U32List(tokens)
    this.pairCounts = new U32List(tokens)
    this.positions = new U32List(tokens)
  }

  add(doc: number, wordIds: readonly number[]): void {
    // Each word's positions together, words in the order first met, positions ascending.
    const counter = this.counter
    for (const id of wordIds) counter.count(id)
    if (this.next.length < counter.counts.length) this.next = new Uint32Array(counter.counts.length)
    let at = this.positions.extend(wordIds.length)
    for (const id of counter.touched) {
      const count = counter.counts[id]!
      this.pairWords.push(id)
      this.pairDocs.push(doc)
      this.pairCounts.push(count)
      this.next[id] = at
      at += count
    }
    const positions = this.positions.array
    for (let position = 0; position < wordIds.length; position++) positions[this.next[wordIds[position]!]!++] = position
    counter.clear()
    this.maxPosition = Math.max(this.maxPosition, wordIds.length)
  }

  finish(wordCount: number): WordPostings {
    const words = this.pairWords.view()
    const counts = this.pairCounts.view()
    const pairDocs = this.pairDocs.view()
    const flat = this.positions.view()
    const offsets = new Uint32Array(wordCount + 1)
    for (let i = 0; i < words.length; i++) offsets[words[i]! + 1]!++
    for (let w = 0; w < wordCount; w++) offsets[w + 1]! += offsets[w]!
    // Where each pair lands (`slot`); its count of positions goes after its slot, and the counts are then summed.
    const slot = new Uint32Array(words.length)
    const next = offsets.slice(0, wordCount)
    for (let i = 0; i < words.length; i++) slot[i] = next[words[i]!]!++
    const docs = new Uint32Array(words.length)
    const positionOffsets = new Uint32Array(words.length + 1)
    for (let i = 0; i < words.length; i++) {
      docs[slot[i]!] = pairDocs[i]!
      positionOffsets[slot[i]! + 1] = counts[i]!
    }
    for (let p = 0; p < words.length; p++) positionOffsets[p + 1]! += positionOffsets[p]!
    const positions = this.maxPosition <= 0xffff ? new Uint16Array(flat.length) : new Uint32Array(flat.length)
    // Pairs in passage order: each one's positions follow the last one's in the flat list.
    for (let i = 0, from = 0; i < words.length; i++) {
      const to = positionOffsets[slot[i]!]!
      for (let j = 0; j < counts[i]!; j++) positions[to + j] = flat[from + j]!
      from += counts[i]!
    }
    return { offsets, docs, positionOffsets, positions }
  }
}

/** Analyses every passage once (text: words and stems; headings: stems) and lays the index out in typed arrays. */
export function buildKeywordData(documents: readonly KeywordDocument[]): KeywordData {
  const termIds = new Map<string, number>()
  const terms: string[] = []
  const wordIds = new Map<string, number>()
  const words: string[] = []
  const termId = (term: string): number => {
    let id = termIds.get(term)
    if (id === undefined) {
      id = terms.length
      termIds.set(term, id)
      terms.push(term)
    }
    return id
  }
  const text = new FieldBuilder(documents.length)
  const section = new FieldBuilder(documents.length)
  const positional = new WordBuilder()
  const wordStem: number[] = []
  const seen = new Set<string>()
  documents.forEach((document, doc) => {
    if (seen.has(document.id)) throw new Error(`Keyword index: duplicate passage id ${document.id}`)
    seen.add(document.id)
    const wordSequence: number[] = []
    const stems: number[] = []
    for (const { term } of tokenize(document.text)) {
      let id = wordIds.get(term)
      const stemId = isStopWord(term) ? -1 : termId(stem(term))
      if (id === undefined) {
        id = words.length
        wordIds.set(term, id)
        words.push(term)
        wordStem.push(stemId)
      }
      wordSequence.push(id)
      if (stemId >= 0) stems.push(stemId)
    }
    text.add(doc, stems)
    section.add(doc, analyze(document.section).map(termId))
    positional.add(doc, wordSequence)
  })
  return keywordData(documents.map((d) => d.id), terms, text, section, words, wordStem, positional)
}

/**
 * The same data from passages the index build has already analysed (`ids[p]` is passage p of `corpus`), with stems
 * and words numbered as `buildKeywordData` numbers them, so the two give the same file.
 */
export function keywordDataFromAnalysis(ids: readonly string[], corpus: AnalysedCorpus): KeywordData {
  if (corpus.textStart.length !== ids.length + 1) throw new RangeError(`Keyword index: ${corpus.textStart.length - 1} analysed passages for ${ids.length} ids.`)
  if (new Set(ids).size !== ids.length) throw new Error('Keyword index: duplicate passage id')
  const wordMap = new Int32Array(corpus.words.length).fill(-1)
  const termMap = new Int32Array(corpus.stems.length).fill(-1)
  const words: string[] = []
  const terms: string[] = []
  const termId = (s: number): number => (termMap[s]! >= 0 ? termMap[s]! : (termMap[s] = terms.push(corpus.stems[s]!) - 1))
  // The lists sized from the analysis: grown by doubling, each left its smaller copies behind, garbage the collector
  // took its time to free while the n-gram stage that follows allocated its own.
  const text = new FieldBuilder(ids.length, corpus.textWords.length)
  const section = new FieldBuilder(ids.length, corpus.sectionWords.length)
  const positional = new WordBuilder(corpus.textWords.length)
  const wordStem: number[] = []
  for (let doc = 0; doc < ids.length; doc++) {
    const wordSequence: number[] = []
    const stems: number[] = []
    for (let i = corpus.textStart[doc]!; i < corpus.textStart[doc + 1]!; i++) {
      const w = corpus.textWords[i]!
      const stemId = corpus.stemOf[w]! >= 0 ? termId(corpus.stemOf[w]!) : -1
      if (wordMap[w] === -1) {
        wordMap[w] = words.push(corpus.words[w]!) - 1
        wordStem.push(stemId)
      }
      wordSequence.push(wordMap[w]!)
      if (stemId >= 0) stems.push(stemId)
    }
    const sectionStems: number[] = []
    for (let i = corpus.sectionStart[doc]!; i < corpus.sectionStart[doc + 1]!; i++) {
      const s = corpus.stemOf[corpus.sectionWords[i]!]!
      if (s >= 0) sectionStems.push(termId(s))
    }
    text.add(doc, stems)
    section.add(doc, sectionStems)
    positional.add(doc, wordSequence)
  }
  return keywordData(ids, terms, text, section, words, wordStem, positional)
}

/**
 * `KeywordData.wordStems`: word id → term id of its stem, from `wordStem` (the term id a build already gave each
 * word's stem, -1 for a stop word, whose stem is looked up here among the terms: a few hundred words).
 */
export function wordStemColumn(words: readonly string[], terms: readonly string[], wordStem: ArrayLike<number>): Uint32Array {
  const column = new Uint32Array(words.length)
  const pending = new Map<string, number[]>()
  for (let w = 0; w < words.length; w++) {
    const id = wordStem[w]!
    column[w] = id >= 0 ? id : NO_STEM
    if (id >= 0) continue
    const stemmed = stem(words[w]!)
    const list = pending.get(stemmed)
    if (list) list.push(w)
    else pending.set(stemmed, [w])
  }
  if (pending.size) {
    for (let t = 0; t < terms.length; t++) for (const w of pending.get(terms[t]!) ?? []) column[w] = t
  }
  return column
}

function keywordData(ids: string[] | readonly string[], terms: string[], text: FieldBuilder, section: FieldBuilder, words: string[], wordStem: readonly number[], positional: WordBuilder): KeywordData {
  const sorted = ids.map((_, i) => i).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
  const idOrder = new Uint32Array(ids.length)
  sorted.forEach((doc, rank) => {
    idOrder[doc] = rank
  })
  return {
    ids: [...ids],
    idOrder,
    terms,
    fields: [text.finish(terms.length), section.finish(terms.length)],
    words,
    wordStems: wordStemColumn(words, terms, wordStem),
    wordPostings: positional.finish(words.length),
  }
}
