// The keyword data of a build from the last build's, wherever the reports added or removed sort: the kept passages'
// postings are copied with their new numbers, the added passages' are built and merged in, and stems and words are
// numbered by first occurrence over the new corpus (one pass over its words). The result is exactly what
// `keywordDataFromAnalysis` gives for the whole corpus, without rebuilding every posting list from the passages.

import type { AnalysedCorpus, VocabularyChange } from './analysis.js'
import { keywordDataFromAnalysis, maxScores, wordStemColumn } from './keyword-build.js'
import type { FieldPostings, KeywordData, WordPostings } from './keyword-data.js'

/** How the last build's passages map onto this build's. */
export interface PassageChange {
  /** Old passage → its number in this build, −1 when it is gone. Kept passages keep their order. */
  renumber: Int32Array
  /** This build's passages the last build did not have, ascending. */
  addedAt: Uint32Array
}

/** The last build's analysed corpus, and where its words and stems went in this one's (see `mergeOnto`). */
export interface LastAnalysis {
  analysed: AnalysedCorpus
  vocabulary: VocabularyChange
}

/**
 * The keyword data of passages `ids` (analysed in `analysed`) from `previous`, the last build's, given how its
 * passages map onto these (`change`). Null when `previous` does not match the change (then build it whole). With
 * `last`, the last build's analysis, its stems and words are matched to this build's by id, not by their text.
 */
export function spliceKeywordData(previous: KeywordData, change: PassageChange, ids: readonly string[], analysed: AnalysedCorpus, last?: LastAnalysis): KeywordData | null {
  const { renumber, addedAt } = change
  const passages = ids.length
  if (renumber.length !== previous.ids.length || analysed.textStart.length !== passages + 1) return null
  let kept = 0
  let before = -1
  for (let p = 0; p < renumber.length; p++) {
    const to = renumber[p]!
    if (to < 0) continue
    if (to <= before || to >= passages || previous.ids[p] !== ids[to]) return null
    before = to
    kept++
  }
  if (kept + addedAt.length !== passages) return null
  // The kept ids are the last build's, distinct, and the added ones' keyword data refuses one listed twice among
  // them: what is left is an added id that is also a kept one (a set of the 100k ids costs 40–50 ms an add).
  const addedIds = new Set<string>()
  for (let i = 0; i < addedAt.length; i++) addedIds.add(ids[addedAt[i]!]!)
  if (addedIds.size > 0) for (let p = 0; p < renumber.length; p++) if (renumber[p]! >= 0 && addedIds.has(previous.ids[p]!)) throw new Error('Keyword index: duplicate passage id')

  // Stems and words numbered as a whole build numbers them: in order of first occurrence, text before headings.
  const order = occurrenceOrder(analysed)
  const { terms, words, wordStem } = listed(analysed, order)
  const added = keywordDataFromAnalysis(Array.from(addedAt, (p) => ids[p]!), analysisOf(analysed, addedAt))
  const byId = last && matchedById(previous, added, analysed, order, addedAt, last)
  let oldTerm: Int32Array, addedTerm: Int32Array, oldWord: Int32Array, addedWord: Int32Array
  if (byId) {
    ;({ oldTerm, addedTerm, oldWord, addedWord } = byId)
  } else {
    const termIds = new Map(terms.map((t, i) => [t, i]))
    const wordIds = new Map(words.map((w, i) => [w, i]))
    oldTerm = inverse(previous.terms, termIds, terms.length)
    addedTerm = inverse(added.terms, termIds, terms.length)
    oldWord = inverse(previous.words, wordIds, words.length)
    addedWord = inverse(added.words, wordIds, words.length)
  }

  let longest = 0
  for (let p = 0; p < passages; p++) longest = Math.max(longest, analysed.textStart[p + 1]! - analysed.textStart[p]!)
  const merge: Merge = { renumber, addedAt, removed: kept < renumber.length }
  const [text, section] = previous.fields
  return {
    ids: [...ids],
    idOrder: mergedIdOrder(previous, renumber, ids, addedAt),
    terms,
    fields: [
      spliceField(text, added.fields[0], oldTerm, addedTerm, merge, passages),
      spliceField(section, added.fields[1], oldTerm, addedTerm, merge, passages),
    ],
    words,
    wordStems: wordStemColumn(words, terms, wordStem),
    wordPostings: spliceWords(previous.wordPostings, added.wordPostings, oldWord, addedWord, merge, longest),
  }
}

