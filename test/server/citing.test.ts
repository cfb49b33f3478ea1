// What the people who cite get from the API: short names, adoption years, date order, repaired scans, and what was
// understood of their query — each through the real engine over the seeds.

import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { TextRepair } from '../../src/search/repair.js'
import { seedEngine, getJson } from '../helpers.js'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
})
const get = (path: string) => getJson(app, path)
const R2012 = '000_f4384e2a98d04a30'
const C2015 = '001_f3a438cdd34e73ea'
const phrase = (text: string) => encodeURIComponent(`"${text}"`)

describe('short names', () => {
  it('every document has one: the symbol, else the catalogue’s short title', async () => {
    const { body } = await get('/documents')
    expect(body.documents.map((d: any) => d.shortName)).toEqual([
      'Rapport du Groupe de travail (Vienne, 2012)',
      'CTOC/COP/WG.7/2015/5',
      'CTOC/COP/2022/3',
      'Rapport du Groupe de travail (Vienne, 2021)',
      'Projet de rapport, additif (Vienne, 2019)',
    ])
    // The full title stays in the details.
    expect(body.documents[0].title).toMatch(/^Rapport de la réunion du Groupe de travail .* 1er juin 2012$/)
  })

  it('citations name a document without symbol by its short name, not its 25-word title', async () => {
    const { body } = await get(`/passages/${R2012}.p12`)
    expect(body.citation.label).toBe('Rapport du Groupe de travail (Vienne, 2012), par. 12')
  })
})

describe('adoption years', () => {
  it('a recommendation restated in the 2015 compendium is dated by the meeting that adopted it', async () => {
    expect((await get(`/passages/${C2015}.p36`)).body.citation).toMatchObject({ year: 2015, adopted: 2012 })
    const { body: timeline } = await get('/timeline?q=migrants&kind=recommendation')
    const years = timeline.years.map((y: any) => y.year)
    // 2013's recommendations exist only as restated in 2015, under « adoptées … à sa deuxième réunion … 2013 ».
    expect(years).toContain(2013)
    const in2013 = timeline.years.find((y: any) => y.year === 2013)
    expect(in2013.documents.map((d: any) => d.id)).toEqual([C2015])
    for (const id of in2013.documents[0].passages) expect((await get(`/passages/${id}`)).body.citation.adopted).toBe(2013)
  })

  it('a meeting report’s recommendations are of its year; other passages have no adoption year', async () => {
    expect((await get(`/passages/${R2012}.p12`)).body.citation.adopted).toBe(2012)
    expect((await get(`/passages/${C2015}.p1`)).body.citation.adopted).toBeUndefined()
  })

  it('the year facet and the year filters go by it, and agree', async () => {
    const { body } = await get('/search?q=migrants&mode=keyword&kind=recommendation&k=1')
    const facet2013 = body.facets.year.find((y: any) => y.value === 2013)
    expect(facet2013.count).toBeGreaterThan(0)
    const { body: only } = await get('/search?q=migrants&mode=keyword&kind=recommendation&yearFrom=2013&yearTo=2013&k=100')
    expect(only.total).toBe(facet2013.count)
    expect(only.results.every((hit: any) => hit.citation.adopted === 2013 && hit.citation.year === 2015)).toBe(true)
  })
})

describe('sort=', () => {
  it('date puts the 2012 wording first, -date the 2015 one; relevance is the default', async () => {
    const ids = async (sort: string) => (await get(`/search?q=${phrase('geler et confisquer')}&mode=keyword${sort}`)).body.results.map((r: any) => r.id)
    expect(await ids('&sort=date')).toEqual([`${R2012}.p16`, `${C2015}.p36`])
    expect(await ids('&sort=-date')).toEqual([`${C2015}.p36`, `${R2012}.p16`])
    expect((await get('/search?q=trafic')).body.sort).toBe('relevance')
  })

  it('orders every match by year (adoption year first), then document date, then reading order', async () => {
    const { body } = await get('/search?q=migrants&mode=keyword&sort=date&k=100')
    const keys = await Promise.all(
      body.results.map(async (hit: any) => [hit.citation.adopted ?? hit.citation.year, hit.citation.date] as const),
    )
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0))
    expect(keys).toEqual(sorted)
    const relevance = (await get('/search?q=migrants&mode=keyword&k=100')).body
    expect(body.total).toBe(relevance.total)
    expect(body.results.map((r: any) => r.id)).not.toEqual(relevance.results.map((r: any) => r.id))
  })

  it('refuses an unknown order', async () => {
    const { status, body } = await get('/search?q=trafic&sort=oldest')
    expect(status).toBe(400)
    expect(body.error.message).toMatch(/Unknown sort `oldest`: use relevance, date, -date/)
  })
})

