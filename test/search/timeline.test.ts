import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { buildTimeline } from '../../src/search/timeline.js'
import { phraseForm } from '../../src/text/analyzer.js'
import type { DocumentMeta, Passage } from '../../src/types.js'
import { seedEngine, getJson } from '../helpers.js'

let app: ReturnType<typeof createApp>
let passageText: (id: string) => string
beforeAll(async () => {
  const { engine } = await seedEngine()
  app = createApp(engine)
  passageText = (id) => engine.passage(id)!.passage.text
})

const get = (path: string) => getJson(app, path)

describe('GET /timeline', () => {
  it('counts every passage containing a phrase per year and per document, and lists them', async () => {
    const { status, body } = await get('/timeline?q=' + encodeURIComponent('"techniques d\'enquête spéciales"'))
    expect(status).toBe(200)
    expect(body.total).toBe(8)
    // The 2015 compendium's four restate recommendations adopted in 2012 (¶37, ¶87) and 2013 (¶43, ¶44): they count
    // in those years, as its section headings say (« adoptées … à sa deuxième réunion, tenue à Vienne du 11 au 13
    // novembre 2013 »).
    expect(body.years.map((y: any) => [y.year, y.count])).toEqual([
      [2012, 4],
      [2013, 2],
      [2021, 2],
    ])
    const listed = body.years.flatMap((y: any) => y.documents.flatMap((d: any) => d.passages.map((p: string) => p.replace(/_[0-9a-f]+/, ''))))
    expect(listed).toEqual(['000.p17', '000.p56', '001.p37', '001.p87', '001.p43', '001.p44', '003.r10', '003.p18'])
    expect(body.years[1].documents).toMatchObject([{ symbol: 'CTOC/COP/WG.7/2015/5', shortName: 'CTOC/COP/WG.7/2015/5', count: 2 }])
    // Each one holds the phrase, OCR spelling included (2012: « techniques d’enquéte spéciales »).
    for (const id of body.years.flatMap((y: any) => y.documents.flatMap((d: any) => d.passages))) {
      expect(` ${phraseForm(passageText(id))} `).toContain(' techniques enquete speciales ')
    }
  })

  it('for a free query, lists exactly what a keyword search matches', async () => {
    const { body: timeline } = await get('/timeline?q=t%C3%A9moins')
    const { body: search } = await get('/search?q=t%C3%A9moins&mode=keyword&k=100')
    // « témoins » (any form, typos tolerated) is in 2012 ¶12–13, their 2015 restatements ¶34–35, 2021's
    // Recommendation 6 and 2022 ¶20: six passages (a regular expression over the seeds' passages).
    expect(timeline.total).toBe(6)
    expect(timeline.total).toBe(search.total)
    const listed = timeline.years.flatMap((y: any) => y.documents.flatMap((d: any) => d.passages)).sort()
    expect(listed).toEqual(search.results.map((r: any) => r.id).sort())
    expect(timeline.years.map((y: any) => [y.year, y.count])).toEqual(search.facets.year.map((f: any) => [f.value, f.count]))
  })

  it('takes the filters of /search', async () => {
    const { body } = await get('/timeline?q=' + encodeURIComponent('"techniques d\'enquête spéciales"') + '&yearFrom=2013&kind=recommendation')
    expect(body.years.map((y: any) => [y.year, y.count])).toEqual([
      [2013, 2],
      [2021, 1],
    ])
  })

  it('answers 400 without a query', async () => {
    const { status, body } = await get('/timeline')
    expect(status).toBe(400)
    expect(body.error.code).toBe('QUERY_EMPTY')
  })
})

describe('buildTimeline', () => {
  const doc = (id: string, year: number | null): DocumentMeta =>
    ({ id, file: `${id}.txt`, symbol: '', title: id, date: '', year, meeting: '', kind: 'meeting-report', sha256: '' }) as DocumentMeta
  const passage = (id: string, order: number) => ({ id, docId: id.split('.')[0]!, order }) as Passage
  const passages = new Map([passage('b.p2', 2), passage('b.p1', 1), passage('a.p1', 1), passage('c.p1', 1)].map((p) => [p.id, p]))

  it('orders years oldest first (unknown last), documents in corpus order, passages in document order', () => {
    const timeline = buildTimeline('q', ['b.p2', 'c.p1', 'a.p1', 'b.p1', 'b.p1'], (id) => passages.get(id)!, [doc('a', 2015), doc('b', 2012), doc('c', null)])
    expect(timeline.total).toBe(4)
    expect(timeline.years.map((y) => [y.year, y.count, y.documents.map((d) => d.passages)])).toEqual([
      [2012, 2, [['b.p1', 'b.p2']]],
      [2015, 1, [['a.p1']]],
      [null, 1, [['c.p1']]],
    ])
  })
})