interface Merge extends PassageChange {
  /** Whether some old passage is gone (else every old posting is kept). */
  removed: boolean
}

/** Each stem's and word's number in the order `keywordDataFromAnalysis` gives them (−1: in no passage or, for a word, in headings only). */
interface OccurrenceOrder {
  term: Int32Array
  word: Int32Array
  terms: number
  words: number
}

// Stems and words numbered by first occurrence, passage by passage, text before headings; words from the text only.
function occurrenceOrder(corpus: AnalysedCorpus): OccurrenceOrder {
  const { stemOf, textStart, textWords, sectionStart, sectionWords } = corpus
  const term = new Int32Array(corpus.stems.length).fill(-1)
  const word = new Int32Array(corpus.words.length).fill(-1)
  let terms = 0
  let words = 0
  for (let doc = 0; doc + 1 < textStart.length; doc++) {
    for (let i = textStart[doc]!; i < textStart[doc + 1]!; i++) {
      const w = textWords[i]!
      if (word[w]! >= 0) continue
      word[w] = words++
      const s = stemOf[w]!
      if (s >= 0 && term[s]! < 0) term[s] = terms++
    }
    for (let i = sectionStart[doc]!; i < sectionStart[doc + 1]!; i++) {
      const s = stemOf[sectionWords[i]!]!
      if (s >= 0 && term[s]! < 0) term[s] = terms++
    }
  }
  return { term, word, terms, words }
}

// The stems and words of the corpus in that order, and each word's stem's number (-1 for a stop word: see
// `wordStemColumn`).
function listed(corpus: AnalysedCorpus, order: OccurrenceOrder): { terms: string[]; words: string[]; wordStem: Int32Array } {
  const terms = new Array<string>(order.terms)
  const words = new Array<string>(order.words)
  const wordStem = new Int32Array(order.words)
  for (let s = 0; s < order.term.length; s++) if (order.term[s]! >= 0) terms[order.term[s]!] = corpus.stems[s]!
  for (let w = 0; w < order.word.length; w++) {
    const at = order.word[w]!
    if (at < 0) continue
    words[at] = corpus.words[w]!
    const s = corpus.stemOf[w]!
    wordStem[at] = s >= 0 ? order.term[s]! : -1
  }
  return { terms, words, wordStem }
}

