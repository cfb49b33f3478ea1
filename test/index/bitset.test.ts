// The match set as bits: its count, emptiness and listings against a plain set of the same numbers, on sizes that
// end inside a word and sets whose numbers sit on word edges (0, 31, 32, the last).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'

const sets = fc.integer({ min: 1, max: 300 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    numbers: fc.uniqueArray(fc.oneof(fc.integer({ min: 0, max: size - 1 }), fc.constantFrom(0, Math.min(31, size - 1), Math.min(32, size - 1), size - 1)), { maxLength: size }),
  }),
)

describe('a bitset', () => {
  it('counts, lists and says empty exactly the numbers put in, ascending', () => {
    fc.assert(
      fc.property(sets, ({ size, numbers }) => {
        const set = Bitset.of(size, numbers)
        const expected = [...new Set(numbers)].sort((a, b) => a - b)
        expect(set.count()).toBe(expected.length)
        expect(set.isEmpty()).toBe(expected.length === 0)
        expect([...set.toArray()]).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('is empty when every number was taken out again', () => {
    const set = Bitset.of(100, [3, 64, 99])
    for (const n of [3, 64]) set.delete(n)
    expect(set.isEmpty()).toBe(false)
    set.delete(99)
    expect(set.isEmpty()).toBe(true)
    expect(set.count()).toBe(0)
    expect([...set.toArray()]).toEqual([])
  })
})
