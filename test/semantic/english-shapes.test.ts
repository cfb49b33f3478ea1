// The spelling evidence of isEnglishQuery, alone: with no dictionary shipped, invented words that only a word shape
// can place. An English shape makes a one-word query English; a French shape cancels an English word beside it.

import { describe, expect, it } from 'vitest'
import { isEnglishQuery } from '../../src/semantic/english.js'
import { emptyDataDir } from './helpers.js'
import { loadDictionary } from '../../src/semantic/dictionary.js'

const bare = () => loadDictionary(emptyDataDir())

describe('isEnglishQuery by spelling alone', () => {
  it.each([
    ['zorbing', true],
    ['xing', false], // -ing needs three letters before it
    ['zorbness', true],
    ['nessor', false], // at the end only
    ['zorbship', true],
    ['zorbied', true],
    ['zorbies', true],
    ['zorbful', true],
    ['fulzorb', false],
    ['zorbless', true],
    ['zoght', true],
    ['zowz', true],
    ['zorby', true],
    ['zorbay', false], // a vowel before the y
    ['zorbed', true],
    ['zed', false], // -ed needs three letters before it
    ['zorbth', true],
    ['thzorb', false],
    ['zorbor', false], // no shape: French by default
  ])('%s → %s', (word, english) => {
    expect(isEnglishQuery(word, bare())).toBe(english)
  })

  it.each(['zorbeau', 'zorbeaux', 'zorbeux', 'zorbeuse', 'zorbeuses', 'zorbaient', 'zorbait', 'zorbez', 'zorbique', 'zorbiques', 'zorboire', 'zorboires', 'zorbaire', 'zorbaires', 'zorbeur', 'zorbeurs', 'zorbaux', 'zorbee', 'zorbees'])(
    'the French shape of %s cancels an English -ing word',
    (french) => {
      expect(isEnglishQuery(`zorbing ${french}`, bare())).toBe(false)
    },
  )

  it.each(['zorbor', 'eauzorb', 'aitzorb', 'ez', 'eezorb', 'auxzorb'])('%s has no French shape: the -ing word wins', (other) => {
    expect(isEnglishQuery(`zorbing ${other}`, bare())).toBe(true)
  })

  it('weighs a function word or a clitic as two words of spelling', () => {
    // `the` (2) against two French-shaped words (1 each): a tie, and French wins ties.
    expect(isEnglishQuery('the zorbeau zorbeux', bare())).toBe(false)
    expect(isEnglishQuery('the zorbeau', bare())).toBe(true)
    expect(isEnglishQuery("zorb's zorbeau zorbeux", bare())).toBe(false)
    expect(isEnglishQuery("zorb's zorbeau", bare())).toBe(true)
    // An accent or an elision is two words of French.
    expect(isEnglishQuery('zorbing zorbing zorbé', bare())).toBe(false)
    expect(isEnglishQuery("zorbing zorbing zorbing l'zorb", bare())).toBe(true)
    expect(isEnglishQuery("zorbing zorbing l'zorb", bare())).toBe(false)
  })

  it('leaves out one-letter words, numbers and symbols', () => {
    expect(isEnglishQuery('x y z', bare())).toBe(false)
    expect(isEnglishQuery('zorbing 2015 CTOC/COP/WG.7', bare())).toBe(true)
  })
})
