// English queries over the real seeds: searched through their French translation, not through the English words
// that happen to be French too.

import { beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/search/engine.js'
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