describe('repaired scans', () => {
  it('gives the 2012 scan’s text repaired, each correction listed, the text as scanned kept', async () => {
    const { body } = await get(`/passages/${R2012}.p12`)
    expect(body.text).toMatch(/peut-étre .* enquétes, .* a I’encontre/)
    expect(body.repaired.text).toMatch(/peut-être .* enquêtes, .* a l’encontre/)
    expect(body.repaired.text).not.toMatch(/étre|enquétes|I’/)
    expect(body.repaired.corrections).toEqual(
      expect.arrayContaining([
        { from: 'I', to: 'l' },
        { from: 'étre', to: 'être' },
        { from: 'enquétes', to: 'enquêtes' },
      ]),
    )
  })

  it('repairs search hits and their snippets the same way; a born-digital passage has nothing to repair', async () => {
    const { body } = await get(`/search?q=${phrase('programmes locaux de protection des témoins')}&mode=keyword`)
    const scan = body.results.find((r: any) => r.id === `${R2012}.p12`)
    expect(scan.repaired.snippet).toContain('<mark>programmes locaux de protection des témoins</mark>')
    expect(scan.snippet).toMatch(/enquétes/)
    expect(scan.repaired.snippet).toMatch(/enquêtes/)
    expect(scan.repaired.snippet).not.toMatch(/enquétes/)
    expect(body.results.find((r: any) => r.id === `${C2015}.p34`).repaired).toBeUndefined()
  })

  it('leaves the born-digital reports (2015, 2019, 2021) as they are: nothing in them to repair', async () => {
    for (const doc of ['001', '003', '004']) {
      const { body } = await get(`/documents/${doc}`)
      expect(body.passages.filter((p: any) => p.repaired).map((p: any) => p.repaired.corrections), doc).toEqual([])
    }
    const scanned = (await get('/documents/000')).body.passages.filter((p: any) => p.repaired)
    expect(scanned.length).toBeGreaterThan(30)
  })

  it('repairs only to spellings the corpus uses, never a French form into another', () => {
    // The corpus holds the damaged forms too: every text repaired is one of its passages.
    const repair = TextRepair.learn(['les enquêtes et les enquêtes', 'le phénomène, le phénomène', 'il présente ; elle est présentée', 'des risques', 'des risqués, risqués', 'les enquétes du phénoméne'])
    expect(repair.repair('les enquétes du phénoméne').text).toBe('les enquêtes du phénomène')
    expect(repair.repair('le 1% juin 2012, à I’encontre, &tre encouragés').text).toBe('le 1er juin 2012, à l’encontre, être encouragés')
    // `présente`/`présenté`, `risques`/`risqués`: both French, a final é is never assumed.
    expect(repair.repair('il présente des risques').corrections).toEqual([])
    // Short words are French either way (`a`/`à`): never corrected.
    expect(TextRepair.learn(['à à à à', 'il a']).repair('il a').corrections).toEqual([])
    // A spelling seen once in the corpus is not enough to correct towards.
    expect(TextRepair.learn(['une matière', 'une matiére']).repair('une matiére').corrections).toEqual([])
    expect(repair.repairHtml('<mark>enquétes</mark> &amp; I’encontre')).toBe('<mark>enquêtes</mark> &amp; l’encontre')
  })
})

describe('notices', () => {
  it('an unclosed quote says what was searched as the phrase', async () => {
    const { body } = await get(`/search?q=${encodeURIComponent('"geler et confisquer')}&mode=keyword`)
    expect(body.notices).toEqual([{ code: 'UNCLOSED_QUOTE', phrase: 'geler et confisquer' }])
    expect(body.total).toBe(2)
  })

  it('an English query gives its translation; exclusions alone and stop words alone are said', async () => {
    expect((await get('/search?q=witness%20protection')).body.notices).toEqual([{ code: 'TRANSLATED', translation: 'protection des témoins' }])
    expect((await get('/search?q=-traite')).body.notices).toEqual([{ code: 'EXCLUSION_ONLY' }])
    expect((await get('/search?q=de%20la')).body.notices).toEqual([{ code: 'STOP_WORDS_ONLY' }])
    expect((await get('/search?q=trafic')).body.notices).toEqual([])
  })

  it('a query cut by the limits says how much was used', async () => {
    const q = Array.from({ length: 40 }, (_, i) => `terme${i}x`).join(' ')
    expect((await get(`/search?q=${encodeURIComponent(q)}&mode=keyword`)).body.notices).toEqual([{ code: 'LIMITED', what: 'terms', kept: 32, given: 40 }])
  })
})
