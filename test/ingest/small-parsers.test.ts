// The small ingest parsers on hand-written inputs: a passage's kind, a title's kind, the language check, the
// adoption year, citation labels and short names at their limits. Each expected value is read off the input.

import { describe, expect, it } from 'vitest'
import { adoptionYear } from '../../src/ingest/adoption.js'
import { citationFor, frenchDate } from '../../src/ingest/citation.js'
import { kindFromTitle, passageKind } from '../../src/ingest/kinds.js'
import { notFrench } from '../../src/ingest/language.js'
import { shortNameOf } from '../../src/ingest/short-name.js'
import type { DocumentKind, DocumentMeta, Passage } from '../../src/types.js'

describe('passageKind', () => {
  const kind = (section: string[], type: 'paragraph' | 'recommendation' | 'unnumbered' = 'paragraph', documentKind: DocumentKind = 'meeting-report') =>
    passageKind({ type, section }, documentKind)

  it('a recommendation block is a recommendation, in any document', () => {
    expect(kind(['Introduction'], 'recommendation')).toBe('recommendation')
    expect(kind([], 'recommendation', 'secretariat-report')).toBe('recommendation')
  })

  it('a Secretariat report is narrative whatever its headings say', () => {
    expect(kind(['II. Recommandations'], 'paragraph', 'secretariat-report')).toBe('narrative')
    expect(kind(['Résumé des délibérations'], 'unnumbered', 'secretariat-report')).toBe('narrative')
    expect(kind(['II. Recommandations'], 'paragraph', 'compendium')).toBe('recommendation')
  })

  it('each heading word of a deliberation, in any case', () => {
    for (const heading of [
      'III. Résumé des délibérations',
      'Débat général',
      'Discussion',
      'I. Organisation de la réunion',
      'Organisation des travaux',
      'A. Ouverture de la réunion',
      'Déclarations',
      'C. Participation',
      'D. Documentation',
      'B. Adoption de l’ordre du jour',
      'Adoption du rapport',
      'Questions diverses',
      'RÉSUMÉ DES DÉLIBÉRATIONS',
    ]) {
      expect(kind([heading]), heading).toBe('deliberation')
    }
  })

  it('introductions and conclusions are narrative; a heading naming no part too', () => {
    expect(kind(['I. Introduction'])).toBe('narrative')
    expect(kind(['V. Conclusion'])).toBe('narrative')
    expect(kind(['A. Analyse des tendances'])).toBe('narrative')
    expect(kind([])).toBe('narrative')
  })

  it('the outermost heading naming a part decides; recommandation is tried first within a heading', () => {
    expect(kind(['III. Résumé des délibérations', 'A. Recommandations sur la coopération'])).toBe('deliberation')
    expect(kind(['II. Recommandations', 'A. Débat sur la coopération'])).toBe('recommendation')
    expect(kind(['A. Analyse', 'Débat'])).toBe('deliberation')
    expect(kind(['Conclusions et recommandations'])).toBe('recommendation')
    expect(kind(['Introduction et ordre du jour'])).toBe('deliberation')
    // An introduction or a conclusion decides too: what it holds is narrative, whatever its subheadings say.
    expect(kind(['I. Introduction', 'A. Déclarations liminaires'])).toBe('narrative')
    expect(kind(['V. Conclusions', 'Débat final'])).toBe('narrative')
  })
})

describe('kindFromTitle', () => {
  it('reads the kinds a title names', () => {
    expect(kindFromTitle('Projet de rapport\nAdditif')).toBe('draft-addendum')
    expect(kindFromTitle('PROJET DE RAPPORT — additif')).toBe('draft-addendum')
    expect(kindFromTitle('Rapport du Secrétariat')).toBe('secretariat-report')
    expect(kindFromTitle('Rapport de la réunion du Groupe de travail')).toBe('meeting-report')
    expect(kindFromTitle('Rapport sur la session')).toBe('meeting-report')
    expect(kindFromTitle('RAPPORT DE LA SESSION')).toBe('meeting-report')
  })

  it('null for a title that names none: a draft with no addendum, a meeting report not named first', () => {
    expect(kindFromTitle('Projet de rapport')).toBeNull()
    expect(kindFromTitle('Additif')).toBeNull()
    expect(kindFromTitle('Le rapport de la réunion')).toBeNull()
    expect(kindFromTitle('Rapport de la conférence')).toBeNull()
    expect(kindFromTitle('')).toBeNull()
  })
})

