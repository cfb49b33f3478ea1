// Edges of the English-query test that a user would notice as an English query searched as French (or the reverse):
// spellings only at a word's end, the words both languages share, French function words, the glossary's expressions,
// a plural known by its singular, and the irregular English forms. Most cases use invented words and a dictionary
// written here (a fake: a few words chosen by the test), so that only the rule under test can decide.

import { describe, expect, it } from 'vitest'
import { loadDictionary, type Dictionary } from '../../src/semantic/dictionary.js'
import { englishLemmas, isEnglishQuery } from '../../src/semantic/english.js'
import { emptyDataDir } from './helpers.js'

const bare = () => loadDictionary(emptyDataDir())

/** A fake dictionary: no dictionary files, only the glossary expressions and vocabularies given here. */
function fakeDictionary({ glossary = [], english = [], french = [] }: { glossary?: string[]; english?: string[]; french?: string[] }): Dictionary {
  return { ...bare(), glossary: new Map(glossary.map((expression) => [expression, ['traduction']])), englishWords: new Set(english), frenchWords: new Set(french) }
}

describe('spelling shapes count only at the end of a word', () => {
  it.each(['zorbingo', 'zoshipo', 'zoriedo', 'zied', 'zorityo', 'zolesso', 'zoallyo', 'zorbyo', 'zorbedo'])('%s has no English shape: French by default', (word) => {
    expect(isEnglishQuery(word, bare())).toBe(false)
  })

  it.each(['zeuxo', 'zeuseo', 'zaiento', 'zorbezo', 'zez', 'ziqueo', 'zoireo', 'zaireo', 'zeuro'])('%s has no French shape: the -ing word beside it wins', (word) => {
    expect(isEnglishQuery(`zorbing ${word}`, bare())).toBe(true)
  })

  it('an English clitic ends its word, typed with either apostrophe (`zorb’ll`), but an apostrophe inside a name is not one', () => {
    expect(isEnglishQuery('zorb’ll zorbeau', bare())).toBe(true)
    expect(isEnglishQuery("zorb've zorbeau", bare())).toBe(true)
    expect(isEnglishQuery("o'donnell", bare())).toBe(false)
  })
})

describe('words that say nothing', () => {
  it('a one-letter word, even one with an English letter; an empty query or one of punctuation alone', () => {
    expect(isEnglishQuery('w', bare())).toBe(false)
    expect(isEnglishQuery('', bare())).toBe(false)
    expect(isEnglishQuery(' ?! ', bare())).toBe(false)
  })

  // Each is a function word in both languages: alone it leaves the default (French), beside an English word it
  // does not outweigh it. With the shipped dictionaries, which know most of them in one language or the other.
  it.each(['a', 'as', 'on', 'son', 'pour', 'me', 'ma', 'or', 'but', 'an', 'us', 'plus', 'non', 'sale', 'i'])('%s', (word) => {
    expect(isEnglishQuery(word)).toBe(false)
    expect(isEnglishQuery(`smuggling ${word}`)).toBe(true)
    // Even where a dictionary knows it in one language only.
    expect(isEnglishQuery(word, fakeDictionary({ english: [word] }))).toBe(false)
    expect(isEnglishQuery(`zorbing ${word}`, fakeDictionary({ french: [word] }))).toBe(true)
  })
})

describe('French function words', () => {
  it.each(['de', 'la', 'les', 'sans', 'comment', 'selon', 'afin', 'lesquels'])('%s outweighs an English spelling', (word) => {
    expect(isEnglishQuery(`zorbing ${word}`, bare())).toBe(false)
  })
})

describe('the dictionaries’ evidence', () => {
  it('a glossary expression of two to four words anywhere in the query, not of five', () => {
    const dictionary = fakeDictionary({ glossary: ['zorb zorb', 'alpha beta gamma delta', 'zun zdeux ztrois zquatre zcinq'] })
    expect(isEnglishQuery('zorb zorb', dictionary)).toBe(true)
    expect(isEnglishQuery('alpha beta gamma delta', dictionary)).toBe(true)
    // 2 for the expression against 1 for the French shape beside it.
    expect(isEnglishQuery('alpha beta gamma delta zorbeau', dictionary)).toBe(true)
    expect(isEnglishQuery('zun zdeux ztrois zquatre zcinq', dictionary)).toBe(false)
  })

  it('a French plural is known by its singular', () => {
    const dictionary = fakeDictionary({ french: ['zorbo', 'zorbu'] })
    // One English shape against one French word each time: French wins ties.
    expect(isEnglishQuery('zorbing zorbos', dictionary)).toBe(false)
    expect(isEnglishQuery('zorbing zorbux', dictionary)).toBe(false)
    expect(isEnglishQuery('zorbing zorbs', dictionary)).toBe(true)
  })

  it('an English word is known by its lemma (`zorbs` by `zorb`)', () => {
    expect(isEnglishQuery('zorbs', fakeDictionary({ english: ['zorb'] }))).toBe(true)
    expect(isEnglishQuery('zorbs', fakeDictionary({}))).toBe(false)
  })

  it('a word both vocabularies know says nothing, whatever its spelling', () => {
    expect(isEnglishQuery('zorbing', fakeDictionary({ english: ['zorbing'], french: ['zorbing'] }))).toBe(false)
    expect(isEnglishQuery('zorbing', fakeDictionary({ english: ['zorbing'] }))).toBe(true)
  })
})

describe('englishLemmas', () => {
  // English irregular forms, written out from English grammar.
  it.each([
    ['children', 'child'], ['women', 'woman'], ['men', 'man'], ['people', 'person'], ['feet', 'foot'], ['teeth', 'tooth'],
    ['lives', 'life'], ['wives', 'wife'], ['mice', 'mouse'], ['geese', 'goose'], ['criteria', 'criterion'],
    ['phenomena', 'phenomenon'], ['analyses', 'analysis'], ['crises', 'crisis'], ['bases', 'basis'], ['went', 'go'],
    ['gone', 'go'], ['made', 'make'], ['taken', 'take'], ['given', 'give'], ['seen', 'see'], ['paid', 'pay'], ['sold', 'sell'],
    ['bought', 'buy'], ['held', 'hold'], ['brought', 'bring'], ['caught', 'catch'], ['found', 'find'], ['left', 'leave'],
  ])('%s is the irregular form of %s, and only of it', (word, lemma) => {
    expect(englishLemmas(word)).toEqual([lemma])
  })

  it('-ves gives -f on any length of word; -ing after an i gives no -y', () => {
    expect(englishLemmas('thieves')).toContain('thief')
    expect(englishLemmas('investor')).toEqual([])
    expect(englishLemmas('skiing')).toEqual(['skie', 'ski'])
  })
})
