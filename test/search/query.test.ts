import { describe, expect, it } from 'vitest'
import { isEmptyQuery, parseQuery } from '../../src/search/query.js'

describe('parseQuery', () => {
  it('separates a phrase from free terms', () => {
    const q = parseQuery('"geler et confisquer" produit')
    expect(q.phrases).toEqual(['geler et confisquer'])
    expect(q.terms).toEqual(['produit'])
    // The phrase's words also rank, stemmed, its stop word `et` dropped.
    expect(q.phraseTerms).toEqual(['gel', 'confisqu'])
    expect(q.text).toBe('geler et confisquer produit')
  })
  it('reads French guillemets and curly quotes as phrase quotes', () => {
    expect(parseQuery('« équipes communes d’enquête »').phrases).toEqual(['equipes communes enquete'])
    expect(parseQuery('“techniques d\'enquête spéciales”').phrases).toEqual(['techniques enquete speciales'])
  })
  it('closes an unbalanced quote at the end of the query', () => {
    expect(parseQuery('"circonstances aggravantes').phrases).toEqual(['circonstances aggravantes'])
  })
  it('excludes -words and -"phrases" as written (folded), but keeps hyphenated words', () => {
    const q = parseQuery('trafic -Traité -"droits de l\'homme" ci-après')
    expect(q.excludedPhrases).toEqual(['traite', 'droits de homme'])
    // `ci-après` is still searched as a free word: the hyphen splits it, not a minus before it.
    expect(q.terms).toEqual(['trafic', 'ci', 'apre'])
  })
  it('reads -ci-après as the phrase it spells, like -"ci-après"', () => {
    expect(parseQuery('trafic -ci-après').excludedPhrases).toEqual(['ci apres'])
    expect(parseQuery('trafic -"ci-après"').excludedPhrases).toEqual(['ci apres'])
  })
  it('treats a query of stop words or exclusions only as empty', () => {
    expect(isEmptyQuery(parseQuery('le de la'))).toBe(true)
    expect(isEmptyQuery(parseQuery('-traite'))).toBe(true)
    expect(isEmptyQuery(parseQuery('"de la"'))).toBe(false)
  })
  it('reads the low-high quotes „…“ and a typographic minus −', () => {
    expect(parseQuery('„passeurs de migrants“').phrases).toEqual(['passeurs de migrants'])
    const q = parseQuery('trafic −traite −"droits de l’homme"')
    expect(q.excludedPhrases).toEqual(['traite', 'droits de homme'])
    expect(q.terms).toEqual(['trafic'])
  })
  it('excludes a quoted phrase only when its minus stands alone before it', () => {
    // `x-"y"`: the minus belongs to the word before, so the phrase is required, not excluded.
    const q = parseQuery('trafic-"droits de l’homme"')
    expect(q.excludedPhrases).toEqual([])
    expect(q.phrases).toEqual(['droits de homme'])
    expect(q.terms).toEqual(['trafic'])
    expect(parseQuery('-"droits de l’homme" trafic').excludedPhrases).toEqual(['droits de homme'])
  })
  it('takes a lone minus and empty quotes as nothing, not as an exclusion or a phrase', () => {
    const q = parseQuery('trafic - "" -""')
    expect(q.excludedPhrases).toEqual([])
    expect(q.phrases).toEqual([])
    expect(q.terms).toEqual(['trafic'])
  })
  it('keeps the free text in query order, one space apart, for the semantic channels', () => {
    const q = parseQuery('  passeurs   "geler et  confisquer"   -traite  produit ')
    expect(q.text).toBe('passeurs geler et confisquer produit')
    expect(q.raw).toBe('  passeurs   "geler et  confisquer"   -traite  produit ')
  })
  it('reads a phrase glued to the word before it as a phrase, the word whole', () => {
    const q = parseQuery('trafic"droits de l’homme"')
    expect(q.terms).toEqual(['trafic'])
    expect(q.phrases).toEqual(['droits de homme'])
  })
  it('takes the minus of a -"phrase" out of the free text', () => {
    expect(parseQuery('-"droits de l’homme" trafic').text).toBe('trafic')
    expect(parseQuery('trafic -"droits de l’homme"').text).toBe('trafic')
  })
  it('does not read a minus inside a word, two spaces before a phrase, as the phrase\'s', () => {
    const q = parseQuery('pro-passeurs  "droits de l’homme"')
    expect(q.excludedPhrases).toEqual([])
    expect(q.phrases).toEqual(['droits de homme'])
  })
  it('trims the spaces inside a phrase\'s quotes from the free text', () => {
    expect(parseQuery('" protection des témoins "').text).toBe('protection des témoins')
  })
})

