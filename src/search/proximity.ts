// Where a query's stems sit in a passage: the written words that stem to each, their positions from the index's
// positional postings, and how close together they are (the smallest window, pairs in query order).

import type { KeywordData, WordPostings } from '../index/keyword-data.js'

/**
 * The folded words of an index by stem: `wordsOf(id of 'protect')` → the ids of `protection`, `protections`,
 * `protege`…, read from the index's word → stem column (no stemming at query time), inverted on first use. (A word's
 * id by its written form is the index's `wordId`, a hash look-up.)
 */
export class StemWords {
  /** Term id → its words: `byStem[starts[t] .. starts[t + 1]]`, word ids ascending. */
  private starts: Uint32Array | null = null
  private byStem: Uint32Array | null = null

  constructor(private readonly data: Pick<KeywordData, 'wordStems' | 'terms'>) {}

  /** Builds now what the first search that places a query's words would (a few ms of CPU at 100k). */
  prepare(): void {
    this.invert()
  }

  /** The words whose stem is index term `term`. */
  wordsOf(term: number): Uint32Array {
    const { starts, byStem } = this.invert()
    return byStem.subarray(starts[term]!, starts[term + 1]!)
  }

  private invert(): { starts: Uint32Array; byStem: Uint32Array } {
    if (this.starts && this.byStem) return { starts: this.starts, byStem: this.byStem }
    const { wordStems, terms } = this.data
    const starts = new Uint32Array(terms.length + 1)
    for (let w = 0; w < wordStems.length; w++) if (wordStems[w]! < terms.length) starts[wordStems[w]! + 1]!++
    for (let t = 0; t < terms.length; t++) starts[t + 1]! += starts[t]!
    const next = starts.slice(0, terms.length)
    const byStem = new Uint32Array(starts[terms.length]!)
    for (let w = 0; w < wordStems.length; w++) if (wordStems[w]! < terms.length) byStem[next[wordStems[w]!]!++] = w
    this.starts = starts
    this.byStem = byStem
    return { starts, byStem }
  }
}

/** The positions of one word in a passage, ascending, or null when the passage lacks it. */
export function positionsIn(postings: WordPostings, word: number, doc: number): ArrayLike<number> | null {
  const at = postingOf(postings, word, doc)
  return at < 0 ? null : postings.positions.subarray(postings.positionOffsets[at]!, postings.positionOffsets[at + 1]!)
}

/** Whether a passage holds a word (`positionsIn` without making the view of its positions). */
export function holdsWord(postings: WordPostings, word: number, doc: number): boolean {
  return postingOf(postings, word, doc) >= 0
}

// The index of a passage's posting in a word's postings, or -1.
function postingOf(postings: WordPostings, word: number, doc: number): number {
  let low = postings.offsets[word]!
  let high = postings.offsets[word + 1]!
  const end = high
  while (low < high) {
    const mid = (low + high) >>> 1
    if (postings.docs[mid]! < doc) low = mid + 1
    else high = mid
  }
  return low < end && postings.docs[low] === doc ? low : -1
}

/** The positions in a passage of any of some words, ascending (empty when it holds none). */
export function positionsOfAny(postings: WordPostings, words: ArrayLike<number>, doc: number): number[] {
  const all: number[] = []
  for (let i = 0; i < words.length; i++) {
    const found = positionsIn(postings, words[i]!, doc)
    if (found) for (let j = 0; j < found.length; j++) all.push(found[j]!)
  }
  return words.length > 1 ? all.sort((a, b) => a - b) : all
}

/** Length in positions of the smallest window holding one position of each list (each ascending, none empty). */
export function smallestWindow(lists: ReadonlyArray<ArrayLike<number>>): number {
  const cursor = lists.map(() => 0)
  let best = Infinity
  for (;;) {
    let low = 0
    let min = Infinity
    let max = -Infinity
    for (let i = 0; i < lists.length; i++) {
      const value = lists[i]![cursor[i]!]!
      if (value < min) {
        min = value
        low = i
      }
      if (value > max) max = value
    }
    best = Math.min(best, max - min + 1)
    if (++cursor[low]! >= lists[low]!.length) return best
  }
}

/** Whether some position of `second` comes after one of `first` by at most `gap`. */
export function followedWithin(first: ArrayLike<number>, second: ArrayLike<number>, gap: number): boolean {
  let j = 0
  for (let i = 0; i < first.length; i++) {
    const at = first[i]!
    while (j < second.length && second[j]! <= at) j++
    if (j < second.length && second[j]! - at <= gap) return true
  }
  return false
}

/**
 * The largest weight of distinct query terms found together within `width` consecutive positions: how much of the
 * query one sentence-sized span of the passage answers. `lists[i]` are term i's positions (ascending), `weights[i]`
 * its weight.
 */
export function bestSpan(lists: ReadonlyArray<ArrayLike<number>>, weights: readonly number[], width: number): number {
  // Every position of every term in one ascending sequence (equal positions in term order): the lists merged into
  // arrays reused from call to call, as sorting [position, term] pairs allocated one per position.
  let events = 0
  for (const list of lists) events += list.length
  if (events > eventPositions.length) {
    eventPositions = new Float64Array(2 * events)
    eventTerms = new Int32Array(2 * events)
  }
  if (lists.length > cursors.length) {
    cursors = new Int32Array(2 * lists.length)
    counts = new Int32Array(2 * lists.length)
  }
  cursors.fill(0, 0, lists.length)
  counts.fill(0, 0, lists.length)
  for (let e = 0; e < events; e++) {
    let term = -1
    let position = Infinity
    for (let t = 0; t < lists.length; t++) {
      const list = lists[t]!
      const at = cursors[t]!
      if (at < list.length && list[at]! < position) {
        position = list[at]!
        term = t
      }
    }
    eventPositions[e] = position
    eventTerms[e] = term
    cursors[term]!++
  }
  let weight = 0
  let best = 0
  let start = 0
  for (let e = 0; e < events; e++) {
    const position = eventPositions[e]!
    const term = eventTerms[e]!
    if (counts[term]!++ === 0) weight += weights[term]!
    while (eventPositions[start]! <= position - width) {
      const left = eventTerms[start++]!
      if (--counts[left]! === 0) weight -= weights[left]!
    }
    if (weight > best) best = weight
  }
  return best
}

let eventPositions = new Float64Array(256)
let eventTerms = new Int32Array(256)
let cursors = new Int32Array(32)
let counts = new Int32Array(32)
