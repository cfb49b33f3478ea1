// Phrases through the OCR damage of the scanned seeds (2012: 000, 2022: 002). Each expected set was found by reading
// the seed text: a regular expression spells out every way the scans write the phrase, and the count says how
// many passages hold it (issue #11: a phrase must match every occurrence, damaged or not).

import { beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

const cases: Array<{ phrase: string; written: RegExp; passages: number; damage: string }> = [
  { phrase: '1er juin', written: /1(?:er|%|°"?)\s+juin/i, passages: 3, damage: '2012 writes "au 1% juin" twice (% for the superscript er)' },
  { phrase: '1er juillet', written: /1(?:er|%|°"?)\s+juillet/i, passages: 1, damage: '2022 writes "le 1°" juillet"' },
  { phrase: 'visant à incriminer', written: /visant\s+(?:à|&|a)\s+incriminer/i, passages: 2, damage: '2012 writes "visant & incriminer"' },
  { phrase: "de l'Afrique", written: /de\s+(?:l|I|1|1I)\s?[’']\s?Afrique/i, passages: 8, damage: '2022 writes "de 1I’Afrique", "de I’Afrique", "de 1’ Afrique"' },
  { phrase: 'a élaboré', written: /\ba\s+(?:é|¢|¢é)labor[é¢](?!\p{L})/iu, passages: 4, damage: '2022 writes "a ¢laboré" and "a ¢élaboré"' },
  { phrase: 'en renforçant', written: /en\s+renfor[ç¢c]ant/i, passages: 4, damage: '2022 writes "en renfor¢ant"' },
  { phrase: 'intérêts légitimes', written: /int[ée]r[êé]ts\s+[l1]égitimes/i, passages: 1, damage: '2022 writes "intéréts 1égitimes"' },
  { phrase: 'huitième réunion', written: /huiti(?:è|é|¢é)me\s+réunion/i, passages: 2, damage: '2022 writes "huiti¢éme réunion"' },
  { phrase: 'la législation', written: /\bla\s+[l1]égislation/i, passages: 12, damage: '2022 writes "la 1égislation" once' },
  { phrase: "l'élaboration", written: /(?:l|I|1)[’']\s?(?:é|¢)laboration/i, passages: 7, damage: '2022 writes "I’¢laboration"' },
]

describe('a phrase matches every occurrence, through OCR damage inside words', () => {
  for (const { phrase, written, passages, damage } of cases) {
    it(`"${phrase}" is in ${passages} passages: ${damage}`, async () => {
      const expected = engine.passages.filter((p) => written.test(p.text)).map((p) => p.id)
      expect(expected).toHaveLength(passages)
      const r = await engine.search({ q: `"${phrase}"`, mode: 'keyword', k: 100 })
      expect(r.total).toBe(passages)
      expect(r.results.map((h) => h.id).sort()).toEqual(expected.sort())
    })
  }

  it('marks the damaged words in the snippet', async () => {
    const r = await engine.search({ q: '"en renforçant"', mode: 'keyword', k: 10 })
    const damaged = r.results.find((h) => h.text.includes('renfor¢ant'))!
    expect(damaged.snippet).toContain('<mark>en renfor¢ant</mark>')
  })
})
