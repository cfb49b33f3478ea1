import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { popcount } from '../../src/binary/popcount.js'

describe('popcount', () => {
  it('counts the bits of words chosen by hand', () => {
    expect(popcount(0)).toBe(0)
    expect(popcount(1)).toBe(1)
    expect(popcount(0b1011_0000)).toBe(3)
    expect(popcount(0xffffffff)).toBe(32)
    expect(popcount(-1)).toBe(32)
    expect(popcount(0x80000000)).toBe(1)
    expect(popcount(0x7fffffff)).toBe(31)
  })

  it('agrees with counting the bits one by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), (word) => {
        let count = 0
        for (let bit = 0; bit < 32; bit++) if ((word >>> bit) & 1) count++
        expect(popcount(word)).toBe(count)
      }),
      { numRuns: 2_000 },
    )
  })
})
