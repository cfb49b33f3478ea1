// Parsing rules on small hand-written documents: numbering, headings, hyphenation, furniture, Markdown.

import { describe, expect, it } from 'vitest'
import { joinSegments } from '../../src/ingest/join.js'
import { parseDocument } from '../../src/ingest/parse.js'

const parse = (raw: string, file = 'doc.txt') => parseDocument(file, raw)
const labels = (raw: string) => parse(raw).passages.map((p) => p.paragraph)
const texts = (raw: string) => parse(raw).passages.map((p) => p.text)

describe('paragraph numbers', () => {
  it('numbers that continue a sentence (a resolution, a year, an amount, agenda items) open no paragraph', () => {
    const raw = [
      'I. Introduction',
      '',
      '7. Dans sa résolution',
      '5/3, la Conférence a pris note des travaux menés depuis',
      '2012 et a relevé que',
      '4 000 praticiens avaient été formés au',
      '8 juillet 2015. Ordre du jour :',
      '',
      '1. Questions d’organisation ;',
      '',
      '2. Adoption du rapport.',
      '',
      '8. Le Groupe de travail a pris acte.',
    ].join('\n')
    expect(labels(raw)).toEqual(['7', '8'])
    expect(texts(raw)[0]).toBe(
      'Dans sa résolution 5/3, la Conférence a pris note des travaux menés depuis 2012 et a relevé que 4 000 praticiens avaient été formés au 8 juillet 2015. Ordre du jour : 1. Questions d’organisation ; 2. Adoption du rapport.',
    )
  })

  it('`44,` opens ¶44 when 44 comes next, not otherwise', () => {
    expect(labels('43. Premier.\n\n44, Les Etats parties.\n')).toEqual(['43', '44'])
    expect(labels('43. Premier avec\n\n45, Les Etats parties.\n')).toEqual(['43'])
  })

  it('a number OCR lost is skipped (¶1 then ¶3), but a far jump is text', () => {
    expect(labels('1. Premier.\n\n3. Troisième.\n')).toEqual(['1', '3'])
    expect(labels('1. Premier.\n\n9. Neuvième.\n')).toEqual(['1'])
  })

  it('a paragraph printed twice (page overlap) is kept once; a repeated number with other words gets a suffixed id', () => {
    const twice = parse('1. Premier.\n\n2. Le même texte répété deux fois.\n\n2. Le même texte répété deux fois.\n\n3. Fin.\n')
    expect(twice.passages.map((p) => p.id)).toEqual(['doc.p1', 'doc.p2', 'doc.p3'])
    const slip = parse('1. Premier.\n\n2. Un texte.\n\n2. Un tout autre texte, sans rapport avec le précédent.\n')
    expect(slip.passages.map((p) => [p.id, p.paragraph])).toEqual([['doc.p1', '1'], ['doc.p2', '2'], ['doc.p2-2', '2']])
  })
})

describe('headings', () => {
  it('OCR roman numerals (`I1.`, `Ill.` alone on its line), a letter heading alone on its line, wrapped titles', () => {
    const raw = [
      ' I. Introduction',
      '',
      '1. Premier.',
      '',
      'I1. Recommandations relatives à la prévention et à la',
      'sensibilisation',
      '',
      '2. Deuxième.',
      ' B.',
      '',
      'Protection et assistance',
      '',
      '3. Troisième.',
      ' Ill.',
      '',
      'Activités destinées a aider les Etats',
      '',
      '4. Quatrième.',
    ].join('\n')
    expect(parse(raw).passages.map((p) => p.section)).toEqual([
      ['I. Introduction'],
      ['I1. Recommandations relatives à la prévention et à la sensibilisation'],
      ['I1. Recommandations relatives à la prévention et à la sensibilisation', 'B. Protection et assistance'],
      ['Ill. Activités destinées a aider les Etats'],
    ])
  })

  it('unnumbered headings nest when stacked, replace each other otherwise; a top-level title needs no numeral', () => {
    const raw = [
      'I. Activités',
      '',
      'Appui aux mécanismes intergouvernementaux',
      '',
      'Conférence des Parties',
      '',
      '1. Premier.',
      '',
      'Commission pour la prévention du crime',
      '',
      '2. Deuxième.',
      '',
      'Organisation de la réunion',
      '',
      'Ouverture de la réunion',
      '',
      '3. Troisième.',
    ].join('\n')
    expect(parse(raw).passages.map((p) => p.section)).toEqual([
      ['I. Activités', 'Appui aux mécanismes intergouvernementaux', 'Conférence des Parties'],
      ['I. Activités', 'Commission pour la prévention du crime'],
      ['Organisation de la réunion', 'Ouverture de la réunion'],
    ])
  })

  it('a line that ends a sentence, or is not followed by a paragraph, is not a heading', () => {
    const raw = ['I. Introduction', '', '1. Premier paragraphe.', '', 'Une phrase qui continue le paragraphe', 'sur deux lignes.', '', '2. Deuxième.'].join('\n')
    expect(texts(raw)).toEqual(['Premier paragraphe. Une phrase qui continue le paragraphe sur deux lignes.', 'Deuxième.'])
  })

  it('a subheading numbered out of sequence is a heading when a paragraph follows and it has no full stop', () => {
    const raw = ['I. Activités', '', '30. Trente.', '', '3. Elaboration d’outils de connaissances', 'de politique générale', '', '31. Trente et un.'].join('\n')
    expect(parse(raw).passages[1]!.section).toEqual(['I. Activités', '3. Elaboration d’outils de connaissances de politique générale'])
  })
})

