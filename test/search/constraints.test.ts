// A request's hard constraints on six hand-written passages (the engine's use of them is tested on the seeds and in
// exactness.test.ts): each expected set below is read off the table by hand.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { keywordDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { Constraints, intersect, NO_YEAR } from '../../src/search/constraints.js'
import { parseQuery } from '../../src/search/query.js'
import type { DocumentMeta, Passage, PassageKind } from '../../src/types.js'

const documents = [
  { id: '001_a', file: 'a.pdf', symbol: 'S/A', title: 'A', date: '', year: 2012, meeting: '', kind: 'meeting-report', sha256: '' },
  { id: '002_b', file: 'b.pdf', symbol: '', title: 'B', date: '', year: 2015, meeting: '', kind: 'meeting-report', sha256: '' },
  { id: 'C', file: 'c.txt', symbol: 'S/C', title: 'C', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' },
] as DocumentMeta[]

// Passage number → text, document, kind, year (the year column as the engine would fill it).
const table: Array<[string, number, PassageKind, number]> = [
  ['La protection des témoins est assurée.', 0, 'recommendation', 2012],
  ['Les témoins de la traite sont protégés.', 0, 'narrative', 2012],
  ['La traite des personnes et la protection des témoins.', 1, 'deliberation', 2015],
  ['Le trafic de migrants par mer.', 1, 'narrative', 2015],
  ['De la mer et de la terre.', 2, 'narrative', NO_YEAR],
  ['Protection des témoins de la traite.', 2, 'recommendation', NO_YEAR],
]
const KIND_NUMBER: Record<PassageKind, number> = { recommendation: 0, deliberation: 1, narrative: 2 }

/**
 * Built afresh for each use, inside the tests: not when the file loads (Stryker would count it as static) nor
 * memoised (Stryker would count the constructor as covered by the first test only, and run only that one against its
 * mutants).
 */
function constraints(): Constraints {
  const passages: Passage[] = table.map(([text, document, kind], order) => ({
    id: `p${order}`, docId: documents[document]!.id, file: documents[document]!.file, paragraph: String(order + 1), section: [], start: 0, end: text.length, text, kind, order,
  }))
  const columns = {
    year: Int32Array.from(table.map(([, , , year]) => year)),
    document: Uint32Array.from(table.map(([, document]) => document)),
    kind: Uint8Array.from(table.map(([, , kind]) => KIND_NUMBER[kind])),
  }
  return new Constraints(columns, documents, KeywordIndex.build(passages.map(keywordDocument)))
}

const numbers = (set: Bitset | null) => (set ? [...set.toArray()] : null)

describe('Constraints.filterSets', () => {
  it('sets nothing for a request without filters, or with empty lists', () => {
    expect(constraints().filterSets({})).toEqual({ year: null, document: null, kind: null })
    expect(constraints().filterSets({ doc: [], kind: [] })).toEqual({ year: null, document: null, kind: null })
  })

  it('keeps the years within the bounds, each bound included, and never a passage of unknown year', () => {
    const years = (yearFrom?: number, yearTo?: number) => numbers(constraints().filterSets({ yearFrom, yearTo }).year)
    expect(years(2012, 2015)).toEqual([0, 1, 2, 3])
    expect(years(2015)).toEqual([2, 3])
    expect(years(2016)).toEqual([])
    expect(years(undefined, 2012)).toEqual([0, 1])
    expect(years(undefined, 2011)).toEqual([])
    expect(years(2013, 2014)).toEqual([])
    expect(years(2012, 2012)).toEqual([0, 1])
  })

  it('keeps a document named by id, file, symbol or id prefix, and ignores names of no document', () => {
    const docs = (...doc: string[]) => numbers(constraints().filterSets({ doc }).document)
    expect(docs('001_a')).toEqual([0, 1])
    expect(docs('b.pdf')).toEqual([2, 3])
    expect(docs('S/C')).toEqual([4, 5])
    expect(docs('002')).toEqual([2, 3])
    expect(docs('S/A', 'c.txt')).toEqual([0, 1, 4, 5])
    expect(docs('nothing', '002_b')).toEqual([2, 3])
    // A prefix is the part before `_`, not any start of the id; an empty name is no symbol, even of a document without one.
    expect(docs('00')).toEqual([])
    expect(docs('')).toEqual([])
    expect(docs('nothing')).toEqual([])
  })

  it('keeps the kinds asked for', () => {
    expect(numbers(constraints().filterSets({ kind: ['recommendation'] }).kind)).toEqual([0, 5])
    expect(numbers(constraints().filterSets({ kind: ['deliberation', 'narrative'] }).kind)).toEqual([1, 2, 3, 4])
  })

  it('sets each filter on its own', () => {
    const sets = constraints().filterSets({ yearFrom: 2015, doc: ['C'], kind: ['narrative'] })
    expect([numbers(sets.year), numbers(sets.document), numbers(sets.kind)]).toEqual([[2, 3], [4, 5], [1, 3, 4]])
  })
})

describe('Constraints.filterSets on generated columns', () => {
  // Passages of any document, kind and year in any order (documents interleaved, as the numbering allows): each filter
  // keeps exactly the passages a test of each passage's values keeps. The keyword index is a fake: filters never read it.
  const notRead = null as unknown as KeywordIndex
  const corpora = fc.record({
    passages: fc.array(fc.tuple(fc.nat(4), fc.constantFrom<PassageKind>('recommendation', 'deliberation', 'narrative'), fc.constantFrom(NO_YEAR, 2010, 2011, 2013, 2015)), { minLength: 1, maxLength: 700 }),
    yearFrom: fc.option(fc.integer({ min: 2009, max: 2016 }), { nil: undefined }),
    yearTo: fc.option(fc.integer({ min: 2009, max: 2016 }), { nil: undefined }),
    doc: fc.uniqueArray(fc.constantFrom<string>('001_a', '002_b', 'C', 'D', 'E', 'nothing'), { maxLength: 3 }),
    kind: fc.uniqueArray(fc.constantFrom<PassageKind>('recommendation', 'deliberation', 'narrative'), { maxLength: 2 }),
  })
  const fiveDocuments = [...documents, { ...documents[2]!, id: 'D', file: 'd.txt', symbol: '' }, { ...documents[2]!, id: 'E', file: 'e.txt', symbol: '' }] as DocumentMeta[]

  it('keeps exactly the passages whose year, document or kind passes', () => {
    fc.assert(
      fc.property(corpora, ({ passages, yearFrom, yearTo, doc, kind }) => {
        const columns = {
          year: Int32Array.from(passages.map(([, , year]) => year)),
          document: Uint32Array.from(passages.map(([document]) => document)),
          kind: Uint8Array.from(passages.map(([, k]) => KIND_NUMBER[k])),
        }
        const sets = new Constraints(columns, fiveDocuments, notRead).filterSets({ yearFrom, yearTo, doc, kind })
        const where = (keep: (p: (typeof passages)[number]) => boolean) => passages.flatMap((p, n) => (keep(p) ? [n] : []))
        const years = yearFrom === undefined && yearTo === undefined ? null : where(([, , y]) => y !== NO_YEAR && (yearFrom ?? -Infinity) <= y && y <= (yearTo ?? Infinity))
        const kept = fiveDocuments.map((d) => doc.includes(d.id))
        expect(numbers(sets.year)).toEqual(years)
        expect(numbers(sets.document)).toEqual(doc.length ? where(([d]) => kept[d]!) : null)
        expect(numbers(sets.kind)).toEqual(kind.length ? where(([, k]) => kind.includes(k)) : null)
      }),
      { numRuns: 300 },
    )
  })
})

describe('Constraints.required', () => {
  const required = (q: string, deadline?: number) => {
    const { set, leftOut } = constraints().required(parseQuery(q), deadline)
    return { set: numbers(set), leftOut }
  }

  it('is null for a query with neither a phrase nor an exclusion', () => {
    expect(required('protection témoins')).toEqual({ set: null, leftOut: [] })
  })

  it('keeps the passages holding every phrase, stop words and all', () => {
    expect(required('"protection des témoins"').set).toEqual([0, 2, 5])
    expect(required('"de la"').set).toEqual([1, 4, 5])
    expect(required('"protection des témoins" "de la"').set).toEqual([5])
  })

  it('drops the passages holding an excluded word as typed, with or without a phrase', () => {
    expect(required('-traite').set).toEqual([0, 3, 4])
    expect(required('-traite -mer').set).toEqual([0])
    expect(required('"protection des témoins" -traite')).toEqual({ set: [0], leftOut: [] })
  })

  it('past the deadline applies no exclusion and lists each one left out', () => {
    expect(required('-traite -mer', -1)).toEqual({ set: [0, 1, 2, 3, 4, 5], leftOut: ['traite', 'mer'] })
    expect(required('"protection des témoins" -traite', -1)).toEqual({ set: [0, 2, 5], leftOut: ['traite'] })
  })
})

describe('Constraints, the rest', () => {
  it('numbers the distinct years in the order passages first give them', () => {
    const { columns } = constraints()
    expect(columns.years).toEqual([2012, 2015, NO_YEAR])
    expect([...columns.yearSlot]).toEqual([0, 0, 1, 1, 2, 2])
    expect(constraints().size).toBe(6)
  })

  it('ofKind: the passages of one kind', () => {
    expect(numbers(constraints().ofKind('recommendation'))).toEqual([0, 5])
    expect(numbers(constraints().ofKind('deliberation'))).toEqual([2])
  })

  it('document: by id, file, symbol or id prefix; null otherwise', () => {
    const id = (ref: string) => constraints().document(ref)?.id ?? null
    expect([id('C'), id('a.pdf'), id('S/A'), id('001'), id('002')]).toEqual(['C', '001_a', '001_a', '001_a', '002_b'])
    expect([id(''), id('0'), id('c'), id('S/')]).toEqual([null, null, null, null])
  })

  it('intersect: null when no set is given, a copy of a lone set, the common part of several', () => {
    expect(intersect()).toBeNull()
    expect(intersect(null, null)).toBeNull()
    const a = Bitset.of(70, [1, 2, 40, 65])
    const b = Bitset.of(70, [2, 3, 40])
    const lone = intersect(null, a)!
    expect(numbers(lone)).toEqual([1, 2, 40, 65])
    lone.delete(1)
    expect(a.has(1)).toBe(true)
    expect(numbers(intersect(a, null, b))).toEqual([2, 40])
    expect(numbers(a)).toEqual([1, 2, 40, 65])
  })
})
