// The keyword data of a build that keeps the first passages of the last build as they were and adds passages after
// them (a report added whose file sorts last, the last report removed, or both): the last build's postings are copied
// and the new passages' appended. Stems and words are numbered by first occurrence, so the kept ones keep their
// numbers and the new ones follow: the result is exactly what `keywordDataFromAnalysis` gives for the whole corpus,
// without reading every passage again.

import type { AnalysedCorpus } from './analysis.js'
import { keywordDataFromAnalysis, maxScores } from './keyword-build.js'
import type { FieldPostings, KeywordData, WordPostings } from './keyword-data.js'

/**
 * How many passages lead both builds unchanged — `renumber[p] = p` below it and −1 from it, the added passages
 * numbered from it on — or −1 when the change is not of that shape.
 */
export function keptPrefix(renumber: Int32Array, addedAt: Uint32Array, passages: number): number {
  let kept = 0
  while (kept < renumber.length && renumber[kept] === kept) kept++
  for (let p = kept; p < renumber.length; p++) if (renumber[p] !== -1) return -1
  if (addedAt.length !== passages - kept) return -1
  for (let i = 0; i < addedAt.length; i++) if (addedAt[i] !== kept + i) return -1
  return kept
}

/**
 * The keyword data of passages `ids` (analysed in `analysed`) from `previous`, whose first `kept` passages are the
 * first `kept` of `ids`. Null when the last build's numbering does not allow it (then build it whole).
 */
export function spliceKeywordData(previous: KeywordData, kept: number, ids: readonly string[], analysed: AnalysedCorpus): KeywordData | null {
  if (new Set(ids).size !== ids.length) throw new Error('Keyword index: duplicate passage id')
  for (let p = 0; p < kept; p++) if (previous.ids[p] !== ids[p]) return null
  const added = keywordDataFromAnalysis(ids.slice(kept), analysisFrom(analysed, kept))
  const [text, section] = previous.fields
  const firstOfTerm = (t: number) => Math.min(firstPassage(text, t), firstPassage(section, t))
  const keptTerms = prefixBelow(previous.terms.length, firstOfTerm, kept)
  const keptWords = prefixBelow(previous.words.length, (w) => firstPassage(previous.wordPostings, w), kept)
  if (keptTerms < 0 || keptWords < 0) return null
  const terms = extend(previous.terms, keptTerms, added.terms)
  const words = extend(previous.words, keptWords, added.words)
  let longest = 0
  for (let p = 0; p < ids.length; p++) longest = Math.max(longest, analysed.textStart[p + 1]! - analysed.textStart[p]!)
  return {
    ids: [...ids],
    idOrder: mergedIdOrder(previous, kept, added),
    terms: terms.list,
    fields: [spliceField(text, added.fields[0], kept, terms), spliceField(section, added.fields[1], kept, terms)],
    words: words.list,
    wordPostings: spliceWords(previous.wordPostings, added.wordPostings, kept, words, longest),
  }
}

// The analysed passages from `from` on, numbered from 0 (over the same vocabulary).
function analysisFrom(corpus: AnalysedCorpus, from: number): AnalysedCorpus {
  const rebase = (starts: Uint32Array) => starts.subarray(from).map((s) => s - starts[from]!)
  return {
    ...corpus,
    sectionStart: rebase(corpus.sectionStart),
    sectionWords: corpus.sectionWords.subarray(corpus.sectionStart[from]!),
    textStart: rebase(corpus.textStart),
    textWords: corpus.textWords.subarray(corpus.textStart[from]!),
  }
}

// The first passage of entry `e`'s postings (their passages ascend), Infinity when it has none.
function firstPassage(postings: { offsets: Uint32Array; docs: Uint32Array }, e: number): number {
  return postings.offsets[e]! < postings.offsets[e + 1]! ? postings.docs[postings.offsets[e]!]! : Infinity
}

// How many entries come first in a passage below `kept`; −1 unless they are exactly a prefix of the entries.
function prefixBelow(count: number, first: (e: number) => number, kept: number): number {
  let prefix = 0
  while (prefix < count && first(prefix) < kept) prefix++
  for (let e = prefix; e < count; e++) if (first(e) < kept) return -1
  return prefix
}

interface Numbering {
  list: string[]
  /** How many entries of the last build are kept (they keep their numbers). */
  kept: number
  /** Entry → its number among the added passages' entries, or −1. */
  local: Int32Array
}

// The last build's first `kept` entries, then those of the added passages not among them, in their order.
function extend(previous: readonly string[], kept: number, added: readonly string[]): Numbering {
  const list = previous.slice(0, kept)
  const numbers = new Map(list.map((entry, e) => [entry, e]))
  const globalOf = added.map((entry) => numbers.get(entry) ?? list.push(entry) - 1)
  const local = new Int32Array(list.length).fill(-1)
  globalOf.forEach((e, l) => (local[e] = l))
  return { list, kept, local }
}

// Where the postings of entry `e` below passage `kept` end (its passages ascend).
function endBelow(docs: Uint32Array, from: number, to: number, kept: number): number {
  let low = from
  let high = to
  while (low < high) {
    const middle = (low + high) >>> 1
    if (docs[middle]! < kept) low = middle + 1
    else high = middle
  }
  return low
}

