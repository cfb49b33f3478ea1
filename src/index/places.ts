// Where a passage number sits in an ascending list of them (a query's matches): through a bit per passage and a
// count per 32 when the list is long or asked about often, by a search of the list otherwise — no array of the
// corpus's size, and no pass over one, for a few matches asked about a few times.

import { popcount } from '../binary/popcount.js'
import { seek } from './seek.js'

/** Below one number in this many passages, `Places` keeps no bits of the corpus's size: it searches its list. */
export const FEW_NUMBERS = 256

export class Places {
  /** A bit per passage, set for the numbers, or null while they are few (and searched). */
  private bits: Uint32Array | null
  /** How many numbers come before each word of `bits`. */
  private ranks: Uint32Array | null
  /**
   * How many more searches of the list before the bits are made anyway: a passage's n-gram cosine is asked for each
   * keyword match of a common query (780 000 at 1M passages), and that many searches cost 1.2× the hybrid search.
   */
  #searchesLeft: number

  /**
   * `numbers` ascending, each once, below `size`. `bits`, when given, already holds their bits (see `isMany`); else
   * they are set here if the numbers are many, or later once the list has been searched often.
   */
  constructor(
    readonly numbers: Uint32Array,
    private readonly size: number,
    bits: Uint32Array | null = null,
  ) {
    if (bits === null && isMany(numbers.length, size)) bits = bitsOf(numbers, size)
    this.bits = bits
    this.ranks = bits && rankTable(bits)
    this.#searchesLeft = size / SEARCHES_PER_BITS
  }

  /** Where `n` is in `numbers`, or -1. Kept this short so that it is inlined: a common query asks it per match. */
  indexOf(n: number): number {
    const { bits, ranks } = this
    if (bits === null) return this.searched(n)
    const word = bits[n >>> 5]
    const bit = 1 << (n & 31)
    if (word === undefined || (word & bit) === 0) return -1
    return ranks![n >>> 5]! + popcount(word & (bit - 1))
  }

  /** `indexOf` by a search of the list, until it has been searched as often as making the bits costs. */
  private searched(n: number): number {
    if (--this.#searchesLeft < 0) {
      this.bits = bitsOf(this.numbers, this.size)
      this.ranks = rankTable(this.bits)
      return this.indexOf(n)
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

/**
 * Searches of a list that cost about what making its bits does (a pass over a word per 32 passages, twice): one per
 * 512 passages.
 */
const SEARCHES_PER_BITS = 512

/**
 * A bit per passage below `size`, set for `numbers`. Its own loop over a `Uint32Array`: `Bitset.of`, whose `addAll`
 * takes any list and keeps the words in use of a sparse set, took 1.2–1.3× as long for 780 000 numbers at 1M passages.
 */
function bitsOf(numbers: Uint32Array, size: number): Uint32Array {
  const bits = new Uint32Array((size + 31) >>> 5)
  for (let i = 0; i < numbers.length; i++) bits[numbers[i]! >>> 5]! |= 1 << (numbers[i]! & 31)
  return bits
}

/** How many set bits come before each word of `bits`. */
function rankTable(bits: Uint32Array): Uint32Array {
  const ranks = new Uint32Array(bits.length)
  for (let w = 1; w < bits.length; w++) ranks[w] = ranks[w - 1]! + popcount(bits[w - 1]!)
  return ranks
}
