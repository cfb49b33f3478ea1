// The n-gram channel's matches for one query, by passage number: its ranking read a prefix at a time, and any
// passage's cosine and rank on demand — so a fused head need not list tens of thousands of weak matches.

import type { Bitset } from '../index/bitset.js'
import { Places } from '../index/places.js'
import type { TextQuery } from './retrieval.js'

/** Per n-gram index and numbering, its positions' passage numbers, learned as queries meet them (-1: not yet). */
const numbersByIndex = new WeakMap<object, WeakMap<object, Int32Array>>()

export class NgramMatches {
  /** The matches' numbers, in increasing order. */
  readonly numbers: Uint32Array
  /** Their cosines, in the same order (> 0: a match shares grams). */
  private readonly cosines: Float64Array
  /** Their positions in the n-gram index (ties in the channel's ranking go to the lower one). */
  private readonly positions: Uint32Array
  /**
   * Where a match is in `numbers` (see `Places`): without an array of a number per passage per query (12 MB at 1M
   * passages), and without one of a bit per passage when the matches are few.
   */
  private readonly places: Places
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
    let tables = numbersByIndex.get(index)
    if (!tables) numbersByIndex.set(index, (tables = new WeakMap()))
    let numberAt = tables.get(numbering)
    const numbers: number[] = []
    const cosines: number[] = []
    const positions: number[] = []
    let max = 0
    let ordered = true
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
      if (numbers.length > 0 && n < numbers.at(-1)!) ordered = false
      numbers.push(n)
      cosines.push(cosine)
      positions.push(position)
      if (cosine > max) max = cosine
    })
    // The matches come in the index's order, which is the numbering's when both follow the corpus.
    const order = ordered ? null : numbers.map((_, i) => i).sort((a, b) => numbers[a]! - numbers[b]!)
    const sorted = <T extends Uint32Array | Float64Array>(Type: { from(values: number[]): T }, values: number[]): T => Type.from(order ? order.map((i) => values[i]!) : values)
    this.numbers = sorted(Uint32Array, numbers)
    this.cosines = sorted(Float64Array, cosines)
    this.positions = sorted(Uint32Array, positions)
    this.places = new Places(this.numbers, size)
    this.max = max
  }

  /** The cosine of passage `n`: 0 when it is not a match. */
  cosine(n: number): number {
    const i = this.indexOf(n)
    return i < 0 ? 0 : this.cosines[i]!
  }

  /** Where match `n` is in `numbers`, or -1 when `n` is no match. */
  private indexOf(n: number): number {
    return this.places.indexOf(n)
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
    // Match indexes (into `numbers`), compared as `before` compares passages.
    const worse = (a: number, b: number) => this.beforeAt(b, a)
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

  /** Whether match `a` comes before match `b` in the channel's ranking (both passage numbers of matches). */
  before(a: number, b: number): boolean {
    return this.beforeAt(this.indexOf(a), this.indexOf(b))
  }

  private beforeAt(a: number, b: number): boolean {
    const ca = this.cosines[a]!
    const cb = this.cosines[b]!
    return ca > cb || (ca === cb && this.positions[a]! < this.positions[b]!)
  }
}
