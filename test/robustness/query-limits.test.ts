// The bounds on one query's work: what is kept, what is dropped, and the note that says so.

import { describe, expect, it } from 'vitest'
import { limitQuery } from '../../src/search/limits.js'
import { parseQuery } from '../../src/search/query.js'

const limited = (q: string) => limitQuery(parseQuery(q))

describe('limitQuery', () => {
  it('leaves an ordinary query alone, with no note', () => {
    const { query, notes } = limited('"geler et confisquer" produit -traite')
    expect(query).toEqual(parseQuery('"geler et confisquer" produit -traite'))
    expect(notes).toEqual([])
  })

  it('searches a repeated word once', () => {
    expect(limited('trafic trafic trafic migrants').query.terms).toEqual(['trafic', 'migr'])
  })

  it('keeps the first 32 distinct terms, in query order, and cuts the semantic text after them', () => {
    const words = Array.from({ length: 40 }, (_, i) => `mot${i}`)
    const { query, notes } = limited(words.join(' '))
    expect(query.terms).toEqual(words.slice(0, 32))
    expect(query.text).toBe(words.slice(0, 32).join(' '))
    expect(notes).toEqual(['Only the first 32 of the 40 search terms were used; shorten the query to choose them.'])
  })

  it('requires at most 4 phrases and applies at most 8 exclusions', () => {
    const { query, notes } = limited('"a b" "c d" "e f" "g h" "i j" ' + Array.from({ length: 10 }, (_, i) => `-mot${i}`).join(' '))
    expect(query.phrases).toEqual(['a b', 'c d', 'e f', 'g h'])
    expect(query.excludedPhrases).toEqual(Array.from({ length: 8 }, (_, i) => `mot${i}`))
    expect(notes).toEqual(['Only the first 4 of the 5 phrases were required.', 'Only the first 8 of the 10 exclusions were applied.'])
  })

  it('counts excluded words and phrases together, in query order', () => {
    const { query } = limited(Array.from({ length: 7 }, (_, i) => `-mot${i}`).join(' ') + ' -"x y" -"z w" trafic')
    expect(query.excludedPhrases).toEqual([...Array.from({ length: 7 }, (_, i) => `mot${i}`), 'x y'])
  })

  it('cuts a long text of repeated words for the semantic channels, and says so', () => {
    const { query, notes } = limited('smuggling migrants '.repeat(30).trim())
    expect(query.text.split(' ')).toHaveLength(32)
    expect(notes).toEqual(['Only the first 32 words of the query were read by the semantic channels.'])
  })

  it('at exactly each limit keeps everything and says nothing: 32 terms, 4 phrases, 8 exclusions', () => {
    const words = Array.from({ length: 32 }, (_, i) => `mot${i}`)
    const atTerms = limited(words.join(' '))
    expect(atTerms.query.terms).toEqual(words)
    expect(atTerms.query.text).toBe(words.join(' '))
    expect(atTerms.notes).toEqual([])
    const atOthers = limited('"a b" "c d" "e f" "g h" ' + Array.from({ length: 8 }, (_, i) => `-mot${i}`).join(' '))
    expect(atOthers.query.phrases).toEqual(['a b', 'c d', 'e f', 'g h'])
    expect(atOthers.query.excludedPhrases).toEqual(Array.from({ length: 8 }, (_, i) => `mot${i}`))
    expect(atOthers.notes).toEqual([])
  })

  it('fills the terms left after the free words with the phrase words, in order', () => {
    // 30 free words and a phrase of three: the phrase's first two words make 32.
    const words = Array.from({ length: 30 }, (_, i) => `mot${i}`)
    const { query, notes } = limited(`${words.join(' ')} "passeurs navires ports"`)
    expect(query.terms).toEqual(words)
    expect(query.phraseTerms).toEqual(['passeur', 'navir'])
    expect(notes).toEqual(['Only the first 32 of the 33 search terms were used; shorten the query to choose them.'])
  })

  it('with more free words than the limit, keeps no phrase word, and a repeated phrase word counts once', () => {
    const words = Array.from({ length: 33 }, (_, i) => `mot${i}`)
    expect(limited(`${words.join(' ')} "passeurs"`).query.phraseTerms).toEqual([])
    expect(limited('"passeurs passeurs navires"').query.phraseTerms).toEqual(['passeur', 'navir'])
  })

  it('cuts the semantic text after the word that reaches the limit, counting a repeated word each time', () => {
    // 31 distinct words then the first again twice: the 32nd word read is the limit, the text stops there.
    const words = Array.from({ length: 31 }, (_, i) => `mot${i}`)
    const { query, notes } = limited([...words, 'mot0', 'mot0'].join(' '))
    expect(query.text).toBe([...words, 'mot0'].join(' '))
    expect(notes).toEqual(['Only the first 32 words of the query were read by the semantic channels.'])
    // Exactly 32 distinct terms and one repeated after them: every term kept, the semantic text cut, and said.
    const exactly = Array.from({ length: 32 }, (_, i) => `mot${i}`)
    const atLimit = limited([...exactly, 'mot0'].join(' '))
    expect(atLimit.query.terms).toEqual(exactly)
    expect(atLimit.query.text).toBe(exactly.join(' '))
    expect(atLimit.notes).toEqual(['Only the first 32 words of the query were read by the semantic channels.'])
    // Stop words are no terms: they do not count towards the limit.
    const withStopWords = [...words, 'de', 'la', 'mot0'].join(' ')
    expect(limited(withStopWords).query.text).toBe(withStopWords)
  })

  it('takes its limits from the caller', () => {
    // Three free words and two one-word phrases: five terms, the two free ones first kept.
    const { query, notes } = limitQuery(parseQuery('"navires" "ports" trafic migrants passeurs -x -y'), { maxTerms: 2, maxPhrases: 1, maxExclusions: 1 })
    expect(query.terms).toEqual(['trafic', 'migr'])
    expect(query.phraseTerms).toEqual([])
    expect(query.phrases).toEqual(['navires'])
    expect(query.excludedPhrases).toEqual(['x'])
    expect(notes).toEqual([
      'Only the first 1 of the 2 phrases were required.',
      'Only the first 2 of the 5 search terms were used; shorten the query to choose them.',
      'Only the first 1 of the 2 exclusions were applied.',
    ])
  })
})