describe('notFrench', () => {
  const words = (...parts: Array<[string, number]>) => parts.flatMap(([word, n]) => Array<string>(n).fill(word)).join(' ')

  it('a text under 60 words passes, whatever its language', () => {
    expect(notFrench(words(['the', 59]))).toBeNull()
    expect(notFrench(words(['the', 60]))).toBe('English')
    expect(notFrench('')).toBeNull()
  })

  it('French from 12 % of French function words, if no other language has more', () => {
    expect(notFrench(words(['le', 12], ['zorglub', 88]))).toBeNull()
    expect(notFrench(words(['le', 11], ['zorglub', 89]))).toBe('another language')
    expect(notFrench(words(['de', 30], ['the', 30], ['zorglub', 40]))).toBeNull()
    expect(notFrench(words(['de', 30], ['the', 31], ['zorglub', 39]))).toBe('English')
  })

  it('names the language whose function words are most frequent, English before Spanish on a tie', () => {
    expect(notFrench(words(['los', 20], ['the', 10], ['zorglub', 70]))).toBe('Spanish')
    expect(notFrench(words(['los', 20], ['the', 20], ['zorglub', 60]))).toBe('English')
    expect(notFrench(words(['zorglub', 100]))).toBe('another language')
  })

  it('counts each function word of each language', () => {
    const french = 'le la les des de du et est une un dans que qui pour par sur au aux avec ont sont ses leur leurs ces cette il elle ne pas été à'
    const english = 'the of and to in is that for on with as by are be this was have which from its their it an or'
    // `que` is French too (and French wins a tie): left out here.
    const spanish = 'el los las del y en por con para una se su sus al como lo es son'
    for (const word of french.split(' ')) expect(notFrench(words([word, 12], ['zorglub', 88])), word).toBeNull()
    for (const word of english.split(' ')) expect(notFrench(words([word, 60])), word).toBe('English')
    for (const word of spanish.split(' ')) expect(notFrench(words([word, 60])), word).toBe('Spanish')
    // A close spelling of a listed word is no function word.
    expect(notFrench(words(['lles', 60]))).toBe('another language')
    expect(notFrench(words(['thee', 60]))).toBe('another language')
  })

  it('reads words in any case, split on anything that is not a letter', () => {
    expect(notFrench(words(['THE', 60]))).toBe('English')
    expect(notFrench(Array(30).fill('l’État,de-la').join(' '))).toBeNull()
    // 'que' is French and Spanish: French wins a tie.
    expect(notFrench(words(['que', 60]))).toBeNull()
  })
})

describe('adoptionYear', () => {
  const document = (kind: DocumentKind, year: number | null) => ({ id: 'd', kind, year }) as DocumentMeta
  const passage = (section: string[], kind: Passage['kind'] = 'recommendation') => ({ kind, section }) as unknown as Passage

  it('undefined for a passage that is not a recommendation', () => {
    expect(adoptionYear(document('meeting-report', 2015), passage([], 'deliberation'))).toBeUndefined()
    expect(adoptionYear(document('meeting-report', 2015), passage(['Recommandations adoptées en 2012'], 'narrative'))).toBeUndefined()
  })

  it('the innermost heading that says when it was adopted', () => {
    const section = ['Recommandations adoptées en 2010', 'A. Recommandations adoptées à la réunion tenue à Vienne en 2012', 'Coopération']
    expect(adoptionYear(document('compendium', 2015), passage(section))).toBe(2012)
    expect(adoptionYear(document('compendium', 2015), passage(['Recommandations adoptées en 2010', 'Coopération']))).toBe(2010)
  })

  it('each form of adopté, any case, a year of this century or the last, a whole number', () => {
    for (const [heading, year] of [
      ['Recommandation adoptée en 2013', 2013],
      ['Recommandations adoptés en 2014', 2014],
      ['Textes adoptés en 1999', 1999],
      ['RECOMMANDATIONS ADOPTÉES EN 2016', 2016],
      ['Recommandations adoptees en 2017', 2017],
      ['Adoptées : réunions de 20123 et de 2018', 2018],
      ['Texte adopté en 2013', 2013],
      ['ADOPTÉ À VIENNE EN 2015', 2015],
    ] as const) {
      expect(adoptionYear(document('compendium', 2020), passage([heading])), heading).toBe(year)
    }
    for (const heading of ['Recommandations adoptées en 2101', 'Adoption du rapport en 2012', 'Recommandations inadoptées en 2012', 'Recommandations de 2012', 'Adoptéesxyz en 2012']) {
      expect(adoptionYear(document('compendium', 2020), passage([heading])), heading).toBeUndefined()
    }
  })

  it('else a meeting report’s year; a compendium’s or a Secretariat report’s is unknown', () => {
    expect(adoptionYear(document('meeting-report', 2015), passage(['Recommandations']))).toBe(2015)
    expect(adoptionYear(document('draft-addendum', 2019), passage([]))).toBe(2019)
    expect(adoptionYear(document('meeting-report', null), passage([]))).toBeUndefined()
    expect(adoptionYear(document('compendium', 2015), passage(['Recommandations']))).toBeUndefined()
    expect(adoptionYear(document('secretariat-report', 2015), passage([]))).toBeUndefined()
  })
})

