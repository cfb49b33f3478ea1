// Each passage analysed once for every index: its words folded and OCR-repaired (`tokenize`), as ids into one
// vocabulary, each distinct word stemmed once. The keyword, n-gram and variant structures are all built from this.

import { indexWord, scanTerms } from '../text/analyzer.js'
import type { Passage } from '../types.js'
import { bandKeys, MINHASH_BANDS, termHash } from '../variants/group.js'

/** Bumped whenever `tokenize`, the stop words or the stemmer change what a passage's words are. */
export const ANALYSIS_VERSION = 1

/** One document's passages analysed, with ids local to the document (what a build keeps per document). */
export interface DocumentAnalysis {
  /** The document's distinct words, folded, by local id. */
  words: string[]
  /** Stem id of each word, or -1 for a stop word. */
  stemOf: Int32Array
  /** Stems by id. */
  stems: string[]
  /** Passage i's heading words are `sectionWords[sectionStart[i] .. sectionStart[i + 1]]`, in order. */
  sectionStart: Uint32Array
  sectionWords: Uint32Array
  /** Passage i's text words are `textWords[textStart[i] .. textStart[i + 1]]`, in order, stop words included. */
  textStart: Uint32Array
  textWords: Uint32Array
  /** Passage i's MinHash band keys (variant grouping): `bandKeys[i * MINHASH_BANDS .. (i + 1) * MINHASH_BANDS]`. */
  bandKeys: Uint32Array
}

/** Every passage of a corpus analysed: the documents' analyses merged over one vocabulary. */
export type AnalysedCorpus = DocumentAnalysis

/** The headings of a passage as one text, as the keyword and n-gram indexes read them. */
export const sectionText = (passage: Passage): string => passage.section.join(' ')

/** Analyses one document's passages (in order). Headings repeat from passage to passage: each is read once. */
export function analyseDocument(passages: readonly Passage[]): DocumentAnalysis {
  const ids = new Map<string, number>()
  const words: string[] = []
  const wordStems: Array<string | null> = []
  // Written forms first: one look-up in this document's own small map for most words, the term and its stem looked
  // up only on a miss.
  const writtenIds = new Map<string, number>()
  const idOf = (written: string): number => {
    let id = writtenIds.get(written)
    if (id === undefined) {
      const word = indexWord(written)
      id = ids.get(word.term)
      if (id === undefined) {
        ids.set(word.term, (id = words.push(word.term) - 1))
        wordStems.push(word.stem)
      }
      writtenIds.set(written, id)
    }
    return id
  }
  const headings = new Map<string, number[]>()
  const section = new Sequences(passages.length)
  const text = new Sequences(passages.length)
  for (const passage of passages) {
    const heading = sectionText(passage)
    let headingWords = headings.get(heading)
    if (!headingWords) {
      const found: number[] = []
      scanTerms(heading, (written) => found.push(idOf(written)))
      headings.set(heading, (headingWords = found))
    }
    section.push(headingWords)
    scanTerms(passage.text, (written) => text.add(idOf(written)))
    text.close()
  }
  const { stemOf, stems } = numberStems(wordStems)
  const sequences = { ...section.finish('section'), ...text.finish('text') }
  const { offsets, terms } = textStemSets({ ...sequences, stemOf, stems })
  const termHashes = new Uint32Array(stems.length)
  for (let s = 0; s < stems.length; s++) termHashes[s] = termHash(stems[s]!)
  const keys = bandKeys({ documents: new Int32Array(passages.length), offsets, terms, termHashes })
  return { words, stemOf, stems, ...sequences, bandKeys: keys }
}

// Each distinct stem numbered in the order of the words (stop words, null, get -1).
function numberStems(wordStems: ReadonlyArray<string | null>): { stemOf: Int32Array; stems: string[] } {
  const ids = new Map<string, number>()
  const stems: string[] = []
  const stemOf = new Int32Array(wordStems.length)
  for (let w = 0; w < wordStems.length; w++) {
    const stemmed = wordStems[w]!
    if (stemmed === null) {
      stemOf[w] = -1
      continue
    }
    let id = ids.get(stemmed)
    if (id === undefined) ids.set(stemmed, (id = stems.push(stemmed) - 1))
    stemOf[w] = id
  }
  return { stemOf, stems }
}

/** Passages `from .. to` of an earlier analysed corpus, taken over as they are. */
export interface AnalysedRange {
  from: number
  to: number
}

