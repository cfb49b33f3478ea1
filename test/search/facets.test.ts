import { beforeAll, describe, expect, it } from 'vitest'
import { preferKind } from '../../src/search/facets.js'
import type { Engine, SearchRequest } from '../../src/search/engine.js'
import type { PassageKind } from '../../src/types.js'
import { createApp } from '../../src/server/app.js'
import { seedEngine, getJson } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

const sum = (values: Array<{ count: number }>) => values.reduce((total, v) => total + v.count, 0)
const facetsOf = async (request: SearchRequest) => {
  const response = await engine.search({ k: 100, ...request })
  const compact = {
    year: response.facets.year.map((f) => [f.value, f.count]),
    document: response.facets.document.map((f) => [f.value.slice(0, 3), f.count]),
    kind: response.facets.kind.map((f) => [f.value, f.count]),
  }
  return { response, compact }
}

describe('facets of /search', () => {
  it('count every match per year, document and kind, and each facet adds up to the total', async () => {
    // « témoins »: the witness-protection recommendations of 2012, their 2015 restatement, 2021, and one 2022 narrative.
    // A recommendation counts in the year it was adopted: the 2015 restatements of 2012 recommendations count in 2012.
    const { response, compact } = await facetsOf({ q: 'témoins', mode: 'keyword' })
    expect(response.total).toBe(6)
    expect(compact).toEqual({
      year: [[2012, 4], [2021, 1], [2022, 1]],
      document: [['000', 2], ['001', 2], ['002', 1], ['003', 1]],
      kind: [['recommendation', 5], ['narrative', 1]],
    })
    for (const facet of Object.values(response.facets)) expect(sum(facet)).toBe(response.total)
  })

  it('count the whole match list, not the page', async () => {
    const { response } = await facetsOf({ q: 'enquêtes financières', mode: 'keyword', k: 5 })
    expect(response.results.length).toBe(5)
    expect(sum(response.facets.year)).toBe(response.total)
    expect(response.total).toBeGreaterThan(50)
  })

  it('a filter narrows the other facets, while its own facet still shows the values it leaves out', async () => {
    const { response, compact } = await facetsOf({ q: 'témoins', mode: 'keyword', kind: ['recommendation'] })
    expect(response.total).toBe(5)
    expect(compact.year).toEqual([[2012, 4], [2021, 1]]) // the 2022 narrative is gone
    expect(compact.document).toEqual([['000', 2], ['001', 2], ['003', 1]])
    // The kind facet keeps `narrative: 1` so the user can switch; the kept value counts the results exactly.
    expect(compact.kind).toEqual([['recommendation', 5], ['narrative', 1]])
    expect(sum(response.facets.year)).toBe(response.total)
  })

  it('year, document and kind filters work together', async () => {
    // 2012 as the adoption year: the 2015 compendium's restatements of the 2012 recommendations.
    const { response, compact } = await facetsOf({ q: 'témoins', mode: 'keyword', kind: ['recommendation'], yearFrom: 2012, yearTo: 2012, doc: ['CTOC/COP/WG.7/2015/5'] })
    expect(response.total).toBe(2)
    expect(response.results.every((hit) => hit.citation.year === 2015 && hit.citation.adopted === 2012 && hit.kind === 'recommendation' && hit.citation.file.startsWith('001_'))).toBe(true)
    expect(compact).toEqual({
      year: [[2012, 2]], // without the year filter, document 001's matching recommendations are all of 2012
      document: [['000', 2], ['001', 2]], // without the document filter, the 2012 report (000) comes in
      kind: [['recommendation', 2]],
    })
  })

  it('a range of years keeps the years inside it counted from the results', async () => {
    const { response, compact } = await facetsOf({ q: 'témoins', mode: 'keyword', yearFrom: 2012, yearTo: 2015 })
    expect(response.total).toBe(4)
    expect(compact.year).toEqual([[2012, 4], [2021, 1], [2022, 1]])
    expect(sum(response.facets.kind)).toBe(4)
  })

  it('in hybrid mode too, the kept values add up to the total', async () => {
    const { response } = await facetsOf({ q: 'protection des témoins', kind: ['recommendation'] })
    const kept = response.facets.kind.find((f) => f.value === 'recommendation')!
    expect(kept.count).toBe(response.total)
    expect(sum(response.facets.year)).toBe(response.total)
    expect(response.facets.kind.length).toBe(3)
  })
})

describe('prefer: a kind as a ranking choice', () => {
  it('puts recommendations first and keeps the order within each kind', async () => {
    const plain = await engine.search({ q: 'enquêtes financières', mode: 'keyword', k: 100 })
    const preferred = await engine.search({ q: 'enquêtes financières', mode: 'keyword', k: 100, prefer: 'recommendation' })
    expect(preferred.total).toBe(plain.total)
    const kinds = preferred.results.map((hit) => hit.kind)
    const firstOther = kinds.findIndex((k) => k !== 'recommendation')
    expect(firstOther).toBeGreaterThan(0)
    expect(kinds.slice(firstOther).includes('recommendation')).toBe(false)
    const order = (hits: typeof plain.results, keep: (k: PassageKind) => boolean) => hits.filter((h) => keep(h.kind)).map((h) => h.id)
    expect(order(preferred.results, (k) => k === 'recommendation')).toEqual(order(plain.results, (k) => k === 'recommendation'))
    expect(order(preferred.results, (k) => k !== 'recommendation')).toEqual(order(plain.results, (k) => k !== 'recommendation'))
    expect(preferred.results.map((h) => h.rank)).toEqual(preferred.results.map((_, i) => i + 1))
  })

  it('preferKind is a stable partition', () => {
    const kinds: Record<string, PassageKind> = { a: 'narrative', b: 'recommendation', c: 'deliberation', d: 'recommendation' }
    expect(preferKind([{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }], 'recommendation', (id) => kinds[id]!).map((h) => h.id)).toEqual(['b', 'd', 'a', 'c'])
  })
})

describe('GET /search parameters for facets, prefer and collapse', () => {
  let app: ReturnType<typeof createApp>
  beforeAll(() => {
    app = createApp(engine)
  })
  const get = (path: string) => getJson(app, path)

  it('returns facets and takes prefer=recommendation', async () => {
    const { status, body } = await get('/search?q=t%C3%A9moins&mode=keyword&prefer=recommendation')
    expect(status).toBe(200)
    expect(body.facets.kind).toEqual([{ value: 'recommendation', count: 5 }, { value: 'narrative', count: 1 }])
    expect(body.results.slice(0, 5).every((hit: any) => hit.kind === 'recommendation')).toBe(true)
  })

  it.each([
    ['/search?q=x&prefer=best', /`prefer` must be a kind/],
    ['/search?q=x&collapse=yes', /`collapse` must be true or false/],
    ['/search?q=x&prefer=narrative&prefer=deliberation', /`prefer` is given 2 times/],
  ])('%s → 400', async (path, message) => {
    const { status, body } = await get(path)
    expect(status).toBe(400)
    expect(body.error.message).toMatch(message)
  })
})
