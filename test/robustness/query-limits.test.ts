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
})
