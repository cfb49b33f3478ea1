// The spelling repairs are learned at index build and read from the index: the engine shows scans repaired with
// what the build stored, without reading every passage's text at its first search.

import { describe, expect, it } from 'vitest'
import { Engine } from '../../src/search/engine.js'
import { TextRepair } from '../../src/search/repair.js'
import { decodeRepairs, encodeRepairs } from '../../src/index/repairs-file.js'
import { learnRepairs } from '../../src/text/spelling.js'
import { seedEngine } from '../helpers.js'

describe('stored spelling repairs', () => {
  it('stores at build exactly what learning from the opened corpus gives, the 2012 scan’s damage included', async () => {
    const { engine, manifest } = await seedEngine()
    expect(manifest.files['repairs.bin']).toBeDefined()
    const stored = engine.parts.repairs!
    expect(stored.get('enquétes')).toBe('enquêtes')
    expect(stored.get('enquêtes')).toBeUndefined()
    expect([...stored].sort()).toEqual([...learnRepairs(engine.passages.map((p) => p.text))].sort())
  })

  it('shows texts repaired with the stored table, not one learned again from the passages', async () => {
    const { engine } = await seedEngine()
    const passage = engine.passages.find((p) => /\btrafic\b/.test(p.text))!
    const given = new Engine({ ...engine.parts, repairs: new Map([['trafic', 'TRAFIC']]) })
    expect(given.repaired(passage.text)?.corrections).toContainEqual({ from: 'trafic', to: 'TRAFIC' })
    expect(engine.repaired(passage.text)?.corrections ?? []).not.toContainEqual({ from: 'trafic', to: 'TRAFIC' })
  })

  it('repairs a text it saw lately as it did the first time, and a different text differently', () => {
    const repair = new TextRepair(new Map([['enquétes', 'enquêtes'], ['Etats', 'États']]))
    const first = repair.repair('les enquétes des Etats')
    expect(repair.repair('les Etats')).toEqual({ text: 'les États', corrections: [{ from: 'Etats', to: 'États' }] })
    expect(repair.repair('les enquétes des Etats')).toEqual(first)
    expect(first.text).toBe('les enquêtes des États')
  })

  it('reads back what it wrote, accents and all', () => {
    const repairs = new Map([['enquétes', 'enquêtes'], ['peut-étre', 'peut-être'], ['Etats', 'États']])
    const file = Buffer.concat(encodeRepairs(repairs))
    expect(decodeRepairs(file)).toEqual(repairs)
    expect(decodeRepairs(Buffer.concat(encodeRepairs(new Map())))).toEqual(new Map())
  })
})
