// The time budget of one search: past it, what is left out is left out and said — search terms, semantic channels,
// facet counts — and a search with time to spare leaves nothing out. A budget already spent stands in for a slow query.

import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
let spent: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
  spent = new Engine({ ...engine.parts, timeBudgetMs: -1 })
})

const channelsOf = (hits: Array<{ scores: Record<string, unknown> }>) => new Set(hits.flatMap((h) => Object.entries(h.scores).filter(([, s]) => s !== null).map(([name]) => name)))

describe('the time budget', () => {
  it('leaves the semantic channels out of a hybrid search once the keyword channel has used it, and says so', async () => {
    const request = { q: 'protection des témoins', k: 20 }
    const full = await engine.search(request)
    expect(channelsOf(full.results).has('ngram')).toBe(true)
    expect(full.notes ?? []).toEqual([])

    const cut = await spent.search(request)
    expect(cut.notes).toContainEqual(expect.stringMatching(/^Time ran out before the ngram channel ran \(-1 ms limit\)/))
    expect(channelsOf(cut.results).has('ngram')).toBe(false)
    expect(cut.results.length).toBeGreaterThan(0)
    // What is counted is what was searched: the keyword matches of the first term alone (the others were cut too).
    expect(cut.notes).toContainEqual(expect.stringMatching(/^Time ran out before the last 1 search terms were looked up/))
    expect(cut.total).toBe(engine.keywordMatches({ q: 'protection' }).length)
    expect(cut.total).toBeLessThan(full.total)
  })

  it('still runs the first semantic channel when nothing else answers, and leaves out the next', async () => {
    const cut = await spent.search({ q: 'witness protection programmes', mode: 'semantic' })
    expect(cut.results.length).toBeGreaterThan(0)
    expect(channelsOf(cut.results).has('ngram')).toBe(true)
    expect(channelsOf(cut.results).has('crosslingual')).toBe(false)
    expect(cut.notes).toContainEqual(expect.stringMatching(/^Time ran out before the crosslingual channel ran/))
    // It reads the query's rarest gram only, and says how many it left out.
    expect(cut.notes).toContainEqual(expect.stringMatching(/^Time ran out \(-1 ms limit\) while the ngram channel read the query: it left out its \d+ most common character grams\.$/))
    const full = await engine.search({ q: 'witness protection programmes', mode: 'semantic' })
    expect(channelsOf(full.results).has('crosslingual')).toBe(true)
    expect(full.notes ?? []).toEqual([])
  })

  it('applies the exclusions only while time is left, and names those it left out', async () => {
    const request = { q: 'trafic -migrants -"coopération internationale"', mode: 'keyword' as const, k: 100 }
    const full = await engine.search(request)
    expect(full.notes ?? []).toEqual([])
    expect(full.results.some((hit) => /migrants/i.test(hit.text))).toBe(false)

    const cut = await spent.search(request)
    expect(cut.notes).toContainEqual('Time ran out (-1 ms limit) before these exclusions were applied: -migrants, -"cooperation internationale"; passages holding them may be listed.')
    // What was left out is not applied: the passages of "trafic" that hold "migrants" are back.
    expect(cut.results.some((hit) => /migrants/i.test(hit.text))).toBe(true)
    expect(cut.total).toBe(engine.keywordMatches({ q: 'trafic' }).length)
    expect(cut.total).toBeGreaterThan(full.total)
  })

  it('lets the learned fusion order only the candidates whose feature rows it read in time, a page at least, and says so', async () => {
    const request = { q: 'coopération internationale entre les Etats', k: 20 }
    const full = await engine.search(request)
    expect(full.notes ?? []).toEqual([])
    const cut = await spent.search(request)
    const note = (cut.notes ?? []).find((n) => n.startsWith('Time ran out (-1 ms limit) while the learned ranking read its candidates'))
    expect(note).toMatch(/: the last (\d+) follow in the channels' order\.$/)
    // The head holds every match here (only the first term was searched): 150 candidates at most.
    expect(Number(/the last (\d+)/.exec(note!)![1])).toBe(Math.min(150, cut.total) - 10)
    // The first ten are the model's order of the channels' first ten; the rest keep the channels' order.
    const modelled = cut.results.slice(0, 10)
    expect(modelled.every((hit) => hit.fusion !== undefined)).toBe(true)
    expect(modelled.map((hit) => hit.score)).toEqual([...modelled.map((hit) => hit.score)].sort((a, b) => b - a))
    expect(cut.results.slice(10).every((hit) => hit.fusion === undefined)).toBe(true)
  })
})
