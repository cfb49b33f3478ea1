// How translateQuery cuts an English query into words and how many translations it keeps: the expected lists are
// read from the shipped FreeDict line and glossary entries named in each test.

import { describe, expect, it } from 'vitest'
import { translateQuery } from '../../src/semantic/translate.js'

// FreeDict: `accommodation	accomodation	arrangement	compromis	construction	disposition	faiblesse de caractère
// accommodement	pacte	demeure	domicile	gîte	habitation	logement	logis` (14 translations).
const ACCOMMODATION = ['accomodation', 'arrangement', 'compromis', 'construction', 'disposition', 'faiblesse de caractère', 'accommodement', 'pacte', 'demeure', 'domicile']

describe('translateQuery word by word', () => {
  it('keeps 3 translations by default, at most 10, at least 1, and a whole number of them', () => {
    expect(translateQuery('accommodation').terms[0]!.french).toEqual(ACCOMMODATION.slice(0, 3))
    expect(translateQuery('accommodation', { maxPerTerm: 20 }).terms[0]!.french).toEqual(ACCOMMODATION)
    expect(translateQuery('accommodation', { maxPerTerm: 0 }).terms[0]!.french).toEqual(ACCOMMODATION.slice(0, 1))
    expect(translateQuery('accommodation', { maxPerTerm: 2.7 }).terms[0]!.french).toEqual(ACCOMMODATION.slice(0, 2))
  })

  it('keeps a hyphenated word whole when an entry has it, and otherwise translates its parts', () => {
    // The glossary has `non-refoulement`; no entry has `cross-border`, FreeDict has `cross` and the glossary `border`.
    expect(translateQuery('non-refoulement').terms.map((t) => t.english)).toEqual(['non-refoulement'])
    expect(translateQuery('cross-border').terms.map((t) => t.english)).toEqual(['cross', 'border'])
  })

  it('drops a possessive ’s, lone letters and function words', () => {
    expect(translateQuery('children’s rights').terms.map((t) => t.english)).toEqual(['children', 'rights'])
    expect(translateQuery('x of the border').terms.map((t) => t.english)).toEqual(['border'])
  })

  it('counts once the translations the keyword index cannot tell apart', () => {
    // FreeDict gives `rôle`; the English word `role` competes as its own cognate and folds to the same term.
    expect(translateQuery('role').terms).toEqual([{ english: 'role', french: ['rôle'] }])
  })
})
