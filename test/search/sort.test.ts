// The date orders of a result list, on hand-made hits: every rule of the comparison in its own case.

import { describe, expect, it } from 'vitest'
import { sortHits, type PassageDate } from '../../src/search/sort.js'

const when: Record<string, PassageDate> = {
  // Relevance order of the hits: r15, e2, r12, u1, a12, u2, e1, b12, c12.
  r15: { year: 2015, date: '2015-06-01', documentOrder: 1, order: 4 },
  // A 2012 recommendation restated in the 2015 document: it sorts with 2012, before the 2012 report itself.
  r12: { year: 2012, date: '2015-06-01', documentOrder: 1, order: 9 },
  u1: { year: null, date: '', documentOrder: 3, order: 1 },
  a12: { year: 2012, date: '2012-05-30', documentOrder: 0, order: 7 },
  u2: { year: null, date: '', documentOrder: 2, order: 1 },
  b12: { year: 2012, date: '2012-05-30', documentOrder: 0, order: 2 },
  // Same year and date as a12/b12 but a later document of the corpus.
  c12: { year: 2012, date: '2012-05-30', documentOrder: 4, order: 0 },
  // Two passages no rule tells apart: they keep their relevance order (e2 first) either way.
  e1: { year: 2013, date: '2013', documentOrder: 5, order: 3 },
  e2: { year: 2013, date: '2013', documentOrder: 5, order: 3 },
}
const relevance = ['r15', 'e2', 'r12', 'u1', 'a12', 'u2', 'e1', 'b12', 'c12']
const hits = relevance.map((id) => ({ id }))
const sorted = (order: Parameters<typeof sortHits>[1]) => sortHits(hits, order, (id) => when[id]!).map((h) => h.id)

describe('sortHits', () => {
  it('keeps the ranking for relevance or no order, as a new array', () => {
    expect(sorted('relevance')).toEqual(relevance)
    expect(sorted(undefined)).toEqual(relevance)
    expect(sortHits(hits, 'relevance', (id) => when[id]!)).not.toBe(hits)
  })

  it('date: oldest year, then date, then document, then reading order; unknown years last', () => {
    expect(sorted('date')).toEqual(['b12', 'a12', 'c12', 'r12', 'e2', 'e1', 'r15', 'u2', 'u1'])
  })

  it('-date: newest first, documents reversed, reading order kept; unknown years still last', () => {
    expect(sorted('-date')).toEqual(['r15', 'e2', 'e1', 'r12', 'c12', 'b12', 'a12', 'u1', 'u2'])
  })

  it('leaves the hits it was given in their order', () => {
    sorted('date')
    expect(hits.map((h) => h.id)).toEqual(['r15', 'e2', 'r12', 'u1', 'a12', 'u2', 'e1', 'b12', 'c12'])
  })

  it('dates within one year in order, whatever their relevance order', () => {
    // Six passages of 2012 in six documents (listed in reverse corpus order), ranked in no date order.
    const newestFirst = ['2012-12-01', '2012-10', '2012-07-14', '2012-05-30', '2012-03', '2012-01-15']
    const dated: Record<string, PassageDate> = Object.fromEntries(newestFirst.map((date, i) => [date, { year: 2012, date, documentOrder: i, order: 0 }]))
    const ranked = ['2012-05-30', '2012-12-01', '2012-01-15', '2012-10', '2012-03', '2012-07-14'].map((id) => ({ id }))
    expect(sortHits(ranked, 'date', (id) => dated[id]!).map((h) => h.id)).toEqual([...newestFirst].reverse())
    expect(sortHits(ranked, '-date', (id) => dated[id]!).map((h) => h.id)).toEqual(newestFirst)
  })
})