// New term and word numbers → their numbers in the last build's keyword data and in the added passages', from the
// ids of the analysed corpora (the last build's numbered in the same order): no string is hashed. Null when the last
// build's keyword data is not numbered as its analysis says (then the strings are matched).
function matchedById(previous: KeywordData, added: KeywordData, analysed: AnalysedCorpus, order: OccurrenceOrder, addedAt: Uint32Array, last: LastAnalysis): { oldTerm: Int32Array; addedTerm: Int32Array; oldWord: Int32Array; addedWord: Int32Array } | null {
  const before = occurrenceOrder(last.analysed)
  if (before.terms !== previous.terms.length || before.words !== previous.words.length) return null
  const oldTerm = new Int32Array(order.terms).fill(-1)
  const oldWord = new Int32Array(order.words).fill(-1)
  const { stems, words } = last.vocabulary
  for (let s = 0; s < before.term.length; s++) {
    const at = before.term[s]!
    if (at < 0) continue
    if (previous.terms[at] !== last.analysed.stems[s]) return null
    const now = stems[s]! >= 0 ? order.term[stems[s]!]! : -1
    if (now >= 0) oldTerm[now] = at
  }
  for (let w = 0; w < before.word.length; w++) {
    const at = before.word[w]!
    if (at < 0) continue
    if (previous.words[at] !== last.analysed.words[w]) return null
    const now = words[w]! >= 0 ? order.word[words[w]!]! : -1
    if (now >= 0) oldWord[now] = at
  }
  // The added passages' data numbers its stems and words by first occurrence among them, over the same ids.
  const own = occurrenceOrder(analysisOf(analysed, addedAt))
  if (own.terms !== added.terms.length || own.words !== added.words.length) return null
  const addedTerm = new Int32Array(order.terms).fill(-1)
  const addedWord = new Int32Array(order.words).fill(-1)
  for (let s = 0; s < own.term.length; s++) {
    const at = own.term[s]!
    if (at < 0) continue
    if (added.terms[at] !== analysed.stems[s]) return null
    addedTerm[order.term[s]!] = at
  }
  for (let w = 0; w < own.word.length; w++) {
    const at = own.word[w]!
    if (at < 0) continue
    if (added.words[at] !== analysed.words[w]) return null
    addedWord[order.word[w]!] = at
  }
  return { oldTerm, addedTerm, oldWord, addedWord }
}

// The analysed passages `which` (ascending), numbered from 0, over the same vocabulary.
function analysisOf(corpus: AnalysedCorpus, which: Uint32Array): AnalysedCorpus {
  const gather = (starts: Uint32Array, values: Uint32Array) => {
    const newStarts = new Uint32Array(which.length + 1)
    for (let i = 0; i < which.length; i++) newStarts[i + 1] = newStarts[i]! + starts[which[i]! + 1]! - starts[which[i]!]!
    const newValues = new Uint32Array(newStarts[which.length]!)
    for (let i = 0; i < which.length; i++) newValues.set(values.subarray(starts[which[i]!]!, starts[which[i]! + 1]!), newStarts[i]!)
    return [newStarts, newValues] as const
  }
  const [sectionStart, sectionWords] = gather(corpus.sectionStart, corpus.sectionWords)
  const [textStart, textWords] = gather(corpus.textStart, corpus.textWords)
  return { ...corpus, sectionStart, sectionWords, textStart, textWords }
}

// New entry → its number in `list`, −1 when `list` lacks it.
function inverse(list: readonly string[], numbers: ReadonlyMap<string, number>, count: number): Int32Array {
  const from = new Int32Array(count).fill(-1)
  for (let e = 0; e < list.length; e++) {
    const to = numbers.get(list[e]!)
    // A stem or word the new corpus lacks must have been only in passages now gone: its postings are all dropped.
    if (to !== undefined) from[to] = e
  }
  return from
}

// Merges old postings `from .. to` (passages renumbered, those gone dropped) with the added postings `addedFrom ..
// addedTo` (added posting j is passage `addedAt[addedDocs[j]]`), in passage order: `oldRun(i0, i1)` for each run of
// old postings between two added ones, `addedOne(j, passage)` for each added posting. A report's passages are few and
// adjacent, so a term's old postings go in one or two runs, each copied in a tight loop.
function mergeRuns(
  oldDocs: Uint32Array, from: number, to: number, addedDocs: Uint32Array, addedFrom: number, addedTo: number,
  merge: Merge, oldRun: (i0: number, i1: number) => void, addedOne: (j: number, passage: number) => void,
): void {
  const { renumber, addedAt } = merge
  let i = from
  for (let j = addedFrom; j < addedTo; j++) {
    const passage = addedAt[addedDocs[j]!]!
    // Old postings of passages gone (−1) sort anywhere: copying skips them.
    let end = i
    while (end < to && renumber[oldDocs[end]!]! < passage) end++
    if (end > i) oldRun(i, end)
    addedOne(j, passage)
    i = end
  }
  if (to > i) oldRun(i, to)
}

