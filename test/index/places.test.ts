// Where a number sits in an ascending list: the same answer whether the list is long enough to keep a bit per
// passage (one number in 256 passages or more) or short enough to be searched, members and others alike.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Places } from '../../src/index/places.js'

const lists = fc.integer({ min: 1, max: 5000 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    numbers: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { maxLength: 80 }),
    probes: fc.array(fc.integer({ min: 0, max: size + 40 }), { maxLength: 40 }),
  }),
)

describe('places in an ascending list', () => {
  it('finds each member at its index and every other number nowhere, few numbers or many', () => {
    fc.assert(
      fc.property(lists, ({ size, numbers, probes }) => {
        const sorted = Uint32Array.from(numbers).sort()
        const places = new Places(sorted, size)
        const expected = (n: number) => [...sorted].indexOf(n)
        for (const n of [...numbers, ...probes, 0, size - 1]) expect(places.indexOf(n)).toBe(expected(n))
      }),
      { numRuns: 1000 },
    )
  })

  it('answers from bits it is handed', () => {
    const sorted = Uint32Array.of(3, 40, 41, 99)
    const bits = new Uint32Array(4)
    for (const n of sorted) bits[n >>> 5]! |= 1 << (n & 31)
    const places = new Places(sorted, 100, bits)
    expect([3, 40, 41, 99, 42, 0].map((n) => places.indexOf(n))).toEqual([0, 1, 2, 3, -1, -1])
  })
})
