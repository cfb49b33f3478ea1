// The n-gram channel's matches for one query, by passage number: its ranking read a prefix at a time, and any
// passage's cosine and rank on demand — so a fused head need not list tens of thousands of weak matches.

import type { Bitset } from '../index/bitset.js'
import type { TextQuery } from './retrieval.js'

/** Per n-gram index and numbering, its positions' passage numbers, learned as queries meet them (-1: not yet). */
const numbersByIndex = new WeakMap<object, WeakMap<object, Int32Array>>()

export class NgramMatches {
  /** Cosine by passage number; 0 for a passage that is not a match (a match shares grams: its cosine is > 0). */
  readonly cosineOf: Float64Array
  /** Position in the n-gram index by passage number (ties in the channel's ranking go to the lower one). */
  private readonly positionOf: Uint32Array
  /** The matches' numbers. */
  readonly numbers: Uint32Array
  /** Their cosines, in the same order. */
  private readonly cosines: Float64Array
  /** The best cosine (the channel's first). */
  readonly max: number

  constructor(
    /** The n-gram index the query ran on and the numbering's owner: the key of the position → number table. */
    [index, numbering]: [object, object],
    query: TextQuery,
    forEachMatch: NonNullable<TextQuery['forEachMatch']>,
    floor: number,
    size: number,
    numberOf: (id: string) => number | undefined,
    allowed: Bitset | null,
    /** Receives every match, allowed or not (for counting facets without a filter). */
    everyMatch?: Bitset,
  ) {
    this.cosineOf = new Float64Array(size)
    this.positionOf = new Uint32Array(size)
    let tables = numbersByIndex.get(index)
    if (!tables) numbersByIndex.set(index, (tables = new WeakMap()))
    let numberAt = tables.get(numbering)
    const numbers: number[] = []
    const cosines: number[] = []
    let max = 0
    forEachMatch.call(query, floor, (id, cosine, position) => {
      if (!numberAt || position >= numberAt.length) {
        const grown = new Int32Array(Math.max(size, position + 1)).fill(-1)
        if (numberAt) grown.set(numberAt)
        tables.set(numbering, (numberAt = grown))
      }
      let n = numberAt[position]!
      if (n < 0) numberAt[position] = n = numberOf(id) ?? -2
      if (n < 0) return
      everyMatch?.add(n)
      if (allowed && !allowed.has(n)) return
      this.cosineOf[n] = cosine
      this.positionOf[n] = position
      numbers.push(n)
      cosines.push(cosine)
      if (cosine > max) max = cosine
    })
    this.numbers = Uint32Array.from(numbers)
    this.cosines = Float64Array.from(cosines)
    this.max = max
  }

  get count(): number {
    return this.numbers.length
  }

  /** The channel's first `limit` matches, best first, as [number, cosine]: exactly the start of the whole ranking. */
  top(limit: number): Array<[number, number]> {
    const k = Math.min(limit, this.count)
    // A bounded heap of match indexes, the worst on top.
    const heap = new Uint32Array(k)
    let size = 0
    const worse = (a: number, b: number) => this.before(this.numbers[b]!, this.numbers[a]!)
    const down = (from: number) => {
      for (let i = from; ; ) {
        const l = 2 * i + 1
        const r = l + 1
        let w = i
        if (l < size && worse(heap[l]!, heap[w]!)) w = l
        if (r < size && worse(heap[r]!, heap[w]!)) w = r
        if (w === i) return
        ;[heap[i], heap[w]] = [heap[w]!, heap[i]!]
        i = w
      }
    }
    for (let m = 0; m < this.numbers.length; m++) {
      if (size < k) {
        let i = size++
        heap[i] = m
        while (i > 0) {
          const parent = (i - 1) >> 1
          if (!worse(heap[i]!, heap[parent]!)) break
          ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
          i = parent
        }
      } else if (k > 0 && worse(heap[0]!, m)) {
        heap[0] = m
        down(0)
      }
    }
    const best = Array.from(heap.subarray(0, size)).sort((a, b) => (worse(b, a) ? -1 : worse(a, b) ? 1 : 0))
    return best.map((m) => [this.numbers[m]!, this.cosines[m]!])
  }

  /** Whether match `a` comes before match `b` in the channel's ranking. */
  before(a: number, b: number): boolean {
    const ca = this.cosineOf[a]!
    const cb = this.cosineOf[b]!
    return ca > cb || (ca === cb && this.positionOf[a]! < this.positionOf[b]!)
  }
}
