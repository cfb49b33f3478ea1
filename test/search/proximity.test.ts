// Where a query's stems sit in a passage, on hand-made postings: each expected position, window and span is
// worked out by hand from the lists written here.

import { describe, expect, it } from 'vitest'
import { NO_STEM, type WordPostings } from '../../src/index/keyword-data.js'
import { bestSpan, followedWithin, positionsIn, positionsOfAny, smallestWindow, StemWords } from '../../src/search/proximity.js'

// Three words over passages 0–4: word 0 in passages 1 (positions 2, 7) and 3 (position 0); word 1 in passage 3
// (positions 4, 9); word 2 in passages 0 (position 5), 3 (position 1) and 4 (positions 3, 6).
const postings: WordPostings = {
  offsets: Uint32Array.from([0, 2, 3, 6]),
  docs: Uint32Array.from([1, 3, 3, 0, 3, 4]),
  positionOffsets: Uint32Array.from([0, 2, 3, 5, 6, 7, 9]),
  positions: Uint16Array.from([2, 7, 0, 4, 9, 5, 1, 3, 6]),
}
const list = (found: ArrayLike<number> | null) => (found ? Array.from(found) : null)

describe('positionsIn', () => {
  it('gives a word’s positions in a passage, or null when the passage lacks it', () => {
    expect(list(positionsIn(postings, 0, 1))).toEqual([2, 7])
    expect(list(positionsIn(postings, 0, 3))).toEqual([0])
    expect(list(positionsIn(postings, 1, 3))).toEqual([4, 9])
    expect(list(positionsIn(postings, 2, 0))).toEqual([5])
    expect(list(positionsIn(postings, 2, 3))).toEqual([1])
    expect(list(positionsIn(postings, 2, 4))).toEqual([3, 6])
  })

  it('null for a passage before, between or after the word’s passages', () => {
    expect(positionsIn(postings, 0, 0)).toBeNull()
    expect(positionsIn(postings, 0, 2)).toBeNull()
    expect(positionsIn(postings, 0, 4)).toBeNull()
    // Word 1's only passage is 3: passage 4 holds word 2, the next word, which must not be read as word 1's.
    expect(positionsIn(postings, 1, 4)).toBeNull()
    expect(positionsIn(postings, 1, 0)).toBeNull()
    expect(positionsIn(postings, 2, 1)).toBeNull()
    expect(positionsIn(postings, 2, 5)).toBeNull()
  })

  it('finds the passage by bisection among many', () => {
    // One word in the even passages 0–98, at position passage / 2.
    const docs = Uint32Array.from({ length: 50 }, (_, i) => 2 * i)
    const many: WordPostings = {
      offsets: Uint32Array.from([0, 50]),
      docs,
      positionOffsets: Uint32Array.from({ length: 51 }, (_, i) => i),
      positions: Uint16Array.from({ length: 50 }, (_, i) => i),
    }
    for (let doc = 0; doc < 100; doc++) expect(list(positionsIn(many, 0, doc)), `passage ${doc}`).toEqual(doc % 2 ? null : [doc / 2])
  })
})

describe('positionsOfAny', () => {
  it('merges the positions of several words in ascending order', () => {
    expect(positionsOfAny(postings, [1, 0, 2], 3)).toEqual([0, 1, 4, 9])
    expect(positionsOfAny(postings, Uint32Array.from([2, 0]), 1)).toEqual([2, 7])
    expect(positionsOfAny(postings, [2, 1], 0)).toEqual([5])
  })

  it('empty when the passage holds none of them, or none is asked', () => {
    expect(positionsOfAny(postings, [0, 1], 0)).toEqual([])
    expect(positionsOfAny(postings, [], 3)).toEqual([])
  })

  it('a single word’s positions as stored', () => {
    expect(positionsOfAny(postings, [2], 4)).toEqual([3, 6])
  })
})

describe('smallestWindow', () => {
  it('is the length in positions of the smallest span holding one position of each list', () => {
    expect(smallestWindow([[3], [3]])).toBe(1)
    expect(smallestWindow([[0], [4]])).toBe(5)
    expect(smallestWindow([[4], [0]])).toBe(5)
    // 10 and 12 (length 3) beat 0 and 5 (length 6), found only after moving past the first window.
    expect(smallestWindow([[0, 10, 20], [5, 12]])).toBe(3)
    // 3, 5, 6: the three lists' closest positions.
    expect(smallestWindow([[1, 6, 30], [5, 20], [3, 31]])).toBe(4)
    // The best window is the last one reached: 30, 31, 32.
    expect(smallestWindow([[0, 30], [10, 31], [20, 32]])).toBe(3)
  })

  it('one list: a window of one position', () => {
    expect(smallestWindow([[7, 9]])).toBe(1)
  })
})

describe('followedWithin', () => {
  it('whether some position of the second list comes after one of the first by at most the gap', () => {
    expect(followedWithin([2], [4], 2)).toBe(true)
    expect(followedWithin([2], [5], 2)).toBe(false)
    // The same position is not "after".
    expect(followedWithin([4], [4], 3)).toBe(false)
    // Before is not after.
    expect(followedWithin([5], [1, 2, 3], 10)).toBe(false)
    // The first position of the first list is too far; a later one is followed closely.
    expect(followedWithin([0, 20], [10, 21], 1)).toBe(true)
    expect(followedWithin([0, 20], [10, 23], 1)).toBe(false)
    expect(followedWithin([], [1], 5)).toBe(false)
    expect(followedWithin([1], [], 5)).toBe(false)
  })
})

