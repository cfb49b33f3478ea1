// A set of passage numbers as bits: the match set of a query, its filters, phrases and exclusions.

export class Bitset {
  readonly words: Uint32Array

  constructor(readonly size: number, words?: Uint32Array) {
    this.words = words ?? new Uint32Array((size + 31) >>> 5)
  }

  /** Every number below `size`. */
  static full(size: number): Bitset {
    const set = new Bitset(size)
    set.words.fill(0xffffffff)
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
    this.words[n >>> 5]! |= 1 << (n & 31)
  }

  delete(n: number): void {
    this.words[n >>> 5]! &= ~(1 << (n & 31))
  }

  addAll(numbers: ArrayLike<number>, from = 0, to = numbers.length): void {
    const words = this.words
    for (let i = from; i < to; i++) {
      const n = numbers[i]!
      words[n >>> 5]! |= 1 << (n & 31)
    }
  }

  clone(): Bitset {
    return new Bitset(this.size, this.words.slice())
  }

  /** Keeps only the numbers also in `other` (in place). */
  and(other: Bitset): this {
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) a[i]! &= b[i]!
    return this
  }

  or(other: Bitset): this {
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) a[i]! |= b[i]!
    return this
  }

  /** Removes the numbers in `other` (in place). */
  andNot(other: Bitset): this {
    const a = this.words
    const b = other.words
    for (let i = 0; i < a.length; i++) a[i]! &= ~b[i]!
    return this
  }

  count(): number {
    // An indexed loop that passes over empty words: a match set at a million passages is 31,250 words, mostly
    // empty, and `for … of` over them cost three times as much.
    const words = this.words
    let total = 0
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!
      if (word !== 0) total += popcount(word)
    }
    return total
  }

  /** Whether no number is in the set: stops at the first that is. */
  isEmpty(): boolean {
    const words = this.words
    for (let i = 0; i < words.length; i++) if (words[i] !== 0) return false
    return true
  }

  /** Calls `visit` with each number, ascending. */
  forEach(visit: (n: number) => void): void {
    const words = this.words
    for (let i = 0; i < words.length; i++) {
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
    for (let i = 0, at = 0; i < words.length; i++) {
      for (let word = words[i]!; word !== 0; word &= word - 1) out[at++] = (i << 5) | (31 - Math.clz32(word & -word))
    }
    return out
  }
}

/** The number of bits set in a 32-bit word. */
export function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}
