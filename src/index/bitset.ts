// A set of passage numbers as bits: the match set of a query, its filters, phrases and exclusions.

import { popcount } from '../binary/popcount.js'

/**
 * A set keeps the list of its words in use while at most one word in this many is: a rare term's match set at a
 * million passages is 31,250 words of which a few hundred hold a number, and every pass over the rest (counting,
 * listing, intersecting, copying) cost 0.1–0.3 ms on this machine.
 */
const SPARSE_SHARE = 16

export class Bitset {
  /** The bits, 32 a word. Read them freely; write only through the methods, which keep `#inUse` true. */
  readonly words: Uint32Array
  /**
   * While few words are in use, the index of every word that may be non-zero (some may have emptied since, some may
   * come twice): what a pass over the set reads instead of every word. Null when any word may be in use.
   */
  #inUse: number[] | null
  /** Whether `#inUse` is ascending without repeats (then it is listed in order without sorting). */
  #ordered = true
  /** The length past which `#inUse` is dropped: the set is then dense enough to pass over every word. */
  readonly #most: number

  /** An empty set; with `words`, the set those bits hold (any of them may be in use). */
  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5)
    this.#inUse = words ? null : []
    this.#most = Math.max(8, this.words.length / SPARSE_SHARE)
  }

  /** Every number below `size`. */
  static full(size: number): Bitset {
    const set = new Bitset(size)
    set.words.fill(0xffffffff)
    set.#inUse = null
    const tail = size & 31
    if (tail && set.words.length) set.words[set.words.length - 1] = (1 << tail) - 1 >>> 0
    return set
  }

  /** The numbers of a sorted or unsorted list. */
  static of(size: number, numbers: ArrayLike<number>): Bitset {
    const set = new Bitset(size)
    set.addAll(numbers)
    return set
  }

  has(n: number): boolean {
    return (this.words[n >>> 5]! & (1 << (n & 31))) !== 0
  }

  add(n: number): void {
    const w = n >>> 5
    const word = this.words[w]!
    if (word === 0 && this.#inUse !== null) this.#use(w)
    this.words[w] = word | (1 << (n & 31))
  }

  delete(n: number): void {
    this.words[n >>> 5]! &= ~(1 << (n & 31))
  }

  addAll(numbers: ArrayLike<number>, from = 0, to = numbers.length): void {
    const words = this.words
    let i = from
    // Listing the words put in use while few are, then (once dense) the plain loop: a common word's postings.
    for (; i < to && this.#inUse !== null; i++) {
      const n = numbers[i]!
      const w = n >>> 5
      const word = words[w]!
      if (word === 0) this.#use(w)
      words[w] = word | (1 << (n & 31))
    }
    for (; i < to; i++) {
      const n = numbers[i]!
      words[n >>> 5]! |= 1 << (n & 31)
    }
  }

  clone(): Bitset {
    const inUse = this.#listed()
    if (inUse === null) return new Bitset(this.size, this.words.slice())
    const copy = new Bitset(this.size)
    for (const w of inUse) copy.words[w] = this.words[w]!
    copy.#inUse = inUse.slice()
    return copy
  }

  /** Keeps only the numbers also in `other` (in place). */
  and(other: Bitset): this {
    const a = this.words
    const b = other.words
    const mine = this.#inUse
    if (mine !== null) {
      for (const w of mine) a[w]! &= b[w]!
      this.#dropEmpty()
      return this
    }
    const theirs = other.#listed()
    if (theirs !== null) {
      // What is kept lies in the other set's few words: those are saved, and the rest emptied at once.
      const kept = theirs.map((w) => a[w]! & b[w]!)
      a.fill(0)
      const inUse: number[] = []
      theirs.forEach((w, i) => {
        if (kept[i] === 0) return
        a[w] = kept[i]!
        inUse.push(w)
      })
      this.#inUse = inUse
      this.#ordered = true
      return this
    }
    for (let i = 0; i < a.length; i++) a[i]! &= b[i]!
    return this
  }

  or(other: Bitset): this {
    const a = this.words
    const b = other.words
    const theirs = other.#listed()
    if (theirs === null) {
      for (let i = 0; i < a.length; i++) a[i]! |= b[i]!
      this.#inUse = null
      return this
    }
    for (const w of theirs) {
      const word = a[w]!
      if (word === 0 && b[w] !== 0 && this.#inUse !== null) this.#use(w)
      a[w] = word | b[w]!
    }
    return this
  }

  /** Removes the numbers in `other` (in place). */
  andNot(other: Bitset): this {
    const a = this.words
    const b = other.words
    const mine = this.#inUse
    if (mine !== null) {
      for (const w of mine) a[w]! &= ~b[w]!
      this.#dropEmpty()
      return this
    }
    const theirs = other.#listed()
    if (theirs !== null) {
      for (const w of theirs) a[w]! &= ~b[w]!
      return this
    }
    for (let i = 0; i < a.length; i++) a[i]! &= ~b[i]!
    return this
  }

  count(): number {
    // An indexed loop that passes over empty words: a match set at a million passages is 31,250 words, mostly
    // empty, and `for … of` over them cost three times as much.
    const words = this.words
    const inUse = this.#listed()
    let total = 0
    if (inUse !== null) {
      for (let i = 0; i < inUse.length; i++) total += popcount(words[inUse[i]!]!)
      return total
    }
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!
      if (word !== 0) total += popcount(word)
    }
    return total
  }

  /** Whether no number is in the set: stops at the first that is. */
  isEmpty(): boolean {
    const words = this.words
    const inUse = this.#inUse
    if (inUse !== null) {
      for (let i = 0; i < inUse.length; i++) if (words[inUse[i]!] !== 0) return false
      return true
    }
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false
    return true
  }

  /**
   * The indexes of the words that may hold a number, ascending, when the set knows them (few are in use): a pass over
   * the set reads those words only. Null when any word may hold one.
   */
  wordsInUse(): readonly number[] | null {
    return this.#listed()
  }

  /** Calls `visit` with each number, ascending. */
  forEach(visit: (n: number) => void): void {
    const words = this.words
    const inUse = this.#listed()
    const end = inUse === null ? words.length : inUse.length
    for (let j = 0; j < end; j++) {
      const i = inUse === null ? j : inUse[j]!
      let word = words[i]!
      while (word !== 0) {
        const low = word & -word
        visit((i << 5) + 31 - Math.clz32(low))
        word ^= low
      }
    }
  }

  toArray(): Uint32Array {
    const words = this.words
    const out = new Uint32Array(this.count())
    const inUse = this.#listed()
    const end = inUse === null ? words.length : inUse.length
    for (let j = 0, at = 0; j < end; j++) {
      const i = inUse === null ? j : inUse[j]!
      for (let word = words[i]!; word !== 0; word &= word - 1) out[at++] = (i << 5) | (31 - Math.clz32(word & -word))
    }
    return out
  }

  /** Notes that word `w` came into use (it was zero). */
  #use(w: number): void {
    const inUse = this.#inUse!
    if (inUse.length >= this.#most) {
      this.#inUse = null
      return
    }
    if (inUse.length > 0 && w <= inUse[inUse.length - 1]!) this.#ordered = false
    inUse.push(w)
  }

  /** `#inUse` ascending, without repeats or emptied words; null when the set does not keep it. */
  #listed(): number[] | null {
    const inUse = this.#inUse
    if (inUse === null || this.#ordered) return inUse
    inUse.sort((x, y) => x - y)
    let kept = 0
    for (let i = 0; i < inUse.length; i++) {
      const w = inUse[i]!
      if (this.words[w] !== 0 && (kept === 0 || inUse[kept - 1] !== w)) inUse[kept++] = w
    }
    inUse.length = kept
    this.#ordered = true
    return inUse
  }

  /** Takes the words an intersection emptied out of `#inUse` (its order kept). */
  #dropEmpty(): void {
    const inUse = this.#inUse!
    let kept = 0
    for (let i = 0; i < inUse.length; i++) if (this.words[inUse[i]!] !== 0) inUse[kept++] = inUse[i]!
    inUse.length = kept
  }
}

