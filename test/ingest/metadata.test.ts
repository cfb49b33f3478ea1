// Document metadata: what each seed's text states, what the catalogue adds, and that nothing is invented.

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { parseFrenchDate } from '../../src/ingest/metadata.js'
import { parseDocument } from '../../src/ingest/parse.js'
import { parsedSeed, rawSeed } from './helpers.js'

const stated = (key: Parameters<typeof parsedSeed>[0]) => {
  const { sha256: _, ...document } = parsedSeed(key, false).document
  return document
}

describe('metadata stated by the text alone', () => {
  it('000 states nothing about itself: no symbol even though its annex lists symbols alone on lines', () => {
    expect(stated('000')).toEqual({ id: '000_f4384e2a98d04a30', file: '000_f4384e2a98d04a30.txt', symbol: '', title: '', shortName: '000_f4384e2a98d04a30.txt', date: '', year: null, meeting: '', kind: 'meeting-report' })
  })

  it('001: the symbol from its running header; the date is the symbol year', () => {
    expect(stated('001')).toMatchObject({ symbol: 'CTOC/COP/WG.7/2015/5', title: '', date: '2015', year: 2015 })
  })

  it('002: symbol from the header between URLs and page counter, title and kind from the title line', () => {
    expect(stated('002')).toMatchObject({ symbol: 'CTOC/COP/2022/3', title: 'Rapport du Secrétariat', date: '2022', year: 2022, meeting: '', kind: 'secretariat-report' })
  })

  it('003: the wrapped title, and the first meeting day it names', () => {
    expect(stated('003')).toMatchObject({
      symbol: '',
      title: 'Rapport de la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne les 14 et 15 octobre 2021',
      date: '2021-10-14',
      year: 2021,
      kind: 'meeting-report',
    })
  })

  it('004: the Markdown cover page gives title, issue date and meeting', () => {
    expect(stated('004')).toMatchObject({
      symbol: '',
      title: 'Projet de rapport, Additif',
      date: '2019-09-12',
      year: 2019,
      meeting: 'Groupe de travail sur le trafic illicite de migrants, Vienne, 11-13 septembre 2019',
      kind: 'draft-addendum',
    })
  })

  it('the sha256 is the file text’s', () => {
    expect(parsedSeed('004').document.sha256).toBe(createHash('sha256').update(rawSeed('004')).digest('hex'))
  })
})

describe('metadata with the catalogue', () => {
  it('000: title, meeting date, meeting and kind from the catalogue; the symbol stays unknown', () => {
    expect(parsedSeed('000').document).toMatchObject({
      symbol: '',
      title: 'Rapport de la réunion du Groupe de travail sur le trafic illicite de migrants tenue à Vienne du 30 mai au 1er juin 2012',
      date: '2012-05-30',
      year: 2012,
      meeting: 'Première réunion du Groupe de travail sur le trafic illicite de migrants, Vienne, 30 mai-1er juin 2012',
      kind: 'meeting-report',
    })
  })

  it('001: a compendium for the sixth session, symbol CTOC/COP/WG.7/2015/5', () => {
    expect(parsedSeed('001').document).toMatchObject({ symbol: 'CTOC/COP/WG.7/2015/5', date: '2015', year: 2015, meeting: 'Sixième session du Groupe de travail sur le trafic illicite de migrants', kind: 'compendium' })
  })

  it('002: prepared for the eleventh session of the Conference', () => {
    expect(parsedSeed('002').document).toMatchObject({
      symbol: 'CTOC/COP/2022/3',
      year: 2022,
      meeting: 'Onzième session de la Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée',
      kind: 'secretariat-report',
    })
  })

  it('003 and 004: no symbol is invented', () => {
    expect(parsedSeed('003').document).toMatchObject({ symbol: '', date: '2021-10-14', kind: 'meeting-report', meeting: 'Huitième réunion du Groupe de travail sur le trafic illicite de migrants, Vienne, 14 et 15 octobre 2021' })
    expect(parsedSeed('004').document).toMatchObject({ symbol: '', date: '2019-09-12', kind: 'draft-addendum' })
  })

  it('the text wins over the catalogue where it states a value; the catalogue fills the rest', () => {
    const raw = 'I. Introduction\n\n1. Un paragraphe.\n\nV.15-06043 9\n\nCTOC/COP/WG.7/2015/5\n\n2. Un autre.\n'
    const { document } = parseDocument('x.txt', raw, {
      symbol: { value: 'CTOC/COP/WG.7/2099/1', source: 'test' },
      title: { value: 'Titre du catalogue', source: 'test' },
      kind: { value: 'compendium', source: 'test' },
    })
    expect(document).toMatchObject({ id: 'x', symbol: 'CTOC/COP/WG.7/2015/5', title: 'Titre du catalogue', date: '2015', kind: 'compendium' })
  })
})

describe('French dates', () => {
  it.each([
    ['12 septembre 2019', '2019-09-12'],
    ['tenue à Vienne les 14 et 15 octobre 2021', '2021-10-14'],
    ['Vienne, 11-13 septembre 2019', '2019-09-11'],
    ['tenue à Vienne du 30 mai au 1er juin 2012', '2012-05-30'],
    ['le 1er août 2020', '2020-08-01'],
    ['en decembre 2013, le 3 decembre 2013', '2013-12-03'],
  ])('%s → %s (the first day of a range)', (text, iso) => {
    expect(parseFrenchDate(text)?.iso).toBe(iso)
  })

  it('no date in `résolution 5/3` or `juillet 2020` (no day)', () => {
    expect(parseFrenchDate('Dans sa résolution 5/3')).toBeNull()
    expect(parseFrenchDate('de juillet 2020 a juillet 2022')).toBeNull()
  })
})