/**
 * Merges documents' analyses, in order, over one vocabulary of words and one of stems. With `previous` (the analysed
 * corpus of the last build), a part may be a range of its passages: those keep their ids, and only the documents
 * analysed anew are looked up in its vocabulary, so a build that adds one document does not merge every other one
 * again. Words and stems no passage uses any more are then dropped.
 */
export function mergeAnalyses(parts: ReadonlyArray<DocumentAnalysis | AnalysedRange>, previous?: AnalysedCorpus): AnalysedCorpus {
  return merge(parts, previous).analysed
}

/** Where the words and stems of the last build's analysed corpus went in the next one: old id → new id, −1 gone. */
export interface VocabularyChange {
  words: Int32Array
  stems: Int32Array
}

/** `mergeAnalyses` onto the last build's analysed corpus, with where its words and stems went. */
export function mergeOnto(parts: ReadonlyArray<DocumentAnalysis | AnalysedRange>, previous: AnalysedCorpus): { analysed: AnalysedCorpus; vocabulary: VocabularyChange } {
  const { analysed, vocabulary } = merge(parts, previous)
  return { analysed, vocabulary: vocabulary ?? { words: identity(previous.words.length), stems: identity(previous.stems.length) } }
}

const identity = (length: number): Int32Array => {
  const ids = new Int32Array(length)
  for (let i = 0; i < length; i++) ids[i] = i
  return ids
}

// The merge, and the old → new ids when compacting renumbered the last build's words and stems (null: they kept theirs).
function merge(parts: ReadonlyArray<DocumentAnalysis | AnalysedRange>, previous?: AnalysedCorpus): { analysed: AnalysedCorpus; vocabulary: VocabularyChange | null } {
  const words: string[] = previous ? previous.words.slice() : []
  const stems: string[] = previous ? previous.stems.slice() : []
  let stemOf = new Int32Array(Math.max(16, Math.ceil(words.length * 1.25)))
  if (previous) stemOf.set(previous.stemOf)
  let wordIds: Map<string, number> | undefined
  let stemIds: Map<string, number> | undefined
  // The sizes of the merged sequences, so each is written once into an array of its final length.
  let count = 0
  let sectionItems = 0
  let textItems = 0
  let kept = 0
  for (const part of parts) {
    if ('from' in part) {
      if (!previous) throw new RangeError('mergeAnalyses: a range of passages needs the previous analysed corpus.')
      count += part.to - part.from
      kept += part.to - part.from
      sectionItems += previous.sectionStart[part.to]! - previous.sectionStart[part.from]!
      textItems += previous.textStart[part.to]! - previous.textStart[part.from]!
    } else {
      count += part.textStart.length - 1
      sectionItems += part.sectionWords.length
      textItems += part.textWords.length
    }
  }
  const section = new Sequences(count, sectionItems)
  const text = new Sequences(count, textItems)
  const keys = new Uint32Array(count * MINHASH_BANDS)
  let passages = 0
  for (const part of parts) {
    if ('from' in part) {
      section.copy(previous!.sectionStart, previous!.sectionWords, part.from, part.to)
      text.copy(previous!.textStart, previous!.textWords, part.from, part.to)
      keys.set(previous!.bandKeys.subarray(part.from * MINHASH_BANDS, part.to * MINHASH_BANDS), passages * MINHASH_BANDS)
      passages += part.to - part.from
      continue
    }
    wordIds ??= knownIds(words, parts, (analysis) => analysis.words)
    stemIds ??= knownIds(stems, parts, (analysis) => analysis.stems)
    const localStems = new Int32Array(part.stems.length)
    for (let s = 0; s < part.stems.length; s++) {
      const stemmed = part.stems[s]!
      let id = stemIds.get(stemmed)
      if (id === undefined) stemIds.set(stemmed, (id = stems.push(stemmed) - 1))
      localStems[s] = id
    }
    const global = new Uint32Array(part.words.length)
    for (let w = 0; w < part.words.length; w++) {
      const word = part.words[w]!
      let id = wordIds.get(word)
      if (id === undefined) {
        wordIds.set(word, (id = words.push(word) - 1))
        if (id >= stemOf.length) {
          const grown = new Int32Array(stemOf.length * 2)
          grown.set(stemOf)
          stemOf = grown
        }
        const s = part.stemOf[w]!
        stemOf[id] = s < 0 ? -1 : localStems[s]!
      }
      global[w] = id
    }
    section.append(part.sectionStart, part.sectionWords, global)
    text.append(part.textStart, part.textWords, global)
    keys.set(part.bandKeys, passages * MINHASH_BANDS)
    passages += part.textStart.length - 1
  }
  const merged = { words, stemOf: stemOf.slice(0, words.length), stems, ...section.finish('section'), ...text.finish('text'), bandKeys: keys }
  // Every word and stem of the last build is used by one of its passages: when all of them are kept, none is unused.
  return previous && kept < previous.textStart.length - 1 ? compact(merged, previous) : { analysed: merged, vocabulary: null }
}

