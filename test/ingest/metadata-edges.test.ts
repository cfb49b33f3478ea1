// The edges of metadata.ts a reader would see in a citation: each French date form and month, each cover-page
// statement (distribution, original language, session, agenda item, meeting, title) and what is never taken for one,
// the title's length limit, the catalogue's fallbacks and the document id. Covers are written here by hand, one
// statement a line as the readers give them; each expected value is read off them.

import { describe, expect, it } from 'vitest'
import { sourceLines } from '../../src/ingest/clean.js'
import { documentId, documentMeta, parseFrenchDate, readStatedMetadata, type StatedMetadata } from '../../src/ingest/metadata.js'

/** What a cover of these lines states: the whole file's lines for the symbol, its non-blank text lines as the front matter. */
function cover(lines: string[]): StatedMetadata {
  const source = sourceLines(lines.join('\n'), false)
  return readStatedMetadata(source, source.filter((line) => line.text !== '' && !line.furniture))
}

const NOTHING: StatedMetadata = { symbol: '', title: '', date: '', meeting: '', kind: null, distribution: '', originalLanguage: '', session: '', agendaItem: '' }

describe('French dates', () => {
  it('each month, with or without its accent, in any case, the day and month padded', () => {
    const months = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']
    expect(months.map((month) => parseFrenchDate(`le 5 ${month} 2020`)?.iso)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2020-${m}-05`))
    expect(['3 fevrier 2020', '3 aout 2020', '3 DÉCEMBRE 2020', '3 Fevrier 2020'].map((text) => parseFrenchDate(text)?.iso)).toEqual(['2020-02-03', '2020-08-03', '2020-12-03', '2020-02-03'])
  })

  it('the words matched, and the first day of every range form: 1er, 1re, an en dash, spaces around a dash', () => {
    expect(parseFrenchDate('Vienne, 1re juin 2010, salle B')).toEqual({ iso: '2010-06-01', matched: '1re juin 2010' })
    expect(parseFrenchDate('11–13 septembre 2019')?.iso).toBe('2019-09-11')
    expect(parseFrenchDate('11 - 13 septembre 2019')?.iso).toBe('2019-09-11')
    expect(parseFrenchDate('30 mai au 1er juin 2012')).toEqual({ iso: '2012-05-30', matched: '30 mai au 1er juin 2012' })
    expect(parseFrenchDate('du 30 mai au 1re juin 2012')?.iso).toBe('2012-05-30')
  })

  it('no date inside a longer number, with a three-digit day, a two-digit year or a year run on', () => {
    expect(['112 mai 2020', 'x12 mai 2020', '12 mai 20', '12 mai 20201', '12 mai2020', '12mai 2020'].map((text) => parseFrenchDate(text))).toEqual(Array(6).fill(null))
  })
})

describe('what a cover page states', () => {
  it('all its statements, each on its line, and the title around them', () => {
    expect(cover([
      'Nations Unies',
      'CTOC/COP/WG.7/2019/2',
      'V.19-05432 3/12',
      'Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée',
      'Distr. générale',
      '12 juillet 2019',
      'Français',
      'Original : anglais',
      'Groupe de travail sur le trafic illicite de migrants',
      'Vienne, 11-13 septembre 2019',
      'Point 2 de l’ordre du jour provisoire',
      'Rapport du Secrétariat sur la coopération',
      'internationale en matière pénale',
      'Note du Secrétariat',
    ])).toEqual({
      symbol: 'CTOC/COP/WG.7/2019/2',
      title: 'Rapport du Secrétariat sur la coopération internationale en matière pénale, Note du Secrétariat',
      date: '2019-07-12',
      meeting: 'Groupe de travail sur le trafic illicite de migrants, Vienne, 11-13 septembre 2019',
      kind: 'secretariat-report',
      distribution: 'Distr. générale',
      originalLanguage: 'anglais',
      session: '',
      agendaItem: 'Point 2 de l’ordre du jour provisoire',
    })
  })

  it('the first of each statement counts; the session line opens the meeting', () => {
    expect(cover([
      'Distr. limitée',
      'Distr. générale',
      'Original: espagnol',
      'Original: anglais',
      'Onzième session',
      'Vienne, 12-16 octobre 2020',
      'Dixième session extraordinaire',
      'Genève, 1er juin 2010',
      'Points 4, 5 et 6 b) de l’ordre du jour',
      "Point 7 de l'ordre du jour",
    ])).toEqual({ ...NOTHING, distribution: 'Distr. limitée', originalLanguage: 'espagnol', session: 'Onzième session', meeting: 'Dixième session extraordinaire, Genève, 1er juin 2010', agendaItem: 'Points 4, 5 et 6 b) de l’ordre du jour' })
  })

  it('session and meeting lines: an ordinal and its word alone; each body that opens a meeting', () => {
    expect(['Première réunion', 'Huitième session', 'Deuxième réunion extraordinaire'].map((line) => cover([line]).session)).toEqual(['Première réunion', 'Huitième session', 'Deuxième réunion extraordinaire'])
    expect(['première réunion', 'Huitième session du Groupe', 'Session', 'Seconde session'].map((line) => cover([line]).session)).toEqual(['', '', '', ''])
    for (const organ of ['Conférence des Parties', 'Groupe de travail', 'Commission', 'Assemblée générale', 'Conseil']) {
      expect(cover([`${organ} X`, 'Vienne, 1er juin 2010']).meeting).toBe(`${organ} X, Vienne, 1er juin 2010`)
    }
    expect(cover(['Commissions réunies', 'Vienne, 1er juin 2010']).meeting).toBe('')
  })

  it('a place and dates line joins a meeting only after a body or session line, and a body alone is no meeting', () => {
    expect(cover(['Vienne, 11-13 septembre 2019', 'Groupe de travail sur le trafic illicite de migrants'])).toEqual({ ...NOTHING, title: 'Vienne, 11-13 septembre 2019', date: '2019-09-11' })
    expect(cover(['Groupe de travail sur le trafic illicite de migrants']).meeting).toBe('')
    expect(cover(['Groupe de travail', 'Vienne, du 1er au 3 juin', 'Rapport']).title).toBe('Vienne, du 1er au 3 juin, Rapport')
    expect(cover(['Groupe de travail', 'vienne, 2019']).meeting).toBe('')
    expect(cover(['Groupe de travail', 'tenue à Vienne, 2010']).meeting).toBe('')
    expect(cover(['Groupe de travail', 'Vienne, 2010 et après']).meeting).toBe('')
    expect(cover(['Groupe de travail', 'Vienne, salle 3']).meeting).toBe('')
  })

  it('a body named inside a title line is no meeting', () => {
    expect(cover(['Rapport du Groupe de travail', 'Vienne, 1er juin 2010'])).toEqual({ ...NOTHING, title: 'Rapport du Groupe de travail, Vienne, 1er juin 2010', date: '2010-06-01' })
  })

  it('the other languages of the cover, and Nations Unies, are never the title; each stands alone on its line', () => {
    expect(cover(['Anglais', 'Espagnol', 'Arabe', 'Chinois', 'Russe', 'Français', 'Nations Unies', 'Rapport'])).toEqual({ ...NOTHING, title: 'Rapport' })
    const longer = ['Français et', 'Anglais et', 'Espagnol et', 'Arabe et', 'Chinois et', 'Russe et', 'Nations Unies et']
    expect(cover(longer).title).toBe(longer.join(', '))
    expect(cover(['Version en Anglais']).title).toBe('Version en Anglais')
  })

  it('distribution and original language: also with no space after the dot or colon; not named inside a line', () => {
    expect(cover(['Distr.générale', 'Original :anglais'])).toMatchObject({ distribution: 'Distr. générale', originalLanguage: 'anglais' })
    expect(cover(['Note Distr. restreinte', 'Texte Original : anglais'])).toMatchObject({ distribution: '', originalLanguage: '' })
    expect(cover(['Rapport de la Huitième session']).session).toBe('')
  })

  it('agenda items: one or more numbers with letters, singular or plural, provisional or not; not a point in a sentence', () => {
    const items = ['Point 3 de l’ordre du jour', 'Points 3 et 4 de l’ordre du jour', 'Point 3a de l’ordre du jour provisoire', 'Points 2,3 et 4 de l’ordre du jour', 'Point 5 a) de l’ordre du jour']
    expect(items.map((line) => cover([line]).agendaItem)).toEqual(items)
    expect(['Point 12 de l’ordre du jour', 'Points 3 et 12 de l’ordre du jour', 'Points 3 et 4b de l’ordre du jour'].map((line) => cover([line]).agendaItem)).toEqual(['Point 12 de l’ordre du jour', 'Points 3 et 12 de l’ordre du jour', 'Points 3 et 4b de l’ordre du jour'])
    expect(['Voir Point 3 de l’ordre du jour', 'Point 3 de la réunion', 'Point de l’ordre du jour'].map((line) => cover([line]).agendaItem)).toEqual(['', '', ''])
  })

  it('a line that is only a date is the issue date; a date inside a title dates the document only when no issue date is given', () => {
    expect(cover(['Rapport de la réunion tenue les 14 et 15 octobre 2021', '3 novembre 2021'])).toMatchObject({ date: '2021-11-03', title: 'Rapport de la réunion tenue les 14 et 15 octobre 2021', kind: 'meeting-report' })
    expect(cover(['Rapport de la réunion tenue les 14 et 15 octobre 2021']).date).toBe('2021-10-14')
    expect(cover(['3 novembre 2021', '4 novembre 2021']).date).toBe('2021-11-03')
    expect(cover(['Le 3 novembre 2021']).date).toBe('2021-11-03')
    expect(cover(['Le 3 novembre 2021']).title).toBe('Le 3 novembre 2021')
  })

  it('a line opening in lower case continues the title line before it; before any title it is dropped', () => {
    expect(cover(['suite d’une phrase', 'Rapport', 'sur la réunion', 'Additif', 'et annexe']).title).toBe('Rapport sur la réunion, Additif et annexe')
  })

  it('a title of up to 300 characters, parts and their separators counted; a longer one is a paragraph cut by a page break', () => {
    expect(cover([`R${'a'.repeat(296)}`, 'B']).title).toBe(`R${'a'.repeat(296)}, B`)
    expect(cover([`R${'a'.repeat(297)}`, 'B']).title).toBe('')
    expect(cover([`R${'a'.repeat(297)}`, 'B 3 juin 2020']).date).toBe('')
  })

  it('the symbol is the running header’s, not a job number’s nor a symbol quoted in the text', () => {
    expect(cover(['V.19-05432 3/12', 'Voir CTOC/COP/2020/1.']).symbol).toBe('')
    expect(cover(['CTOC/COP/2020/1', 'Texte', 'Texte', 'Texte', 'Texte', 'CTOC/COP/2021/9', '3/14']).symbol).toBe('CTOC/COP/2021/9')
  })
})

describe('the document record', () => {
  const entry = {
    symbol: { value: 'CTOC/COP/WG.7/2012/4', source: 'test' },
    title: { value: 'Titre du catalogue', source: 'test' },
    shortTitle: { value: 'Réunion de 2012', source: 'test' },
    date: { value: '2012-05-30', source: 'test' },
    meeting: { value: 'Première réunion', source: 'test' },
    kind: { value: 'compendium' as const, source: 'test' },
  }

  it('with nothing stated and no catalogue: the file names it, no date, a meeting report', () => {
    expect(documentMeta('dossier/Réunion (1).txt', 'h', NOTHING)).toEqual({
      id: 'dossier-Reunion-1', file: 'dossier/Réunion (1).txt', symbol: '', title: '', shortName: 'dossier/Réunion (1).txt', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: 'h',
    })
  })

  it('the catalogue fills each field the text does not state, its short title names a document with no symbol', () => {
    expect(documentMeta('a.txt', 'h', NOTHING, entry)).toMatchObject({ symbol: 'CTOC/COP/WG.7/2012/4', title: 'Titre du catalogue', date: '2012-05-30', year: 2012, meeting: 'Première réunion', kind: 'compendium' })
    expect(documentMeta('a.txt', 'h', NOTHING, { shortTitle: entry.shortTitle }).shortName).toBe('Réunion de 2012')
  })

  it('the text wins over the catalogue, except the kind: the catalogue’s, else the title’s', () => {
    const stated = { ...NOTHING, symbol: 'CTOC/COP/2022/3', title: 'Rapport du Secrétariat', date: '2022-02-01', meeting: 'Onzième session, Vienne', kind: 'secretariat-report' as const }
    expect(documentMeta('a.txt', 'h', stated, entry)).toMatchObject({ symbol: 'CTOC/COP/2022/3', title: 'Rapport du Secrétariat', date: '2022-02-01', year: 2022, meeting: 'Onzième session, Vienne', kind: 'compendium' })
    expect(documentMeta('a.txt', 'h', stated).kind).toBe('secretariat-report')
  })

  it('with no date, the year between slashes in the symbol, 1900–2099 only', () => {
    const year = (symbol: string) => documentMeta('a.txt', 'h', { ...NOTHING, symbol }).date
    expect(['CTOC/COP/WG.7/2015/5', 'A/RES/1999/2', 'CTOC/COP/2015', 'A/RES/1899/2', 'A/RES/2100/2', 'A/RES/20151/2'].map(year)).toEqual(['2015', '1999', '', '', '', ''])
  })

  it('the cover statements are kept when stated, and absent (not empty) otherwise', () => {
    const stated = { ...NOTHING, distribution: 'Distr. générale', originalLanguage: 'anglais', session: 'Onzième session', agendaItem: 'Point 2 de l’ordre du jour' }
    expect(documentMeta('a.txt', 'h', stated)).toMatchObject({ distribution: 'Distr. générale', originalLanguage: 'anglais', session: 'Onzième session', agendaItem: 'Point 2 de l’ordre du jour' })
    expect(Object.keys(documentMeta('a.txt', 'h', NOTHING))).not.toContain('distribution')
    expect(Object.keys(documentMeta('a.txt', 'h', NOTHING)).filter((key) => ['distribution', 'originalLanguage', 'session', 'agendaItem'].includes(key))).toEqual([])
  })
})

describe('document ids', () => {
  it('the path without its extension, accents dropped, anything else but letters, digits, _ and - made one -', () => {
    expect(['000_f4384e2a98d04a30.txt', '2015/Réunion (1).pdf', 'a.b.txt', 'dir.v2/file', 'dir\\sous.dir\\r.docx', '--(x)--.md', 'Équipe.tar'].map(documentId)).toEqual([
      '000_f4384e2a98d04a30', '2015-Reunion-1', 'a-b', 'dir-v2-file', 'dir-sous-dir-r', 'x', 'Equipe',
    ])
  })
})