describe('furniture and front matter', () => {
  it('a page header, a footnote rule and its note, and URLs do not interrupt a paragraph', () => {
    const raw = [
      'I. Introduction',
      '',
      '1. Le texte continue sur la',
      '__________________',
      ' ∗ CTOC/COP/WG.7/2015/1.',
      'https://undocs.org/fr/CTOC/COP/WG.7/2015/1',
      '',
      'V.15-06043 9',
      '',
      ' CTOC/COP/WG.7/2015/5',
      ' page suivante sans rien perdre.',
    ].join('\n')
    const { document, passages } = parse(raw)
    expect(passages.map((p) => p.text)).toEqual(['Le texte continue sur la page suivante sans rien perdre.'])
    expect(document.symbol).toBe('CTOC/COP/WG.7/2015/5')
  })

  it('a footnote opened by an OCR marker (`!`) inside a paragraph is dropped', () => {
    const raw = ['1. Une formation', '', '! Toute mention du Kosovo doit s’interpréter a la lumiére de la résolution', 'de sécurité.', ' initiative visait a former.'].join('\n')
    expect(texts(raw)).toEqual(['Une formation initiative visait a former.'])
  })

  it('the title is metadata; prose under a heading without a number is an unnumbered passage', () => {
    const raw = ['Rapport de test', '', 'I. Introduction', '', 'Un paragraphe sans numéro.', '', 'II. Annexe', 'Autre texte sans numéro.'].join('\n')
    const { document, passages } = parse(raw)
    expect(document.title).toBe('Rapport de test')
    expect(passages.map((p) => [p.id, p.paragraph, p.section, p.text])).toEqual([
      ['doc.u1', '', ['I. Introduction'], 'Un paragraphe sans numéro.'],
      ['doc.u2', '', ['II. Annexe'], 'Autre texte sans numéro.'],
    ])
  })

  it('Markdown: headings, emphasis and list markers are stripped, offsets still point at the text', () => {
    const raw = '## **II. Recommandations (*suite*)**\n\n#### *Recommandation 3*\n\nTexte **très** important.\n\n### III. Suite\n\n- 1. Premier point.\n'
    const { passages } = parse(raw, 'doc.md')
    expect(passages.map((p) => [p.paragraph, p.section, p.text])).toEqual([
      ['Recommandation 3', ['II. Recommandations (suite)'], 'Texte très important.'],
      ['1', ['III. Suite'], 'Premier point.'],
    ])
    expect(raw.slice(passages[0]!.start, passages[0]!.end)).toBe('Texte **très** important.')
  })
})

describe('joining lines', () => {
  const join = (...lines: string[]) => joinSegments(lines.map((text) => ({ text, offsets: [...text].map((_, i) => i) }))).text

  it('end-of-line hyphenation is rejoined when the next line starts in lower case', () => {
    expect(join('les recom-', 'mandations adoptées')).toBe('les recommandations adoptées')
    expect(parse('1. Les recom-\nmandations sont adop-\ntées.\n').passages[0]!.text).toBe('Les recommandations sont adoptées.')
  })

  it('known compounds keep their hyphen: ci-après, peut-être, non-membres, pots-de-vin', () => {
    expect(join('présentées ci-', 'après')).toBe('présentées ci-après')
    expect(join('voudront peut-', 'être')).toBe('voudront peut-être')
    expect(join('les non-', 'membres')).toBe('les non-membres')
    expect(join('des pots-', 'de-vin')).toBe('des pots-de-vin')
  })

  it('before a capital or a digit the hyphen stays: Moyen-Orient, 2019-2025', () => {
    expect(join('du Moyen-', 'Orient')).toBe('du Moyen-Orient')
    expect(join('(2019-', '2025)')).toBe('(2019-2025)')
  })

  it('a dash is not hyphenation; a symbol broken after its slash is rejoined; spaces collapse', () => {
    expect(join('en situation de déplacement —', 'des vulnérabilités')).toBe('en situation de déplacement — des vulnérabilités')
    expect(join('le document CTOC/COP/WG.7/', '2012/INF.1/Rev.2.')).toBe('le document CTOC/COP/WG.7/2012/INF.1/Rev.2.')
    expect(join('L’Organisation internationale  pour les  migrations,', 'organisation')).toBe('L’Organisation internationale pour les migrations, organisation')
  })
})