describe('bestSpan', () => {
  it('the largest weight of distinct terms found within a width of positions', () => {
    // Terms 0 (weight 1) at 0 and 10, term 1 (weight 2) at 12, term 2 (weight 4) at 30.
    const lists = [[0, 10], [12], [30]]
    const weights = [1, 2, 4]
    // Width 3 holds 10 and 12 (positions 10, 11, 12): 1 + 2; the single term 2 weighs more.
    expect(bestSpan(lists, weights, 3)).toBe(4)
    // Width 2 cannot hold 10 and 12.
    expect(bestSpan([[0, 10], [12]], [1, 2], 2)).toBe(2)
    expect(bestSpan([[0, 10], [12]], [1, 2], 3)).toBe(3)
    // Width 21 holds 10, 12 and 30.
    expect(bestSpan(lists, weights, 21)).toBe(7)
    expect(bestSpan(lists, weights, 20)).toBe(6)
  })

  it('a term counted once however often it repeats in the window, and dropped when its last position leaves it', () => {
    expect(bestSpan([[1, 2, 3]], [5], 10)).toBe(5)
    // Term 0 at 0 and 4, term 1 at 9: with width 6, the window at 9 keeps 4 (term 0) only if 9 − 4 < 6.
    expect(bestSpan([[0, 4], [9]], [1, 1], 6)).toBe(2)
    expect(bestSpan([[0, 4], [9]], [1, 1], 5)).toBe(1)
    // Term 0 at 0 and 5, term 1 at 3: term 0 leaves at 0 but comes back at 5, so 3 and 5 hold both.
    expect(bestSpan([[0, 5], [3]], [1, 2], 3)).toBe(3)
    // Term 0 (weight 4) at 0 only: once 0 has left the window, its weight goes with it.
    expect(bestSpan([[0], [3, 9]], [4, 1], 4)).toBe(5)
    expect(bestSpan([[0], [9]], [4, 1], 4)).toBe(4)
  })

  it('more positions than its reused arrays first hold, and more terms', () => {
    // Term 0 at every even position below 1000, term 1 at 999, terms 2–39 each at 2000 + its number: width 2 holds
    // 998 and 999 (1 + 2); the 38 terms at 2002–2039 are never within 12 of each other all at once.
    const lists = [Array.from({ length: 500 }, (_, i) => 2 * i), [999], ...Array.from({ length: 38 }, (_, t) => [2002 + t])]
    const weights = [1, 2, ...Array.from({ length: 38 }, () => 0.5)]
    expect(bestSpan(lists, weights, 2)).toBe(3)
    expect(bestSpan(lists, weights, 12)).toBe(6)
    // A 41st term, alone at 3000, outweighs them all.
    expect(bestSpan([...lists, [3000]], [...weights, 10], 2)).toBe(10)
    expect(bestSpan([[5]], [7], 1)).toBe(7)
  })

  it('nothing found weighs 0', () => {
    expect(bestSpan([[], []], [1, 2], 5)).toBe(0)
    expect(bestSpan([], [], 5)).toBe(0)
  })
})

describe('StemWords', () => {
  // Terms: 0 protect, 1 migr, 2 trafic. Words (ids in the order written): protection, migrants, trafic, protege,
  // de (a stop word: no term), migrant, protections.
  const data = {
    terms: ['protect', 'migr', 'trafic'],
    words: ['protection', 'migrants', 'trafic', 'protege', 'de', 'migrant', 'protections'],
    wordStems: Uint32Array.from([0, 1, 2, 0, NO_STEM, 1, 0]),
  }

  it('lists the words of each stem, ids ascending', () => {
    const byStem = new StemWords(data)
    expect(Array.from(byStem.wordsOf(0))).toEqual([0, 3, 6])
    expect(Array.from(byStem.wordsOf(1))).toEqual([1, 5])
    expect(Array.from(byStem.wordsOf(2))).toEqual([2])
  })

  it('prepared first, answers the same', () => {
    const byStem = new StemWords(data)
    byStem.prepare()
    byStem.prepare()
    expect(Array.from(byStem.wordsOf(0))).toEqual([0, 3, 6])
    expect(Array.from(byStem.wordsOf(1))).toEqual([1, 5])
  })

  it('a stem no word has: no words; a term after the last word’s stem too', () => {
    const byStem = new StemWords({ terms: ['a', 'b', 'c'], wordStems: Uint32Array.from([1]) })
    expect(Array.from(byStem.wordsOf(0))).toEqual([])
    expect(Array.from(byStem.wordsOf(1))).toEqual([0])
    expect(Array.from(byStem.wordsOf(2))).toEqual([])
  })
})

describe('the survivors of the first Stryker run (session 7)', () => {
  it('positionsIn does not read the next word’s first passage as its own', () => {
    // Word 0 in passage 1 only; word 1 in passage 5.
    const two: WordPostings = { offsets: Uint32Array.from([0, 1, 2]), docs: Uint32Array.from([1, 5]), positionOffsets: Uint32Array.from([0, 1, 2]), positions: Uint16Array.from([3, 8]) }
    expect(positionsIn(two, 0, 5)).toBeNull()
    expect(list(positionsIn(two, 1, 5))).toEqual([8])
  })

  it('bestSpan orders the positions of all terms before sliding the window', () => {
    // Term 0 at 20, term 1 at 0: never within a width of 2, whichever term is listed first.
    expect(bestSpan([[20], [0]], [1, 1], 2)).toBe(1)
    expect(bestSpan([[20], [0, 21]], [1, 1], 2)).toBe(2)
  })

  it('StemWords lists every word of a larger vocabulary under its one stem, ids ascending', () => {
    const byStem = new StemWords({ terms: ['x'], wordStems: new Uint32Array(300) })
    expect(Array.from(byStem.wordsOf(0))).toEqual([...Array(300).keys()])
  })
})
