// Where a query's stems sit in a passage: the written words that stem to each, their positions from the index's
// positional postings, and how close together they are (the smallest window, pairs in query order).

import type { WordPostings } from '../index/keyword-data.js'
import { stem } from '../text/analyzer.js'

/**
 * The folded words of an index grouped by stem, on demand: `wordsOf('protect')` → the ids of `protection`,
 * `protections`, `protege`… The words are sorted once; a stem's words are found among those sharing its first
 * letters and checked with the stemmer. Snowball rewrites at most a stem's last two letters (`nationaux` →
 * `national`, `payer` → `pai`), so a word always starts with its stem less those.
 */
export class StemWords {
  private order: Uint32Array | null = null
  private readonly found = new Map<string, Uint32Array>()
  /** Each word's stem once computed (Snowball costs microseconds a word; a short stem's range holds thousands). */
  private readonly stems: Array<string | undefined>

  constructor(private readonly words: readonly string[]) {
    this.stems = new Array<string | undefined>(words.length)
  }

  /** Sorts the words now rather than at the first search that places a query's words (0.3 s of CPU at 100k). */
  prepare(): void {
    this.order ??= sortedWordIds(this.words)
  }

  /** The id of a folded word, or -1 when no passage holds it. */
  wordId(word: string): number {
    const order = (this.order ??= sortedWordIds(this.words))
    const at = lowerBound(order, this.words, word)
    return at < order.length && this.words[order[at]!] === word ? order[at]! : -1
  }

  wordsOf(term: string): Uint32Array {
    let ids = this.found.get(term)
    if (ids) return ids
    const order = (this.order ??= sortedWordIds(this.words))
    const prefix = term.slice(0, Math.max(term.length - 2, Math.min(term.length, 2)))
    const list: number[] = []
    for (let i = lowerBound(order, this.words, prefix); i < order.length; i++) {
      const id = order[i]!
      const word = this.words[id]!
      if (!word.startsWith(prefix)) break
      if ((this.stems[id] ??= stem(word)) === term) list.push(id)
    }
    ids = Uint32Array.from(list)
    // A process serves one index at a time and queries repeat their words: a small, bounded memo.
    if (this.found.size >= 10_000) this.found.clear()
    this.found.set(term, ids)
    return ids
  }
}

function sortedWordIds(words: readonly string[]): Uint32Array {
  const order = Uint32Array.from(words.keys())
  return order.sort((a, b) => (words[a]! < words[b]! ? -1 : words[a]! > words[b]! ? 1 : 0))
}

function lowerBound(order: Uint32Array, words: readonly string[], prefix: string): number {
  let low = 0
  let high = order.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (words[order[mid]!]! < prefix) low = mid + 1
    else high = mid
  }
  return low
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
