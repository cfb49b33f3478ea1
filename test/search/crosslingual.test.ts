// English queries over the real seeds: searched through their French translation, not through the English words
// that happen to be French too.

import { beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../src/search/engine.js'
import { phraseForm } from '../../src/text/analyzer.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

describe('an English query ranks by its translation (issue #11)', () => {
  // `protection` is also a French word: read as French, "witness protection" put three passages on the protection
  // of refugees above the two on witness protection programmes. Its translation, "protection des témoins", does not.
  it.each(['hybrid', 'semantic'] as const)('witness protection, %s', async (mode) => {
    const r = await engine.search({ q: 'witness protection', mode, k: 5 })
    const top = r.results.slice(0, 2).map((h) => phraseForm(h.text))
    expect(top).toEqual([expect.stringContaining('protection des temoins'), expect.stringContaining('protection des temoins')])
    expect(r.results[0]!.scores.crosslingual).toMatchObject({ rank: 1 })
  })

  it('keyword mode still searches the words as typed', async () => {
    const r = await engine.search({ q: 'witness protection', mode: 'keyword', k: 5 })
    expect(r.results[0]!.scores.keyword).toMatchObject({ rank: 1 })
    expect(r.results[0]!.scores.crosslingual).toBeUndefined()
  })
})

describe('one engine, queries one after another', () => {
  // The engine asks its translator about a query twice (for its notices and for its channels) and remembers the last
  // answer: each query must still get its own.
  it('a French query, an English one, another French one, another English one: each its own translation, or none', async () => {
    // A new engine over the same parts: nothing asked of its translator before.
    const fresh = new Engine(engine.parts)
    const search = (q: string) => fresh.search({ q, k: 1 })
    const translation = async (q: string) => (await search(q)).notices.find((n) => n.code === 'TRANSLATED')
    expect(await translation('coopération internationale')).toBeUndefined()
    expect(await translation('witness protection')).toEqual({ code: 'TRANSLATED', translation: expect.stringContaining('témoins') })
    expect(await translation('coopération internationale')).toBeUndefined()
    expect(await translation('smuggling of migrants by sea')).toEqual({ code: 'TRANSLATED', translation: expect.stringContaining('migrants') })
    // Searched in French, through the cross-lingual channel: its first hit comes from there.
    expect((await search('witness protection')).results[0]!.scores.crosslingual).toMatchObject({ rank: 1 })
  })
})