// The ids in `vocabulary` (the last build's, or empty) of the words or stems `listOf` gives of the documents analysed
// anew: what their merge looks up. An add looks up a report's few thousand words among the last build's 130k: a map
// of those few, filled by one pass over the vocabulary, costs a third of a map of the whole vocabulary.
function knownIds(vocabulary: readonly string[], parts: ReadonlyArray<DocumentAnalysis | AnalysedRange>, listOf: (analysis: DocumentAnalysis) => readonly string[]): Map<string, number> {
  const ids = new Map<string, number>()
  if (vocabulary.length === 0) return ids
  const wanted = new Set<string>()
  for (const part of parts) if (!('from' in part)) for (const entry of listOf(part)) wanted.add(entry)
  for (let id = 0; id < vocabulary.length; id++) if (wanted.has(vocabulary[id]!)) ids.set(vocabulary[id]!, id)
  return ids
}

// Drops the words and stems no passage uses, keeping the others in their order; says where the last build's went.
function compact(corpus: AnalysedCorpus, previous: AnalysedCorpus): { analysed: AnalysedCorpus; vocabulary: VocabularyChange } {
  const wordMap = new Int32Array(corpus.words.length).fill(-1)
  for (const w of corpus.sectionWords) wordMap[w] = 0
  for (const w of corpus.textWords) wordMap[w] = 0
  const stemMap = new Int32Array(corpus.stems.length).fill(-1)
  const words: string[] = []
  const stemOfOld: number[] = []
  wordMap.forEach((used, w) => {
    if (used < 0) return
    wordMap[w] = words.push(corpus.words[w]!) - 1
    stemOfOld.push(corpus.stemOf[w]!)
    if (corpus.stemOf[w]! >= 0) stemMap[corpus.stemOf[w]!] = 0
  })
  const stems: string[] = []
  stemMap.forEach((used, s) => {
    if (used === 0) stemMap[s] = stems.push(corpus.stems[s]!) - 1
  })
  // Plain loops: a typed array's `map` or `from` with a function costs two to three times as much per item.
  const remap = (ids: Uint32Array) => {
    const mapped = new Uint32Array(ids.length)
    for (let i = 0; i < ids.length; i++) mapped[i] = wordMap[ids[i]!]!
    return mapped
  }
  const stemOf = new Int32Array(stemOfOld.length)
  for (let w = 0; w < stemOfOld.length; w++) stemOf[w] = stemOfOld[w]! < 0 ? -1 : stemMap[stemOfOld[w]!]!
  const analysed = { ...corpus, words, stems, stemOf, sectionWords: remap(corpus.sectionWords), textWords: remap(corpus.textWords) }
  // The last build's ids come first in the merged corpus: theirs are the first entries of the maps.
  return { analysed, vocabulary: { words: wordMap.slice(0, previous.words.length), stems: stemMap.slice(0, previous.stems.length) } }
}

/** Analyses passages of any number of documents in one go (tests, small corpora). */
export function analysePassages(passages: readonly Passage[]): AnalysedCorpus {
  return mergeAnalyses([analyseDocument(passages)])
}

/**
 * Passage p's words, heading words first, as the n-gram channel reads them (`${section}\n${text}`), stop words dropped;
 * with `which` (passage numbers), those passages' only, numbered from 0 in that order (an add needs the added ones').
 */
