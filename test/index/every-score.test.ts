// The kept scores of every match (`EveryScore`): a head of any depth and the ranks of given passages, against a
// plain sort of the same scores — on scores packed closer than the rounding step, where only exact tie handling works.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { EveryScore, roundScore } from '../../src/index/keyword-query.js'

// Passages scored on a grid of a third of the rounding step, so that many round to the same value and many sit a
// fraction of a step apart; `order` is each passage's place in id order.
const corpus = fc
  .integer({ min: 2, max: 120 })
  .chain((size) =>
    fc.record({
      steps: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: size, maxLength: size }),
      order: fc.shuffledSubarray([...Array(size).keys()], { minLength: size, maxLength: size }),
      allowedMask: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
      k: fc.integer({ min: 1, max: size + 2 }),
      targets: fc.uniqueArray(fc.integer({ min: 0, max: size - 1 }), { minLength: 1, maxLength: 12 }),
    }),
  )

function setUp({ steps, order, allowedMask }: { steps: number[]; order: number[]; allowedMask: boolean[] }) {
  const size = steps.length
  const total = Float64Array.from(steps, (s) => 3 + s * (1e-4 / 3))
  // Every passage but those on step 0 matched, once each, in an order unlike the scores'.
  const sources = Uint16Array.from(steps, (s) => (s === 0 ? 0 : 1))
  const matched = [...Array(size).keys()].filter((doc) => sources[doc]! > 0).reverse()
  const idOrder = Uint32Array.from(order)
  const allowed = new Bitset(size)
  allowedMask.forEach((yes, doc) => yes && allowed.add(doc))
  const ranked = (filter: Bitset | null) =>
    matched
      .filter((doc) => !filter || filter.has(doc))
      .sort((a, b) => roundScore(total[b]!) - roundScore(total[a]!) || idOrder[a]! - idOrder[b]!)
  // The kept scores as `scoreEvery` makes them, moved out of its sums; in an index this size or 300 times as large
  // (most passages matching nothing), where a match's score is found by its bit, or by a search of the matches.
  const everyIn = (room: number) => {
    const sums = { total: new Float64Array(room), sources: new Uint16Array(room) }
    for (const doc of matched) {
      sums.total[doc] = total[doc]!
      sums.sources[doc] = sources[doc]!
    }
    const every = EveryScore.fromSums(sums.total, sums.sources, matched, room)
    expect(sums.total.every((x) => x === 0) && sums.sources.every((x) => x === 0)).toBe(true)
    return every
  }
  return { everies: [everyIn(size), everyIn(size * 300)], idOrder, allowed, ranked, total }
}

describe('kept scores of every match', () => {
  it('give, for any depth and any allowed subset, the start of the ranking by rounded score then id', () => {
    fc.assert(
      fc.property(corpus, (input) => {
        const { everies, idOrder, allowed, ranked } = setUp(input)
        for (const every of everies) {
          for (const filter of [null, allowed]) {
            expect(every.top(input.k, filter, idOrder).map((hit) => hit.doc)).toEqual(ranked(filter).slice(0, input.k))
          }
        }
      }),
      { numRuns: 400 },
    )
  })

  it('count, for any passages, how many allowed matches rank before each', () => {
    fc.assert(
      fc.property(corpus, (input) => {
        const { everies, idOrder, allowed, ranked, total } = setUp(input)
        for (const every of everies) {
          for (const filter of [null, allowed]) {
            const list = ranked(filter)
            const targets = input.targets.map((doc) => ({ rounded: roundScore(total[doc]!), order: idOrder[doc]! }))
            const expected = targets.map((t) => list.filter((doc) => roundScore(total[doc]!) > t.rounded || (roundScore(total[doc]!) === t.rounded && idOrder[doc]! < t.order)).length)
            expect(every.countAt(targets, filter, idOrder)).toEqual(expected)
          }
        }
      }),
      { numRuns: 400 },
    )
  })
})
