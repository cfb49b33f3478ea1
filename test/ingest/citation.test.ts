// Citation labels: what a drafter pastes after a quotation, by symbol or by title and date.

import { describe, expect, it } from 'vitest'
import { parseCatalogue } from '../../src/ingest/catalogue.js'
import { citationFor, frenchDate } from '../../src/ingest/citation.js'
import { shortNameOf } from '../../src/ingest/short-name.js'
import type { DocumentMeta, Passage } from '../../src/types.js'
import { parsedSeed } from './helpers.js'

describe('citations of seed passages', () => {
  it('001 ¶36: symbol and paragraph, section joined with ›', () => {
    const { document, byLabel } = parsedSeed('001')
    expect(citationFor(document, byLabel('36'))).toEqual({
      file: '001_f3a438cdd34e73ea.txt',
      symbol: 'CTOC/COP/WG.7/2015/5',
      title: 'Document d’information : recommandations adoptées par le Groupe de travail sur le trafic illicite de migrants',
      date: '2015',
      year: 2015,
      section:
        'IV. Recommandations relatives à l’incrimination du trafic illicite de migrants et aux enquêtes et poursuites concernant cette infraction › A. Recommandations adoptées par le Groupe de travail à sa première réunion, tenue à Vienne du 30 mai au 1er juin 2012',
      paragraph: '36',
      label: 'CTOC/COP/WG.7/2015/5, par. 36',
    })
  })

  it('002 ¶72: CTOC/COP/2022/3, par. 72', () => {
    const { document, byLabel } = parsedSeed('002')
    expect(citationFor(document, byLabel('72')).label).toBe('CTOC/COP/2022/3, par. 72')
  })

  it('004 Recommandation 22: no symbol, so the catalogue’s short title', () => {
    const { document, byLabel } = parsedSeed('004')
    const citation = citationFor(document, byLabel('Recommandation 22'))
    expect(citation.label).toBe('Projet de rapport, additif (Vienne, 2019), recommandation 22')
    expect(citation.section).toBe('II. Recommandations (suite) › A. Recommandations générales')
  })

  it('003 Recommandation 7: the short title, not the 20-word meeting title', () => {
    const { document, byLabel } = parsedSeed('003')
    expect(citationFor(document, byLabel('Recommandation 7')).label).toBe('Rapport du Groupe de travail (Vienne, 2021), recommandation 7')
  })

  it('without a short name (an index built before them), title and date in French as before', () => {
    const { document, byLabel } = parsedSeed('004')
    expect(citationFor({ ...document, shortName: undefined }, byLabel('Recommandation 22')).label).toBe('Projet de rapport, Additif (12 septembre 2019), recommandation 22')
  })
})

describe('citation labels without a symbol', () => {
  const document: DocumentMeta = { id: 'x', file: 'x.txt', symbol: '', title: 'Note', date: '2019-09-01', year: 2019, meeting: '', kind: 'meeting-report', sha256: '' }
  const passage: Passage = { id: 'x.u1', docId: 'x', file: 'x.txt', paragraph: '', section: ['I. Introduction', 'A. Contexte'], start: 0, end: 1, text: 'T', kind: 'narrative', order: 0 }

  it('an unnumbered passage is placed by its innermost heading; the first of a month is `1er`', () => {
    expect(citationFor(document, passage).label).toBe('Note (1er septembre 2019), section « A. Contexte »')
  })

  it('no title: the file name stands in; no date: none shown; no section: the document alone', () => {
    expect(citationFor({ ...document, title: '', date: '', year: null }, { ...passage, section: [] }).label).toBe('x.txt')
  })

  it.each([
    ['2019-09-12', '12 septembre 2019'],
    ['2021-08', 'août 2021'],
    ['2015', '2015'],
    ['2012-05-01', '1er mai 2012'],
  ])('frenchDate(%s) = %s', (iso, french) => {
    expect(frenchDate(iso)).toBe(french)
  })
})

describe('short names', () => {
  const document = { id: 'x', file: 'x.pdf', symbol: '', title: '', year: 2019 as number | null }

  it('the symbol first, then the catalogue’s short title, then the head of the title with its year, then the file', () => {
    expect(shortNameOf({ ...document, symbol: 'CTOC/COP/WG.7/2019/2', title: 'Rapport' }, 'Rapport (Vienne, 2019)')).toBe('CTOC/COP/WG.7/2019/2')
    expect(shortNameOf({ ...document, title: 'Rapport de la réunion du Groupe de travail tenue à Vienne' }, 'Rapport (Vienne, 2019)')).toBe('Rapport (Vienne, 2019)')
    expect(shortNameOf({ ...document, title: 'Rapport de la réunion du Groupe de travail tenue à Vienne' })).toBe('Rapport de la réunion (2019)')
    expect(shortNameOf({ ...document, title: 'Note verbale datée du 3 mai 2019' })).toBe('Note verbale datée du 3 mai 2019')
    expect(shortNameOf({ ...document, year: null })).toBe('x.pdf')
  })

  it('a catalogue short title needs its source, like every catalogued value', () => {
    expect(() => parseCatalogue(JSON.stringify({ 'a.txt': { shortTitle: { value: 'Rapport (2012)', source: '' } } }))).toThrow(/"a.txt".shortTitle must be/)
    expect(parseCatalogue(JSON.stringify({ 'a.txt': { shortTitle: { value: 'Rapport (2012)', source: 'cover page' } } }))['a.txt']!.shortTitle!.value).toBe('Rapport (2012)')
  })
})
