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
