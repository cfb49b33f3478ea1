// Semantic mode over the real seeds: the corpus's own core words must be findable without the keyword channel.

import { beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/search/engine.js'
import { phraseForm } from '../../src/text/analyzer.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

describe('semantic mode finds the words in most passages (issue #11)', () => {
  // `trafic`, `migrants` and `États` are each in about three passages in four: the n-gram channel used to drop
  // every gram of theirs as too common and answer nothing, with no note.
  it.each(['trafic', 'migrants', 'États'])('%s', async (word) => {
    const r = await engine.search({ q: word, mode: 'semantic', k: 10 })
    expect(r.results).toHaveLength(10)
    for (const hit of r.results) expect(` ${phraseForm(hit.text)} `).toContain(` ${phraseForm(word)}`)
  })

  it('the phrase "trafic illicite de migrants"', async () => {
    const r = await engine.search({ q: '"trafic illicite de migrants"', mode: 'semantic', k: 10 })
    expect(r.results).toHaveLength(10)
    for (const hit of r.results) expect(phraseForm(hit.text)).toContain('trafic illicite de migrants')
  })
})

describe('what a match is: total and facets count the calibrated matches, not each channel\'s top 100 (issue #11)', () => {
  it('blanchiment: the two passages that say it, in every mode', async () => {
    // Each semantic channel used to add its 100 best passages: hybrid counted 85 for a word two passages hold.
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      const r = await engine.search({ q: 'blanchiment', mode, k: 100 })
      expect(r.total).toBe(2)
      for (const hit of r.results) expect(phraseForm(hit.text)).toMatch(/blanchi/)
      expect(r.facets.year.reduce((sum, y) => sum + y.count, 0)).toBe(2)
    }
  })

  it('semantic mode counts every passage holding a common word, not the first 100', async () => {
    const keyword = await engine.search({ q: 'trafic', mode: 'keyword', k: 1 })
    const semantic = await engine.search({ q: 'trafic', mode: 'semantic', k: 100, offset: 200 })
    expect(keyword.total).toBe(232)
    expect(semantic.total).toBeGreaterThanOrEqual(232)
    expect(semantic.total).toBeLessThan(240)
    expect(semantic.results.length).toBe(semantic.total - 200)
  })

  it('a phrase in semantic mode counts all its occurrences', async () => {
    const r = await engine.search({ q: '"trafic illicite de migrants"', mode: 'semantic', k: 1 })
    expect(r.total).toBe(125)
    expect(r.facets.document.reduce((sum, d) => sum + d.count, 0)).toBe(125)
  })

  it('hybrid adds to the keyword matches only what the n-grams match, and the facets say the same', async () => {
    const keyword = await engine.search({ q: 'protection des témoins', mode: 'keyword', k: 1 })
    const hybrid = await engine.search({ q: 'protection des témoins', k: 1 })
    expect(hybrid.total).toBeGreaterThanOrEqual(keyword.total)
    expect(hybrid.total).toBeLessThan(keyword.total + 10)
    expect(hybrid.facets.kind.reduce((sum, k) => sum + k.count, 0)).toBe(hybrid.total)
  })

  it('the timeline of a mode lists exactly the passages its search counts', async () => {
    for (const mode of ['keyword', 'semantic', 'hybrid'] as const) {
      for (const q of ['protection des témoins', 'trafic', 'witness protection']) {
        const r = await engine.search({ q, mode, k: 1, yearFrom: 2015 })
        expect((await engine.matches({ q, mode, yearFrom: 2015 })).length).toBe(r.total)
      }
    }
  })
})
