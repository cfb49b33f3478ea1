import { describe, expect, it } from 'vitest'
import { englishLemmas, isEnglishQuery } from '../../src/semantic/english.js'
import { emptyDataDir } from './helpers.js'
import { loadDictionary } from '../../src/semantic/dictionary.js'

describe('isEnglishQuery', () => {
  it.each([
    // Short queries with no function word: the dictionaries and the glossary's expressions decide.
    'witness protection',
    'unaccompanied children',
    'money laundering',
    'border control',
    'illegal entry',
    'social media',
    'fraudulent documents',
    'smuggling',
    'smugglers',
    'victims',
    'UNODC',
    // Function words and clitics.
    'smuggling of migrants',
    'confiscation of proceeds of crime',
    'how do states protect witnesses',
    "children's rights",
    'women and children',
    'deaths at sea',
  ])('says English for %j', (query) => {
    expect(isEnglishQuery(query)).toBe(true)
  })

  it.each([
    // Function words and accents.
    'protection des témoins',
    'mise en œuvre',
    'mise en oeuvre',
    'trafic illicite de migrants',
    'on peut',
    'lutte contre le trafic',
    'mineurs non accompagnés',
    'enquêtes financières',
    // Words both languages have, alone: no evidence, and French is the default.
    'a',
    'as',
    'on',
    'son',
    'pour',
    'protection',
    'corruption',
    'migrants',
    'confiscation',
    'transit',
    // French words typed without accents.
    'blanchiment',
    'passeurs',
    'trafic migrants',
    'sanctions penales',
    'etats membres',
    'mineurs non accompagnes',
    'cooperation internationale',
    'renforcement des capacites',
    'sauvetage en mer',
    'temoins',
    // One English and one French word: French wins ties.
    'smuggling passeurs',
    // OCR damage and symbols.
    'I’article 6',
    'ceuvre',
    'grou pes criminels',
    'CTOC/COP/WG.7/2015/5',
  ])('says French for %j', (query) => {
    expect(isEnglishQuery(query)).toBe(false)
  })

  it('still spots English by function words and spelling when no dictionary is shipped', () => {
    const bare = loadDictionary(emptyDataDir())
    expect(isEnglishQuery('protection of witnesses', bare)).toBe(true)
    expect(isEnglishQuery('money laundering', bare)).toBe(true)
    expect(isEnglishQuery('protection des témoins', bare)).toBe(false)
    expect(isEnglishQuery('a', bare)).toBe(false)
  })
})

describe('englishLemmas', () => {
  // Candidates are tried in order against the dictionaries, so the right lemma only has to be among them.
  it.each([
    ['children', 'child'],
    ['women', 'woman'],
    ['countries', 'country'],
    ['smuggled', 'smuggle'],
    ['trafficked', 'traffic'],
    ['accompanied', 'accompany'],
    ['running', 'run'],
    ['laundering', 'launder'],
    ['boxes', 'box'],
    ['victims', 'victim'],
  ])('%s has the lemma %s', (word, lemma) => {
    expect(englishLemmas(word)).toContain(lemma)
  })

  it('leaves words without an English ending alone', () => {
    expect(englishLemmas('crisis')).toEqual([])
    expect(englishLemmas('protection')).toEqual([])
  })
})