// How many of old postings `from .. to` stay (their passage is kept).
function keptCount(docs: Uint32Array, from: number, to: number, merge: Merge): number {
  if (!merge.removed) return to - from
  let count = 0
  for (let i = from; i < to; i++) if (merge.renumber[docs[i]!]! >= 0) count++
  return count
}

function spliceField(previous: FieldPostings, added: FieldPostings, oldTerm: Int32Array, addedTerm: Int32Array, merge: Merge, passages: number): FieldPostings {
  const { renumber, addedAt, removed } = merge
  const count = oldTerm.length
  const lengths = new Uint32Array(passages)
  for (let p = 0; p < renumber.length; p++) if (renumber[p]! >= 0) lengths[renumber[p]!] = previous.lengths[p]!
  for (let i = 0; i < addedAt.length; i++) lengths[addedAt[i]!] = added.lengths[i]!
  // MiniSearch's running mean, to the bit, as `FieldBuilder` accumulates it.
  let averageLength = 0
  for (let doc = 0; doc < passages; doc++) averageLength = (averageLength * doc + lengths[doc]!) / (doc + 1)
  const offsets = new Uint32Array(count + 1)
  for (let t = 0; t < count; t++) {
    const o = oldTerm[t]!
    const a = addedTerm[t]!
    const own = o >= 0 ? keptCount(previous.docs, previous.offsets[o]!, previous.offsets[o + 1]!, merge) : 0
    offsets[t + 1] = offsets[t]! + own + (a >= 0 ? added.offsets[a + 1]! - added.offsets[a]! : 0)
  }
  const docs = new Uint32Array(offsets[count]!)
  // Both in 16 bits: so is the merge, as a whole build would store it (with no temporary 32-bit column to narrow).
  const narrow = previous.tfs instanceof Uint16Array && added.tfs instanceof Uint16Array
  const tfs = narrow ? new Uint16Array(offsets[count]!) : new Uint32Array(offsets[count]!)
  let at = 0
  const oldRun = (i0: number, i1: number) => {
    for (let i = i0; i < i1; i++) {
      const passage = renumber[previous.docs[i]!]!
      if (removed && passage < 0) continue
      docs[at] = passage
      tfs[at++] = previous.tfs[i]!
    }
  }
  const addedOne = (j: number, passage: number) => {
    docs[at] = passage
    tfs[at++] = added.tfs[j]!
  }
  for (let t = 0; t < count; t++) {
    const o = oldTerm[t]!
    const a = addedTerm[t]!
    mergeRuns(
      previous.docs, o >= 0 ? previous.offsets[o]! : 0, o >= 0 ? previous.offsets[o + 1]! : 0,
      added.docs, a >= 0 ? added.offsets[a]! : 0, a >= 0 ? added.offsets[a + 1]! : 0, merge, oldRun, addedOne,
    )
  }
  const field = { lengths, averageLength, offsets, docs, tfs: narrow ? tfs : narrowed(tfs as Uint32Array) }
  return { ...field, maxScore: maxScores(field) }
}

// A tf column in 16 bits when every tf fits, as `FieldBuilder` stores it (a removal can bring the largest back under).
function narrowed(wide: Uint32Array): Uint16Array | Uint32Array {
  let maxTf = 0
  for (let i = 0; i < wide.length; i++) if (wide[i]! > maxTf) maxTf = wide[i]!
  return maxTf <= 0xffff ? Uint16Array.from(wide) : wide
}

