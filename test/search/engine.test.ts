// Ranking goldens over the real seeds. Each case says why the expected passage should win.

import { beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

const labels = (results: Array<{ citation: { label: string } }>) => results.map((r) => r.citation.label)
const files = (results: Array<{ citation: { file: string } }>) => results.map((r) => r.citation.file.slice(0, 3))

describe('exact phrases: every occurrence, nothing else', () => {
  it('"geler et confisquer" is in exactly the 2012 and 2015 versions of the financial-investigation recommendation', async () => {
    const r = await engine.search({ q: '"geler et confisquer"', mode: 'keyword' })
    expect(r.total).toBe(2)
    expect(labels(r.results).sort()).toEqual(['Rapport du Groupe de travail (Vienne, 2012), par. 16', 'CTOC/COP/WG.7/2015/5, par. 36'].sort())
  })

  it('a phrase matches across accents, apostrophes and OCR damage, in every document', async () => {
    // 2012 is OCR text ("d’enquéte"), 2015 is clean, 2021 writes the apostrophe differently: all must count.
    const r = await engine.search({ q: '"techniques d\'enquête spéciales"', mode: 'keyword', k: 100 })
    const years = r.results.map((h) => h.citation.year)
    expect(r.total).toBe(8)
    expect(years.filter((y) => y === 2012).length).toBe(2)
    expect(years.filter((y) => y === 2015).length).toBe(4)
    expect(years.filter((y) => y === 2021).length).toBe(2)
  })

  it('a phrase constrains every mode, including the semantic channels', async () => {
    for (const mode of ['hybrid', 'semantic', 'keyword'] as const) {
      const r = await engine.search({ q: '"circonstances aggravantes" sanctions', mode, k: 50 })
      expect(r.results.length).toBe(4)
      expect(r.results.every((h) => /circonstances\s+aggravantes/i.test(h.text))).toBe(true)
    }
  })

  it('marks the whole phrase in the snippet', async () => {
    const r = await engine.search({ q: '"geler et confisquer"', mode: 'keyword' })
    for (const hit of r.results) expect(hit.snippet).toContain('<mark>geler et confisquer</mark>')
  })

  it('a phrase of stop words and words finds each of its occurrences', async () => {
    // The Vienna Convention on Consular Relations: 2012 ¶25, restated in 2015 ¶24, and 2015 ¶29 (grep of the seeds).
    const r = await engine.search({ q: '"de Vienne sur les relations consulaires"', mode: 'keyword' })
    expect(r.results.map((h) => [h.citation.year, h.citation.paragraph]).sort()).toEqual([[2012, '25'], [2015, '24'], [2015, '29']])
    expect(r.total).toBe(3)
  })
})

describe('ranking goldens', () => {
  it('a clean query finds OCR-damaged text: "mise en œuvre" reaches "mise en ceuvre" in the 2022 OCR report', async () => {
    const r = await engine.search({ q: 'mise en œuvre', mode: 'keyword', doc: ['002'], k: 5 })
    expect(r.results.length).toBe(5)
    expect(r.results.some((h) => h.text.includes('mise en ceuvre'))).toBe(true)
  })

  it('a typo is forgiven: "protectoin des temoins" puts witness protection first', async () => {
    // The n-gram channel matches "protectoin" to "protection"; the witness-protection recommendation
    // (2012 ¶12, restated 2015 ¶34) holds both words, so it must lead.
    const r = await engine.search({ q: 'protectoin des temoins', k: 3 })
    expect(r.results[0]!.text).toMatch(/protection des témoins/)
    expect(r.results[0]!.scores.ngram).not.toBeNull()
  })

  it('an English query is translated: "witness protection programmes" finds "programmes de protection des témoins"', async () => {
    const r = await engine.search({ q: 'witness protection programmes', k: 3 })
    expect(r.results[0]!.text).toContain('programmes locaux de protection des témoins')
    expect(r.results[0]!.scores.crosslingual).not.toBeNull()
    expect(r.semantic.channels).toContain('crosslingual')
  })

  it('keyword mode runs the keyword channel alone', async () => {
    const r = await engine.search({ q: 'witness protection programmes', mode: 'keyword', k: 10 })
    expect(r.results).toHaveLength(10) // `protection` and `programmes` are French words too
    expect(r.results.every((h) => h.scores.crosslingual === undefined && h.scores.semantic === null)).toBe(true)
  })

  it('every hybrid hit explains itself with keyword and semantic ranks', async () => {
    const r = await engine.search({ q: 'blanchiment d’argent', k: 5 })
    const top = r.results[0]!
    expect(top.scores.keyword).toMatchObject({ rank: expect.any(Number), score: expect.any(Number) })
    expect(top.scores.semantic).toMatchObject({ rank: expect.any(Number) })
    expect(r.results.map((h) => h.rank)).toEqual([1, 2, 3, 4, 5])
  })
})

describe('operators and filters', () => {
  // Issue #11: an exclusion used to drop every word sharing the stem (`-traite` dropped `traitement`, `traités`).
  // The expected sets are the keyword matches of the query without the exclusion, filtered by a regular expression
  // over the passage text: the excluded word standing alone, in any case or accent.
  const textOf = (id: string) => engine.passage(id)!.passage.text
  const word = (pattern: string) => new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'iu')

  it('-mot excludes the word as typed, not the other words of its stem', async () => {
    const all = engine.keywordMatches({ q: 'trafic' })
    const kept = engine.keywordMatches({ q: 'trafic -traite' })
    const traite = word('trait[eéèêë]')
    expect(kept.sort()).toEqual(all.filter((id) => !traite.test(textOf(id))).sort())
    expect(kept.length).toBeLessThan(all.length)
    // Passages about "traitement", "traités" or "traiter" but not the word "traite" stay.
    const cousins = kept.filter((id) => /traitement|traités|traiter/i.test(textOf(id)))
    expect(cousins.length).toBeGreaterThan(0)
    const r = await engine.search({ q: 'trafic -traite', mode: 'keyword', k: 100 })
    expect(r.total).toBe(kept.length)
  })

  it('-ci-après and -"ci-après" exclude the same passages: those where "ci-après" is written', async () => {
    const all = engine.keywordMatches({ q: 'trafic' })
    const expected = all.filter((id) => !/ci[-\s]+apr[eè]s/i.test(textOf(id))).sort()
    expect(engine.keywordMatches({ q: 'trafic -ci-après' }).sort()).toEqual(expected)
    expect(engine.keywordMatches({ q: 'trafic -"ci-après"' }).sort()).toEqual(expected)
    expect(expected.length).toBeLessThan(all.length)
  })

  it('year and document filters combine with the query', async () => {
    const r = await engine.search({ q: 'coopération internationale', yearFrom: 2015, yearTo: 2021, k: 100 })
    expect(r.results.every((h) => h.citation.year! >= 2015 && h.citation.year! <= 2021)).toBe(true)
    // The filter keeps exactly the 2015–2021 matches of the unfiltered query (the seeds have 2015, 2019 and 2021
    // in that range), which has 2012 and 2022 ones too.
    const all = await engine.search({ q: 'coopération internationale', k: 1 })
    const counts = new Map(all.facets.year.map((f) => [f.value, f.count]))
    expect(counts.get(2012)).toBeGreaterThan(0)
    expect(counts.get(2022)).toBeGreaterThan(0)
    expect(r.total).toBe([2015, 2019, 2021].reduce((sum, year) => sum + (counts.get(year) ?? 0), 0))
    expect(r.results).toHaveLength(Math.min(100, r.total))
    const byDoc = await engine.search({ q: 'coopération internationale', doc: ['CTOC/COP/WG.7/2015/5'], k: 100 })
    expect(new Set(files(byDoc.results))).toEqual(new Set(['001']))
  })

  it('an unknown document filter matches nothing rather than everything', async () => {
    const r = await engine.search({ q: 'trafic', doc: ['999'] })
    expect(r.total).toBe(0)
  })

  it('kind filter keeps adopted recommendations only', async () => {
    const r = await engine.search({ q: 'trafic', kind: ['recommendation'], k: 100 })
    expect(r.results.length).toBeGreaterThan(10)
    expect(r.results.every((h) => h.kind === 'recommendation')).toBe(true)
  })

  it('a query of stop words only returns nothing, without error', async () => {
    const r = await engine.search({ q: 'le de la' })
    expect(r).toMatchObject({ total: 0, results: [] })
  })

  it('rejects bad parameters with the catalogue codes', async () => {
    await expect(engine.search({ q: ' ' })).rejects.toMatchObject({ code: 'QUERY_EMPTY' })
    await expect(engine.search({ q: 'x', k: 0 })).rejects.toMatchObject({ code: 'BAD_PARAMETER' })
  })
})

describe('snippets', () => {
  it('highlight the word a typo stood for', async () => {
    const r = await engine.search({ q: 'protectoin des temoins', k: 1 })
    expect(r.results[0]!.snippet).toContain('<mark>protection</mark> des <mark>témoins</mark>')
  })
})
