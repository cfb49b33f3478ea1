// NgramMatches by passage number: each match's cosine and place found from bits, whatever order the n-gram index
// visits the passages in against the engine's numbering. The n-gram query is a fake: a fixed list of visits.

import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { NgramMatches } from '../../src/search/ngram-matches.js'
import type { TextQuery } from '../../src/search/retrieval.js'

/** A fake n-gram query visiting `visits` ([id, cosine], position = index in the list) whatever the floor. */
function fakeQuery(visits: Array<[string, number]>): TextQuery {
  return {
    forEachMatch(_floor: number, visit: (id: string, cosine: number, position: number) => void) {
      visits.forEach(([id, cosine], position) => visit(id, cosine, position))
    },
  } as unknown as TextQuery
}

function matchesOf(visits: Array<[string, number]>, numberOf: (id: string) => number | undefined, size: number, allowed: Bitset | null = null) {
  const query = fakeQuery(visits)
  return new NgramMatches([{}, {}], query, query.forEachMatch!, 0, size, numberOf, allowed)
}

describe('NgramMatches', () => {
  // 70 passages (three words of bits); the index lists them in the reverse of the numbering.
  const size = 70
  const numberOf = (id: string) => (id.startsWith('p') ? Number(id.slice(1)) : undefined)
  const visits: Array<[string, number]> = [
    ['p69', 0.5],
    ['p64', 0.9],
    ['p40', 0.5],
    ['p33', 0.2],
    ['p31', 0.7],
    ['p3', 0.5],
    ['p0', 0.1],
    ['ghost', 0.99],
  ]

  it('gives each match its cosine by number, and 0 to any other passage, when the index visits them out of order', () => {
    const matches = matchesOf(visits, numberOf, size)
    expect(Array.from(matches.numbers)).toEqual([0, 3, 31, 33, 40, 64, 69])
    expect([0, 3, 31, 33, 40, 64, 69].map((n) => matches.cosine(n))).toEqual([0.1, 0.5, 0.7, 0.2, 0.5, 0.9, 0.5])
    for (const n of [1, 2, 30, 32, 63, 65, 68]) expect(matches.cosine(n)).toBe(0)
    expect(matches.max).toBe(0.9)
    expect(matches.count).toBe(7)
  })

  it('ranks by cosine, a tie going to the passage the index lists first', () => {
    const matches = matchesOf(visits, numberOf, size)
    // 69, 40 and 3 tie at 0.5: the index lists 69 first, then 40, then 3.
    expect(matches.top(10)).toEqual([
      [64, 0.9],
      [31, 0.7],
      [69, 0.5],
      [40, 0.5],
      [3, 0.5],
      [33, 0.2],
      [0, 0.1],
    ])
    expect(matches.top(3)).toEqual(matches.top(10).slice(0, 3))
    expect(matches.before(69, 3)).toBe(true)
    expect(matches.before(3, 69)).toBe(false)
    expect(matches.before(33, 40)).toBe(false)
  })

  it('leaves out the matches outside the allowed passages', () => {
    const matches = matchesOf(visits, numberOf, size, Bitset.of(size, [3, 33, 64]))
    expect(Array.from(matches.numbers)).toEqual([3, 33, 64])
    expect(matches.cosine(31)).toBe(0)
    expect(matches.cosine(33)).toBe(0.2)
  })
})
