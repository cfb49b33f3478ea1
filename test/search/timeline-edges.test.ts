// A query's timeline on hand-made documents and passages: every field of an entry, a passage's own year, the year
// of unknown documents, counts added per year. The HTTP route is tested in timeline.test.ts.

import { describe, expect, it } from 'vitest'
import { buildTimeline } from '../../src/search/timeline.js'
import type { DocumentMeta, Passage } from '../../src/types.js'

const doc = (id: string, year: number | null, more: Partial<DocumentMeta> = {}): DocumentMeta =>
  ({ id, file: `${id}.pdf`, symbol: `SYM/${id}`, title: `Titre ${id}`, date: '', year, meeting: '', kind: 'meeting-report', sha256: '', ...more }) as DocumentMeta
const passage = (id: string, order: number, adopted?: number) => ({ id, docId: id.split('.')[0]!, order, adopted }) as Passage & { adopted?: number }

// a (2012): a.1, a.2, a.3; b (2015) restates a 2012 recommendation in b.2; c (2015); d (unknown year).
const passages = new Map(
  [passage('a.1', 1), passage('a.2', 2), passage('a.3', 3), passage('b.1', 1), passage('b.2', 2, 2012), passage('b.3', 3), passage('c.1', 1), passage('d.1', 1)].map((p) => [p.id, p]),
)
const documents = [doc('a', 2012), doc('b', 2015), doc('c', 2015, { symbol: '', title: '', file: 'c.docx' }), doc('d', null, { shortName: 'Note (d)' })]
const of = (id: string) => passages.get(id)!

describe('buildTimeline', () => {
  it('gives each document its id, file, symbol, title, short name, count and passages', () => {
    const timeline = buildTimeline('trafic', ['a.2', 'a.1'], of, documents)
    expect(timeline).toEqual({
      query: 'trafic',
      total: 2,
      years: [
        {
          year: 2012,
          count: 2,
          documents: [{ id: 'a', file: 'a.pdf', symbol: 'SYM/a', title: 'Titre a', shortName: 'SYM/a', count: 2, passages: ['a.1', 'a.2'] }],
        },
      ],
    })
  })

  it('names a document by its stored short name, else as headings would', () => {
    const timeline = buildTimeline('q', ['c.1', 'd.1'], of, documents)
    expect(timeline.years.map((y) => y.documents.map((d) => d.shortName))).toEqual([['c.docx'], ['Note (d)']])
  })

  it('adds the counts of a year’s documents, in corpus order', () => {
    const timeline = buildTimeline('q', ['c.1', 'b.3', 'b.1'], of, documents)
    expect(timeline.years).toEqual([
      {
        year: 2015,
        count: 3,
        documents: [
          expect.objectContaining({ id: 'b', count: 2, passages: ['b.1', 'b.3'] }),
          expect.objectContaining({ id: 'c', count: 1, passages: ['c.1'] }),
        ],
      },
    ])
  })

  it('puts a passage under the year yearOf gives it, its document under both years', () => {
    const adoptedOr = (p: Passage) => (p as Passage & { adopted?: number }).adopted ?? documents.find((d) => d.id === p.docId)!.year
    const timeline = buildTimeline('q', ['b.1', 'b.2', 'a.3', 'd.1'], of, documents, adoptedOr)
    expect(timeline.total).toBe(4)
    expect(timeline.years.map((y) => [y.year, y.count, y.documents.map((d) => [d.id, d.count, d.passages])])).toEqual([
      [2012, 2, [['a', 1, ['a.3']], ['b', 1, ['b.2']]]],
      [2015, 1, [['b', 1, ['b.1']]]],
      [null, 1, [['d', 1, ['d.1']]]],
    ])
  })

  it('without yearOf, every passage takes its document’s year', () => {
    const timeline = buildTimeline('q', ['b.2', 'a.1'], of, documents)
    expect(timeline.years.map((y) => [y.year, y.documents.map((d) => d.passages)])).toEqual([
      [2012, [['a.1']]],
      [2015, [['b.2']]],
    ])
  })

  it('sorts years numerically, unknown last, whatever order the documents come in', () => {
    const shuffled = [doc('d', null), doc('x', 2009), doc('c', 2015), doc('a', 2012)]
    const more = new Map([...passages, ['x.1', passage('x.1', 1)]])
    const timeline = buildTimeline('q', ['d.1', 'c.1', 'x.1', 'a.1'], (id) => more.get(id)!, shuffled)
    expect(timeline.years.map((y) => y.year)).toEqual([2009, 2012, 2015, null])
  })

  it('counts a passage listed twice once, and answers nothing for no match', () => {
    expect(buildTimeline('q', ['a.1', 'a.1'], of, documents).total).toBe(1)
    expect(buildTimeline('q', [], of, documents)).toEqual({ query: 'q', total: 0, years: [] })
  })
})