function spliceField(previous: FieldPostings, added: FieldPostings, kept: number, terms: Numbering): FieldPostings {
  const count = terms.list.length
  const passages = kept + added.lengths.length
  const lengths = new Uint32Array(passages)
  lengths.set(previous.lengths.subarray(0, kept))
  lengths.set(added.lengths, kept)
  // MiniSearch's running mean, to the bit, as `FieldBuilder` accumulates it.
  let averageLength = 0
  for (let doc = 0; doc < passages; doc++) averageLength = (averageLength * doc + lengths[doc]!) / (doc + 1)
  const offsets = new Uint32Array(count + 1)
  const ends = new Uint32Array(terms.kept)
  for (let t = 0; t < count; t++) {
    const own = t < terms.kept ? (ends[t] = endBelow(previous.docs, previous.offsets[t]!, previous.offsets[t + 1]!, kept)) - previous.offsets[t]! : 0
    const l = terms.local[t]!
    offsets[t + 1] = offsets[t]! + own + (l >= 0 ? added.offsets[l + 1]! - added.offsets[l]! : 0)
  }
  const docs = new Uint32Array(offsets[count]!)
  const wide = new Uint32Array(offsets[count]!)
  let maxTf = 0
  for (let t = 0; t < count; t++) {
    let at = offsets[t]!
    if (t < terms.kept) {
      const from = previous.offsets[t]!
      docs.set(previous.docs.subarray(from, ends[t]!), at)
      wide.set(previous.tfs.subarray(from, ends[t]!), at)
      at += ends[t]! - from
    }
    const l = terms.local[t]!
    if (l >= 0) for (let i = added.offsets[l]!; i < added.offsets[l + 1]!; i++, at++) {
      docs[at] = added.docs[i]! + kept
      wide[at] = added.tfs[i]!
    }
  }
  for (let i = 0; i < wide.length; i++) if (wide[i]! > maxTf) maxTf = wide[i]!
  const tfs = maxTf <= 0xffff ? Uint16Array.from(wide) : wide
  const field = { lengths, averageLength, offsets, docs, tfs }
  return { ...field, maxScore: maxScores(field) }
}

function spliceWords(previous: WordPostings, added: WordPostings, kept: number, words: Numbering, longest: number): WordPostings {
  const count = words.list.length
  const offsets = new Uint32Array(count + 1)
  const ends = new Uint32Array(words.kept)
  for (let w = 0; w < count; w++) {
    const own = w < words.kept ? (ends[w] = endBelow(previous.docs, previous.offsets[w]!, previous.offsets[w + 1]!, kept)) - previous.offsets[w]! : 0
    const l = words.local[w]!
    offsets[w + 1] = offsets[w]! + own + (l >= 0 ? added.offsets[l + 1]! - added.offsets[l]! : 0)
  }
  const postings = offsets[count]!
  const docs = new Uint32Array(postings)
  const positionOffsets = new Uint32Array(postings + 1)
  // Positions are stored in 16 bits when no passage is longer than 65,535 words, as `WordBuilder` decides.
  let positionCount = 0
  for (let w = 0; w < words.kept; w++) positionCount += previous.positionOffsets[ends[w]!]! - previous.positionOffsets[previous.offsets[w]!]!
  positionCount += added.positions.length
  const positions = longest <= 0xffff ? new Uint16Array(positionCount) : new Uint32Array(positionCount)
  let at = 0
  let position = 0
  // A word's postings hold their positions in one run: copied at once, their offsets shifted.
  const copy = (from: WordPostings, first: number, end: number, shift: number) => {
    const base = from.positionOffsets[first]!
    const stop = from.positionOffsets[end]!
    positions.set(from.positions.subarray(base, stop), position)
    for (let i = first; i < end; i++, at++) {
      docs[at] = from.docs[i]! + shift
      positionOffsets[at] = position + from.positionOffsets[i]! - base
    }
    position += stop - base
  }
  for (let w = 0; w < count; w++) {
    if (w < words.kept) copy(previous, previous.offsets[w]!, ends[w]!, 0)
    const l = words.local[w]!
    if (l >= 0) copy(added, added.offsets[l]!, added.offsets[l + 1]!, kept)
  }
  positionOffsets[postings] = position
  return { offsets, docs, positionOffsets, positions }
}

// Each passage's rank in id order: the kept passages' order and the added ones', merged.
function mergedIdOrder(previous: KeywordData, kept: number, added: KeywordData): Uint32Array {
  const oldSorted = new Uint32Array(previous.ids.length)
  previous.idOrder.forEach((rank, doc) => (oldSorted[rank] = doc))
  const newSorted = new Uint32Array(added.ids.length)
  added.idOrder.forEach((rank, doc) => (newSorted[rank] = doc))
  const idOrder = new Uint32Array(kept + added.ids.length)
  let rank = 0
  let j = 0
  for (const doc of oldSorted) {
    if (doc >= kept) continue
    while (j < newSorted.length && added.ids[newSorted[j]!]! < previous.ids[doc]!) idOrder[kept + newSorted[j++]!] = rank++
    idOrder[doc] = rank++
  }
  while (j < newSorted.length) idOrder[kept + newSorted[j++]!] = rank++
  return idOrder
}