export function contentWords(corpus: AnalysedCorpus, which?: ArrayLike<number>): { starts: Uint32Array; words: Uint32Array } {
  const count = which ? which.length : corpus.textStart.length - 1
  let size = 0
  if (which) for (let k = 0; k < count; k++) size += corpus.sectionStart[which[k]! + 1]! - corpus.sectionStart[which[k]!]! + corpus.textStart[which[k]! + 1]! - corpus.textStart[which[k]!]!
  else size = corpus.sectionWords.length + corpus.textWords.length
  const starts = new Uint32Array(count + 1)
  const words = new Uint32Array(size)
  let n = 0
  for (let k = 0; k < count; k++) {
    const p = which ? which[k]! : k
    starts[k] = n
    for (let i = corpus.sectionStart[p]!; i < corpus.sectionStart[p + 1]!; i++) if (corpus.stemOf[corpus.sectionWords[i]!]! >= 0) words[n++] = corpus.sectionWords[i]!
    for (let i = corpus.textStart[p]!; i < corpus.textStart[p + 1]!; i++) if (corpus.stemOf[corpus.textWords[i]!]! >= 0) words[n++] = corpus.textWords[i]!
  }
  starts[count] = n
  return { starts, words: words.slice(0, n) }
}

/** Passage p's distinct text stems, sorted by id: `terms[offsets[p] .. offsets[p + 1]]` (what variant grouping compares). */
export function textStemSets(corpus: Pick<AnalysedCorpus, 'textStart' | 'textWords' | 'stemOf' | 'stems'>): { offsets: Uint32Array; terms: Int32Array } {
  const count = corpus.textStart.length - 1
  const offsets = new Uint32Array(count + 1)
  const terms = new Int32Array(corpus.textWords.length)
  const seen = new Int32Array(corpus.stems.length).fill(-1)
  let n = 0
  for (let p = 0; p < count; p++) {
    offsets[p] = n
    const start = n
    for (let i = corpus.textStart[p]!; i < corpus.textStart[p + 1]!; i++) {
      const s = corpus.stemOf[corpus.textWords[i]!]!
      if (s >= 0 && seen[s] !== p) {
        seen[s] = p
        terms[n++] = s
      }
    }
    terms.subarray(start, n).sort()
  }
  offsets[count] = n
  return { offsets, terms: terms.slice(0, n) }
}

/** Word sequences of many passages in two growing flat arrays. */
class Sequences {
  private starts: Uint32Array
  private items: Uint32Array
  private length = 0
  private count = 0

  /** `capacity` sequences of `items` items in all (a guess: the items grow as needed). */
  constructor(readonly capacity: number, items = 1 << 12) {
    this.starts = new Uint32Array(capacity + 1)
    this.items = new Uint32Array(Math.max(items, 16))
  }

  push(sequence: readonly number[]): void {
    this.reserve(sequence.length)
    for (const item of sequence) this.items[this.length++] = item
    this.close()
  }

  /** Adds one item to the sequence being written; `close` ends it. */
  add(item: number): void {
    if (this.length === this.items.length) this.reserve(1)
    this.items[this.length++] = item
  }

  close(): void {
    this.starts[++this.count] = this.length
  }

  /** Appends sequences `from .. to` of another corpus as they are. */
  copy(starts: Uint32Array, items: Uint32Array, from: number, to: number): void {
    const first = starts[from]!
    const length = starts[to]! - first
    this.reserve(length)
    this.items.set(items.subarray(first, first + length), this.length)
    for (let s = from + 1; s <= to; s++) this.starts[++this.count] = this.length + starts[s]! - first
    this.length += length
  }

  /** Appends another analysis's sequences, their ids mapped through `map`. */
  append(starts: Uint32Array, items: Uint32Array, map: Uint32Array): void {
    this.reserve(items.length)
    for (let i = 0; i < items.length; i++) this.items[this.length + i] = map[items[i]!]!
    for (let s = 1; s < starts.length; s++) this.starts[++this.count] = this.length + starts[s]!
    this.length += items.length
  }

  finish<K extends string>(name: K): Record<`${K}Start` | `${K}Words`, Uint32Array> {
    // Arrays already of their length are handed over, not copied.
    const starts = this.count + 1 === this.starts.length ? this.starts : this.starts.slice(0, this.count + 1)
    const items = this.length === this.items.length ? this.items : this.items.slice(0, this.length)
    return { [`${name}Start`]: starts, [`${name}Words`]: items } as Record<`${K}Start` | `${K}Words`, Uint32Array>
  }

  private reserve(more: number): void {
    if (this.length + more <= this.items.length) return
    const bigger = new Uint32Array(Math.max(this.items.length * 2, this.length + more))
    bigger.set(this.items.subarray(0, this.length))
    this.items = bigger
  }
}
