// A phrase finds every passage that holds it, across pages of results, and nothing else — counted on the seeds.
// Each expected count was found outside the engine: a regular expression over the passages' texts spelling out
// every way the seeds write the phrase (python3 `re` over the loaded passages, then checked here again), so a
// bug in tokenising, folding or the phrase index cannot also move the expectation.

import { beforeAll, describe, expect, it } from 'vitest'
import type { Engine, SearchRequest } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

/** Every hit of a keyword search, page after page (k = 100 is the most one page may hold). */
async function allHits(q: string, request: Partial<SearchRequest> = {}) {
  const first = await engine.search({ q, mode: 'keyword', k: 100, ...request })
  const hits = [...first.results]
  while (hits.length < first.total) {
    const page = await engine.search({ q, mode: 'keyword', k: 100, offset: hits.length, ...request })
    if (page.results.length === 0) break
    hits.push(...page.results)
  }
  return { total: first.total, first: first.results, hits }
}

/** The passages whose text the expression matches: the independent count. */
const holding = (written: RegExp) => engine.passages.filter((p) => written.test(p.text)).map((p) => p.id)

describe('a phrase counts every occurrence', () => {
  it('"de la", two stop words, is in 108 passages, and every one is listed', async () => {
    // grep finds 225 "de la" in the five seed files; they fall in 108 passages (13 of 2012, 24 of 2015, 48 of
    // 2022, 22 of 2021, 1 of the 2019 draft), the rest in headings, a footnote and a URL, which are no passages.
    // No word of the phrase scores (both are stop words): every match must still rank, at 0, in id order.
    const written = /(?<![\p{L}\p{N}])de[\s-]+la(?![\p{L}\p{N}])/iu
    const expected = holding(written)
    expect(expected).toHaveLength(108)
    const { total, first, hits } = await allHits('"de la"')
    expect(total).toBe(108)
    expect(first).toHaveLength(100)
    expect(hits.map((h) => h.id).sort()).toEqual([...expected].sort())
    expect(hits.map((h) => h.id)).toEqual([...expected].sort())
    expect(hits.map((h) => h.rank)).toEqual(expected.map((_, i) => i + 1))
    const perDocument = Object.fromEntries(['000', '001', '002', '003', '004'].map((d) => [d, hits.filter((h) => h.id.startsWith(d)).length]))
    expect(perDocument).toEqual({ '000': 13, '001': 24, '002': 48, '003': 22, '004': 1 })
  })

  it('"trafic illicite de migrants" is in 125 passages: all of them, not the first few', async () => {
    // 27 of 2012, 42 of 2015, 40 of 2022, 12 of 2021, 4 of the 2019 draft (the line breaks of the files between
    // its words included).
    const written = /(?<![\p{L}\p{N}])trafic\s+illicite\s+de\s+migrants(?![\p{L}\p{N}])/iu
    expect(holding(written)).toHaveLength(125)
    const { total, hits } = await allHits('"trafic illicite de migrants"')
    expect(total).toBe(125)
    expect(hits.map((h) => h.id).sort()).toEqual(holding(written).sort())
  })

  it('a free word beside a phrase ranks the passages holding the phrase and drops none of them', async () => {
    // 2 passages say "geler et confisquer": 2012 ¶16 ("…confisquer le produit obtenu a la suite de cette infraction")
    // and 2015 ¶36 ("…confisquer le produit de ce type d’infraction"). Both stay; the one with the free word leads.
    const order = async (q: string) => (await allHits(q)).hits.map((h) => [h.citation.year, h.citation.paragraph])
    expect(await order('"geler et confisquer" obtenu')).toEqual([[2012, '16'], [2015, '36']])
    expect(await order('"geler et confisquer" type')).toEqual([[2015, '36'], [2012, '16']])
  })
})

describe('a phrase matches through each OCR repair of the scanned seeds', () => {
  // Each case is a phrase that the scans of 2012 (000) and 2022 (002) write damaged in some passages only; the
  // count includes them, so removing the repair named loses exactly those passages.
  const cases: Array<{ phrase: string; written: RegExp; passages: number; without: string }> = [
    {
      phrase: 'mise en œuvre',
      written: /(?<![\p{L}\p{N}])mise\s+en\s+(?:œ|oe|ce)uvre(?![\p{L}\p{N}])/iu,
      passages: 7,
      without: '`ceuvre` → `oeuvre`: 2022 writes "mise en ceuvre" in 6 passages, only the 2019 draft "mise en œuvre"',
    },
    {
      phrase: 'peut-être',
      written: /(?<![\p{L}\p{N}])peut[-\s]+(?:ê|é|&|e)tre(?![\p{L}\p{N}])/iu,
      passages: 51,
      without: '`&tre` → `être`: 2012 writes "peut-&tre" 7 times (and "peut-étre" 20 times, which folding alone reads)',
    },
    {
      phrase: "soutenir l'application",
      written: /soutenir\s+[lI1][’']\s?application/u,
      passages: 3,
      without: '`I’`/`1’` → `l’`: 2022 writes "soutenir I’application" twice and "soutenir 1’application" once',
    },
    {
      phrase: "quitter l'Ukraine",
      written: /quitter\s+[lI1][’']\s?Ukraine/u,
      passages: 1,
      without: '`1’` → `l’`: 2022 writes "quitter 1’Ukraine", its only occurrence',
    },
  ]
  for (const { phrase, written, passages, without } of cases) {
    it(`"${phrase}" is in ${passages} passages; it needs ${without}`, async () => {
      const expected = holding(written)
      expect(expected).toHaveLength(passages)
      const { total, hits } = await allHits(`"${phrase}"`)
      expect(total).toBe(passages)
      expect(hits.map((h) => h.id).sort()).toEqual(expected.sort())
    })
  }
})
