// The engine's per-passage answers (citation, year, neighbours, date order) are made on first use from columns by
// keyword-index number: each must equal the one made straight from the passage and its document, for every passage,
// also when the corpus lists its passages in another order than the keyword index numbers them.

import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/search/engine.js'
import { adoptionYear } from '../../src/ingest/adoption.js'
import { citationFor } from '../../src/ingest/citation.js'
import type { Citation, DocumentMeta, Passage } from '../../src/types.js'
import { seedEngine } from '../helpers.js'

let seeds: Engine
let reordered: Engine
beforeAll(async () => {
  seeds = (await seedEngine()).engine
  // Passages listed backwards: their positions no longer match their keyword-index numbers.
  reordered = new Engine({ ...seeds.parts, passages: [...seeds.parts.passages].reverse() })
})

function expected(passage: Passage, documents: DocumentMeta[]): { citation: Citation; year: number | null } {
  const document = documents.find((d) => d.id === passage.docId)!
  const adopted = adoptionYear(document, passage)
  return { citation: { ...citationFor(document, passage), ...(adopted === undefined ? {} : { adopted }) }, year: adopted ?? document.year }
}

describe('per-passage entries made on first use', () => {
  it('give every passage the citation and year made from its own document', () => {
    for (const engine of [seeds, reordered]) {
      // Asked twice, in two orders, so a citation cached under the wrong number would show.
      for (const passage of [...engine.passages].reverse()) engine.citation(passage.id)
      for (const passage of engine.passages) {
        const { citation, year } = expected(passage, engine.documents)
        expect(engine.citation(passage.id)).toEqual(citation)
        expect(engine.yearOf(passage.id)).toBe(year)
        expect(engine.passage(passage.id)?.citation).toEqual(citation)
      }
    }
    // The seeds hold restated recommendations: some citations carry an adoption year other than the document's.
    expect(seeds.passages.some((p) => seeds.citation(p.id)!.adopted !== undefined && seeds.citation(p.id)!.adopted !== seeds.citation(p.id)!.year)).toBe(true)
  })

  it('give each passage its neighbours in its document, in the corpus order', () => {
    for (const engine of [seeds, reordered]) {
      for (const [i, passage] of engine.passages.entries()) {
        const previous = engine.passages[i - 1]
        const next = engine.passages[i + 1]
        expect(engine.passage(passage.id)).toMatchObject({
          passage,
          previous: previous?.docId === passage.docId ? previous.id : null,
          next: next?.docId === passage.docId ? next.id : null,
        })
      }
    }
    expect(seeds.passage('no-such-passage')).toBeNull()
    expect(seeds.citation('no-such-passage')).toBeNull()
    expect(seeds.yearOf('no-such-passage')).toBeNull()
  })

  it('sort by date, filter by year and kind, and count facets the same whatever the corpus order', async () => {
    for (const request of [
      { q: 'coopération internationale', sort: 'date' as const, k: 100 },
      { q: 'trafic de migrants', sort: '-date' as const, k: 100, yearFrom: 2012, yearTo: 2015 },
      { q: 'recommandation enquêtes', prefer: 'recommendation' as const, k: 50 },
    ]) {
      const a = await seeds.search(request)
      const b = await reordered.search(request)
      expect(b.results.map((h) => [h.id, h.citation])).toEqual(a.results.map((h) => [h.id, h.citation]))
      expect(b.facets).toEqual(a.facets)
      expect(b.total).toBe(a.total)
      expect(a.results.length).toBeGreaterThan(5)
    }
  })
})