describe('citationFor at its limits', () => {
  const document: DocumentMeta = { id: 'x', file: 'x.pdf', symbol: 'S/2019/1', title: 'Rapport', date: '2019-09-12', year: 2019, meeting: '', kind: 'meeting-report', sha256: '' }
  const passage: Passage = { id: 'x.p3', docId: 'x', file: 'x.pdf', paragraph: '3', section: ['I. A', 'B. C'], start: 0, end: 1, text: 'T', kind: 'narrative', order: 0 }

  it('gives every field of the citation, the page only when there is one', () => {
    expect(citationFor(document, passage)).toEqual({
      file: 'x.pdf',
      symbol: 'S/2019/1',
      title: 'Rapport',
      date: '2019-09-12',
      year: 2019,
      section: 'I. A › B. C',
      paragraph: '3',
      label: 'S/2019/1, par. 3',
    })
    expect(citationFor(document, { ...passage, pages: [] })).not.toHaveProperty('page')
  })

  it('one page, two pages, a run of pages', () => {
    expect(citationFor(document, { ...passage, pages: [9] })).toMatchObject({ page: '9', label: 'S/2019/1, par. 3, p. 9' })
    expect(citationFor(document, { ...passage, pages: [9, 10] })).toMatchObject({ page: '9-10', label: 'S/2019/1, par. 3, p. 9-10' })
    expect(citationFor(document, { ...passage, pages: [9, 10, 11] }).page).toBe('9-11')
  })

  it('a recommendation by its number only when the label is exactly that', () => {
    expect(citationFor(document, { ...passage, paragraph: 'Recommandation 7' }).label).toBe('S/2019/1, recommandation 7')
    expect(citationFor(document, { ...passage, paragraph: 'Recommandation 7 bis' }).label).toBe('S/2019/1, par. Recommandation 7 bis')
    expect(citationFor(document, { ...passage, paragraph: 'La Recommandation 7' }).label).toBe('S/2019/1, par. La Recommandation 7')
  })

  it('names the document by its short name when it has no symbol, by title and date otherwise', () => {
    expect(citationFor({ ...document, symbol: '', shortName: 'Rapport (Vienne, 2019)' }, passage).label).toBe('Rapport (Vienne, 2019), par. 3')
    expect(citationFor({ ...document, symbol: '' }, passage).label).toBe('Rapport (12 septembre 2019), par. 3')
    // A title that already gives the year needs no date.
    expect(citationFor({ ...document, symbol: '', title: 'Rapport 2019' }, passage).label).toBe('Rapport 2019, par. 3')
    expect(citationFor({ ...document, symbol: '', title: 'Rapport 2018' }, passage).label).toBe('Rapport 2018 (12 septembre 2019), par. 3')
    expect(citationFor({ ...document, symbol: '', title: '', file: 'note-2019.pdf' }, passage).label).toBe('note-2019.pdf, par. 3')
  })
})

describe('frenchDate and shortNameOf at their limits', () => {
  it('frenchDate: a day without its leading zero, a month that does not exist, nothing', () => {
    expect(frenchDate('2019-09-05')).toBe('5 septembre 2019')
    expect(frenchDate('2019-01-31')).toBe('31 janvier 2019')
    expect(frenchDate('2019-12')).toBe('décembre 2019')
    expect(frenchDate('2019-13-01')).toBe('2019')
    expect(frenchDate('2019-00')).toBe('2019')
    expect(frenchDate('')).toBe('')
  })

  it('shortNameOf: a title cut where its head ends, long heads shortened, the year added once', () => {
    const base = { symbol: '', file: 'f.pdf', year: 2012 as number | null }
    expect(shortNameOf({ ...base, title: 'Rapport final de la Conférence des Parties' })).toBe('Rapport final (2012)')
    expect(shortNameOf({ ...base, title: 'Rapport sur les travaux : Vienne' })).toBe('Rapport sur les travaux (2012)')
    // A head of ten characters or fewer is not a head: the whole title stays.
    expect(shortNameOf({ ...base, title: 'Le rapport : résumé' })).toBe('Le rapport : résumé (2012)')
    expect(shortNameOf({ ...base, title: 'Les rapport : résumé' })).toBe('Les rapport (2012)')
    expect(shortNameOf({ ...base, title: 'Rapport de 2012 tenue à Vienne' })).toBe('Rapport de 2012')
    expect(shortNameOf({ ...base, year: null, title: 'Rapport annuel' })).toBe('Rapport annuel')
    const long = 'Rapport très détaillé sur la coopération internationale en matière pénale et ses suites'
    // Cut at the last whole word, not mid-word ("internationale e…").
    expect(shortNameOf({ ...base, title: long })).toBe('Rapport très détaillé sur la coopération internationale… (2012)')
    // A title with no space to cut at is cut at 57 characters.
    expect(shortNameOf({ ...base, title: 'x'.repeat(70) })).toBe(`${'x'.repeat(57)}… (2012)`)
    // A space only near the start is no word end worth keeping: the cut stays at 57.
    expect(shortNameOf({ ...base, title: `Rapport ${'y'.repeat(70)}` })).toBe(`Rapport ${'y'.repeat(49)}… (2012)`)
    expect(shortNameOf({ ...base, title: long.slice(0, 60) })).toBe(`${long.slice(0, 60)} (2012)`)
  })
})
