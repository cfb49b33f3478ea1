// Ranks of a few targets within a long ranking, against counting every member one by one.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countBefore } from '../../src/index/rank-count.js'

describe('countBefore', () => {
  it('counts, for each target in its own order, the members before it: the same as comparing every member with it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), (scores, picks) => {
        // Members are passage numbers ranked by score (ties: smaller number first), targets some of them.
        const before = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b)
        const members = scores.map((_, n) => n)
        const targets = picks.map((p) => p % scores.length)
        const expected = targets.map((t) => members.filter((m) => before(m, t)).length)
        expect(countBefore(members, targets, { targets: before, member: before })).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('counts no member its first test turns away, whatever it would be compared', () => {
    const before = (a: number, b: number) => a < b
    // Odd members are not to be counted.
    const counts = countBefore([0, 1, 2, 3, 4, 5, 6], [6, 3], { targets: before, member: before, counts: (m, last) => m % 2 === 0 && before(m, last) })
    expect(counts).toEqual([3, 2])
  })
})