function spliceWords(previous: WordPostings, added: WordPostings, oldWord: Int32Array, addedWord: Int32Array, merge: Merge, longest: number): WordPostings {
  const { renumber, removed } = merge
  const count = oldWord.length
  const offsets = new Uint32Array(count + 1)
  let positionCount = 0
  for (let w = 0; w < count; w++) {
    const o = oldWord[w]!
    const a = addedWord[w]!
    let own = 0
    if (o >= 0) {
      const from = previous.offsets[o]!
      const to = previous.offsets[o + 1]!
      if (!removed) {
        own = to - from
        positionCount += previous.positionOffsets[to]! - previous.positionOffsets[from]!
      } else {
        for (let i = from; i < to; i++) {
          if (renumber[previous.docs[i]!]! < 0) continue
          own++
          positionCount += previous.positionOffsets[i + 1]! - previous.positionOffsets[i]!
        }
      }
    }
    if (a >= 0) positionCount += added.positionOffsets[added.offsets[a + 1]!]! - added.positionOffsets[added.offsets[a]!]!
    offsets[w + 1] = offsets[w]! + own + (a >= 0 ? added.offsets[a + 1]! - added.offsets[a]! : 0)
  }
  const postings = offsets[count]!
  const docs = new Uint32Array(postings)
  const positionOffsets = new Uint32Array(postings + 1)
  // Positions are stored in 16 bits when no passage is longer than 65,535 words, as `WordBuilder` decides.
  const positions = longest <= 0xffff ? new Uint16Array(positionCount) : new Uint32Array(positionCount)
  let at = 0
  let position = 0
  const oldRun = (i0: number, i1: number) => {
    const { docs: oldDocs, positionOffsets: oldOffsets, positions: oldPositions } = previous
    if (!removed) {
      // Every posting kept: the run's positions are one block, copied at once, its offsets shifted.
      const base = oldOffsets[i0]!
      const stop = oldOffsets[i1]!
      positions.set(oldPositions.subarray(base, stop), position)
      for (let i = i0; i < i1; i++, at++) {
        docs[at] = renumber[oldDocs[i]!]!
        positionOffsets[at] = position + oldOffsets[i]! - base
      }
      position += stop - base
      return
    }
    for (let i = i0; i < i1; i++) {
      const passage = renumber[oldDocs[i]!]!
      if (passage < 0) continue
      docs[at] = passage
      positionOffsets[at++] = position
      for (let k = oldOffsets[i]!; k < oldOffsets[i + 1]!; k++) positions[position++] = oldPositions[k]!
    }
  }
  const addedOne = (j: number, passage: number) => {
    docs[at] = passage
    positionOffsets[at++] = position
    for (let k = added.positionOffsets[j]!; k < added.positionOffsets[j + 1]!; k++) positions[position++] = added.positions[k]!
  }
  for (let w = 0; w < count; w++) {
    const o = oldWord[w]!
    const a = addedWord[w]!
    mergeRuns(
      previous.docs, o >= 0 ? previous.offsets[o]! : 0, o >= 0 ? previous.offsets[o + 1]! : 0,
      added.docs, a >= 0 ? added.offsets[a]! : 0, a >= 0 ? added.offsets[a + 1]! : 0, merge, oldRun, addedOne,
    )
  }
  positionOffsets[postings] = position
  return { offsets, docs, positionOffsets, positions }
}

// Each passage's rank in id order: the kept passages' order (from the last build's ranks) and the added ones', merged.
function mergedIdOrder(previous: KeywordData, renumber: Int32Array, ids: readonly string[], addedAt: Uint32Array): Uint32Array {
  const oldSorted = new Uint32Array(previous.ids.length)
  previous.idOrder.forEach((rank, doc) => (oldSorted[rank] = doc))
  const newSorted = Array.from(addedAt).sort((a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0))
  const idOrder = new Uint32Array(ids.length)
  let rank = 0
  let j = 0
  for (const doc of oldSorted) {
    const to = renumber[doc]!
    if (to < 0) continue
    while (j < newSorted.length && ids[newSorted[j]!]! < ids[to]!) idOrder[newSorted[j++]!] = rank++
    idOrder[to] = rank++
  }
  while (j < newSorted.length) idOrder[newSorted[j++]!] = rank++
  return idOrder
}
