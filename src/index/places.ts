// Where a passage number sits in an ascending list of them (a query's matches): through a bit per passage and a
// count per 32 when the list is long, by a search of the list when it is short — no array of the corpus's size, and
// no pass over one, for a few matches.

import { popcount } from './bitset.js'
import { seek } from './seek.js'

/** Below one number in this many passages, `Places` keeps no bits of the corpus's size: it searches its list. */
export const FEW_NUMBERS = 256

export class Places {
  /** A bit per passage, set for the numbers, or null when they are few. */
  private readonly bits: Uint32Array | null
  /** How many numbers come before each word of `bits`. */
  private readonly ranks: Uint32Array | null

  /**
   * `numbers` ascending, each once, below `size`. `bits`, when given, already holds their bits (see `isMany`); else
   * they are set here if the numbers are many.
   */
  constructor(readonly numbers: Uint32Array, size: number, bits: Uint32Array | null = null) {
    if (bits === null && isMany(numbers.length, size)) {
      bits = new Uint32Array((size + 31) >>> 5)
      for (let i = 0; i < numbers.length; i++) bits[numbers[i]! >>> 5]! |= 1 << (numbers[i]! & 31)
    }
    this.bits = bits
    this.ranks = bits && rankTable(bits)
  }

  /** Where `n` is in `numbers`, or -1. */
  indexOf(n: number): number {
    const { bits, ranks } = this
    if (bits !== null) {
      const word = bits[n >>> 5]
      const bit = 1 << (n & 31)
      if (word === undefined || (word & bit) === 0) return -1
      return ranks![n >>> 5]! + popcount(word & (bit - 1))
    }
    const numbers = this.numbers
    const i = seek(numbers, 0, numbers.length, n)
    return i < numbers.length && numbers[i] === n ? i : -1
  }
}

/** Whether `count` numbers among `size` passages are many enough to keep a bit per passage. */
export function isMany(count: number, size: number): boolean {
  return count * FEW_NUMBERS >= size
}

/** How many set bits come before each word of `bits`. */
function rankTable(bits: Uint32Array): Uint32Array {
  const ranks = new Uint32Array(bits.length)
  for (let w = 1; w < bits.length; w++) ranks[w] = ranks[w - 1]! + popcount(bits[w - 1]!)
  return ranks
}
