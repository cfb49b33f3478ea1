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
  let low = postings.offsets[word]!
  let high = postings.offsets[word + 1]!
  const end = high
  while (low < high) {
    const mid = (low + high) >>> 1
    if (postings.docs[mid]! < doc) low = mid + 1
    else high = mid
  }
  if (low >= end || postings.docs[low] !== doc) return null
  return postings.positions.subarray(postings.positionOffsets[low]!, postings.positionOffsets[low + 1]!)
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
 * query one sentence-sized span of the passage answers. `lists[i]` are term i's positions, `weights[i]` its weight.
 */
export function bestSpan(lists: ReadonlyArray<ArrayLike<number>>, weights: readonly number[], width: number): number {
  const events: Array<[position: number, term: number]> = []
  lists.forEach((list, term) => {
    for (let i = 0; i < list.length; i++) events.push([list[i]!, term])
  })
  events.sort((a, b) => a[0] - b[0])
  const count = new Array<number>(lists.length).fill(0)
  let weight = 0
  let best = 0
  let start = 0
  for (const [position, term] of events) {
    if (count[term]!++ === 0) weight += weights[term]!
    while (events[start]![0] <= position - width) {
      const left = events[start++]![1]
      if (--count[left]! === 0) weight -= weights[left]!
    }
    if (weight > best) best = weight
  }
  return best
}
