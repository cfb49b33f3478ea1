import { describe, expect, it } from 'vitest'
import { isEmptyQuery, parseQuery } from '../../src/search/query.js'
import { analyze } from '../../src/text/analyzer.js'

describe('parseQuery', () => {
  it('separates a phrase from free terms', () => {
    const q = parseQuery('"geler et confisquer" produit')
    expect(q.phrases).toEqual(['geler et confisquer'])
    expect(q.terms).toEqual(analyze('produit'))
    expect(q.phraseTerms).toEqual(analyze('geler confisquer'))
    expect(q.text).toBe('geler et confisquer produit')
  })
  it('reads French guillemets and curly quotes as phrase quotes', () => {
    expect(parseQuery('« équipes communes d’enquête »').phrases).toEqual(['equipes communes enquete'])
    expect(parseQuery('“techniques d\'enquête spéciales”').phrases).toEqual(['techniques enquete speciales'])
  })
  it('closes an unbalanced quote at the end of the query', () => {
    expect(parseQuery('"circonstances aggravantes').phrases).toEqual(['circonstances aggravantes'])
  })
  it('excludes -terms and -"phrases" but keeps hyphenated words', () => {
    const q = parseQuery('trafic -traite -"droits de l\'homme" ci-après')
    expect(q.excludedTerms).toEqual(analyze('traite'))
    expect(q.excludedPhrases).toEqual(['droits de homme'])
    expect(q.terms).toEqual(analyze('trafic ci-après'))
  })
  it('treats a query of stop words or exclusions only as empty', () => {
    expect(isEmptyQuery(parseQuery('le de la'))).toBe(true)
    expect(isEmptyQuery(parseQuery('-traite'))).toBe(true)
    expect(isEmptyQuery(parseQuery('"de la"'))).toBe(false)
  })
})
