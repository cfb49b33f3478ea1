import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { seedEngine, getJson } from '../helpers.js'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
})

const get = (path: string) => getJson(app, path)

describe('GET /search', () => {
  it('answers with ranked passages and ready-to-paste citations', async () => {
    const { status, body } = await get('/search?q=' + encodeURIComponent('"geler et confisquer"') + '&mode=keyword')
    expect(status).toBe(200)
    expect(body).toMatchObject({ query: '"geler et confisquer"', mode: 'keyword', total: 2 })
    const hit = body.results[0]
    // The phrase is in 000 ¶16 and 001 ¶36 (found with grep in seeds/, paragraph numbers read off the text).
    const cited = body.results.map((h: any) => `${h.citation.file.slice(0, 3)} ${/par\. (\d+)$/.exec(h.citation.label)?.[1]}`)
    expect(cited.sort()).toEqual(['000 16', '001 36'])
    expect(hit.snippet).toContain('<mark>geler et confisquer</mark>')
    expect(hit.scores.keyword).toMatchObject({ rank: 1 })
    expect(hit.text).toContain('geler et confisquer')
  })

  it('defaults to hybrid with k=10 and reports the semantic channels plainly', async () => {
    const { body } = await get('/search?q=protection%20des%20t%C3%A9moins')
    expect(body.mode).toBe('hybrid')
    expect(body.results.length).toBe(10)
    expect(body.semantic.dense).toBe(false)
    expect(body.semantic.note).toMatch(/model/i)
    expect(body.results.every((r: any) => 'keyword' in r.scores && 'semantic' in r.scores)).toBe(true)
  })

  it('pages with offset without repeating a passage', async () => {
    const first = (await get('/search?q=trafic&mode=keyword&k=5')).body
    const second = (await get('/search?q=trafic&mode=keyword&k=5&offset=5')).body
    expect(second.results[0].rank).toBe(6)
    const seen = new Set(first.results.map((r: any) => r.id))
    expect(second.results.some((r: any) => seen.has(r.id))).toBe(false)
  })

  it('filters by year and by document', async () => {
    // A word starting with `migr` (migrants, migrations…: the last word is also a prefix), in a passage or in its
    // section headings, is in all 75 passages of 2022's report, the only 2022 document, and in 39 of the 53 of
    // 2021's (003): counted with a regular expression over the passages.
    const byYear = (await get('/search?q=migrants&mode=keyword&yearFrom=2022&yearTo=2022&k=50')).body
    expect(byYear.total).toBe(75)
    expect(byYear.results).toHaveLength(50)
    expect(byYear.results.every((r: any) => r.citation.year === 2022)).toBe(true)
    const byDoc = (await get('/search?q=migrants&mode=keyword&doc=003&k=50')).body
    expect(byDoc.total).toBe(39)
    expect(byDoc.results).toHaveLength(39)
    expect(byDoc.results.every((r: any) => r.citation.file.startsWith('003_'))).toBe(true)
  })

  const bad: Array<[string, string, RegExp]> = [
    ['/search', 'QUERY_EMPTY', /empty/],
    ['/search?q=%20%20', 'QUERY_EMPTY', /empty/],
    ['/search?q=' + 'a'.repeat(1001), 'QUERY_TOO_LONG', /1001 characters/],
    ['/search?q=x&k=0', 'BAD_PARAMETER', /`k` must be from 1 to 100/],
    ['/search?q=x&k=101', 'BAD_PARAMETER', /`k` must be from 1 to 100/],
    ['/search?q=x&k=ten', 'BAD_PARAMETER', /`k` must be a whole number/],
    ['/search?q=x&mode=fuzzy', 'BAD_PARAMETER', /Unknown mode `fuzzy`/],
    ['/search?q=x&yearFrom=20x1', 'BAD_PARAMETER', /`yearFrom` must be a whole number/],
    ['/search?q=x&yearFrom=2022&yearTo=2012', 'BAD_PARAMETER', /after yearTo/],
    ['/search?q=x&q=y', 'BAD_PARAMETER', /`q` is given 2 times/],
    ['/search?q=x&kind=opinion', 'BAD_PARAMETER', /Unknown kind/],
    ['/search?q=%FF%FE', 'BAD_QUERY', /UTF-8/],
    // A parameter this API does not have would otherwise be ignored: every year, or ten results, answered as if asked.
    ['/search?q=x&year=2015', 'BAD_PARAMETER', /Unknown parameter `year` \(use yearFrom and yearTo.*takes q, mode, k, offset, yearFrom, yearTo, doc, kind/],
    ['/search?q=x&limit=5&foo=1', 'BAD_PARAMETER', /Unknown parameters `limit` \(use k\), `foo`:/],
    ['/passages/001_f3a438cdd34e73ea.p34/similar?limit=3', 'BAD_PARAMETER', /Unknown parameter `limit` \(use k\): this endpoint takes k\./],
    ['/timeline?q=x&year=2015', 'BAD_PARAMETER', /Unknown parameter `year`.*takes q, mode, yearFrom, yearTo, doc, kind\./],
  ]
  it.each(bad)('%s → 400 %s', async (path, code, message) => {
    const { status, body } = await get(path)
    expect(status).toBe(400)
    expect(body.error.code).toBe(code)
    expect(body.error.message).toMatch(message)
  })
})

describe('other endpoints', () => {
  it('GET /passages/:id gives the passage, its citation and its neighbours', async () => {
    const { body: search } = await get('/search?q=' + encodeURIComponent('"geler et confisquer"') + '&mode=keyword')
    const id = search.results[0].id
    const { status, body } = await get(`/passages/${id}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ id, citation: search.results[0].citation })
    // 2015 ¶36 sits between ¶35 and ¶37; a document's first passage has no previous, its last no next.
    const C2015 = '001_f3a438cdd34e73ea'
    expect((await get(`/passages/${C2015}.p36`)).body).toMatchObject({ previous: `${C2015}.p35`, next: `${C2015}.p37` })
    expect((await get(`/passages/${C2015}.p1`)).body).toMatchObject({ previous: null, next: `${C2015}.p2` })
    expect((await get(`/passages/${C2015}.p92`)).body).toMatchObject({ previous: `${C2015}.p91`, next: null })
  })

  it('unknown ids and paths are 404 with a message; writes are 405', async () => {
    expect((await get('/passages/nope')).status).toBe(404)
    expect((await get('/passages/..%2f..%2fetc%2fpasswd')).body.error.code).toBe('NOT_FOUND')
    expect((await get('/documents/999')).status).toBe(404)
    expect((await get('/nowhere')).body.error.message).toMatch(/No such endpoint/)
    const post = await app.request('/search?q=x', { method: 'POST' })
    expect(post.status).toBe(405)
  })

  it('GET /documents lists the five seeds with their passage counts', async () => {
    const { body } = await get('/documents')
    expect(body.documents.map((d: any) => d.file.slice(0, 3))).toEqual(['000', '001', '002', '003', '004'])
    expect(body.documents.find((d: any) => d.file.startsWith('001')).symbol).toBe('CTOC/COP/WG.7/2015/5')
    expect(body.documents.find((d: any) => d.file.startsWith('003')).passages).toBe(41 + 12)
  })

  it('GET /health says what runs', async () => {
    const { status, body } = await get('/health')
    expect(status).toBe(200)
    expect(body).toMatchObject({ status: 'ok', documents: 5, keyword: true, semantic: { dense: false } })
    expect(body.semantic.channels).toContain('ngram')
  })
})

describe('optional data', () => {
  it('/health says which translation dictionaries are loaded', async () => {
    const { body } = await get('/health')
    expect(body.semantic.translation).toMatch(/FreeDict/)
  })
})
