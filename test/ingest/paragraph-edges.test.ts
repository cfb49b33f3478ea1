// The paragraph reader's limits on small hand-written documents: how far a number may jump, what a strong
// break is, the numbering of headings (roman, letters) in order, and the patterns' anchors. Each expected
// label or section is read off the document by hand.

import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../src/ingest/parse.js'

const parse = (lines: string[]) => parseDocument('doc.txt', lines.join('\n'))
const labels = (lines: string[]) => parse(lines).passages.map((p) => p.paragraph)
const sections = (lines: string[]) => parse(lines).passages.map((p) => [p.paragraph, p.section.join(' › ')])

describe('paragraph numbers', () => {
  it('a number may skip up to three (OCR lost them), not four', () => {
    expect(labels(['1. Premier.', '', '4. Quatrième.'])).toEqual(['1', '4'])
    expect(labels(['1. Premier.', '', '5. Cinquième.'])).toEqual(['1'])
  })

  it('a skip or a repeat needs a full stop, a gap, a finished sentence and a capital', () => {
    // 2, 3 skipped: each condition missing in turn keeps the line in ¶1.
    expect(labels(['1. Premier.', '', '3. Troisième.'])).toEqual(['1', '3'])
    expect(labels(['1. Premier.', '3. Troisième.'])).toEqual(['1'])
    expect(labels(['1. Premier sans fin', '', '3. Troisième.'])).toEqual(['1'])
    expect(labels(['1. Premier.', '', '3. troisième.'])).toEqual(['1'])
    expect(labels(['1. Premier.', '', '3, Troisième.'])).toEqual(['1'])
  })

  it('the next number with a comma needs the same strong break; with a full stop it needs none', () => {
    expect(labels(['1. Premier.', '', '2, Deuxième.'])).toEqual(['1', '2'])
    expect(labels(['1. Premier.', '', '2, deuxième.'])).toEqual(['1'])
    expect(labels(['1. Premier', '2. deuxième.'])).toEqual(['1', '2'])
  })

  it('a number bare on its line opens the paragraph after a strong break', () => {
    expect(labels(['1. Premier.', '', '3.', 'Troisième.'])).toEqual(['1', '3'])
  })

  it('`12.5 millions` or `12.a` is not paragraph 12', () => {
    const texts = (lines: string[]) => parse(lines).passages.map((p) => [p.paragraph, p.text])
    expect(texts(['11. Onze.', '', '12.5 millions de dollars.'])).toEqual([['11', 'Onze. 12.5 millions de dollars.']])
    expect(texts(['11. Onze.', '', '12.a Texte.'])).toEqual([['11', 'Onze. 12.a Texte.']])
  })
})

describe('recommendations', () => {
  it('`Recommandation 7` alone on its line opens one; inside a sentence or followed by words it does not', () => {
    const read = (line: string) => labels(['1. Premier.', '', line, 'Les États.'])
    expect(read('Recommandation 7')).toEqual(['1', 'Recommandation 7'])
    expect(read('Voir la Recommandation 7')).toEqual(['1'])
    expect(read('Recommandation 7 adoptée')).toEqual(['1'])
  })
})

describe('numbered headings in order', () => {
  it('a roman numeral not after the last one is text', () => {
    expect(sections(['I. Introduction', '', '1. Premier.', '', 'II. Travaux', '', '2. Deuxième.', '', 'II. Encore', '', '3. Troisième.'])).toEqual([
      ['1', 'I. Introduction'],
      ['2', 'II. Travaux'],
      ['3', 'II. Travaux'],
    ])
  })

  it('a roman numeral above twenty is text', () => {
    expect(sections(['XX. Vingt', '', '1. Premier.'])).toEqual([['1', 'XX. Vingt']])
    expect(sections(['XXI. Vingt et un', '', '1. Premier.'])).toEqual([['1', '']])
  })

  it('a letter not after the last one is text; a new roman part starts the letters again', () => {
    expect(sections(['I. Partie', '', 'B. Deux', '', '1. Premier.', '', 'A. Un', '', '2. Deuxième.', '', 'B. Encore', '', '3. Troisième.', '', 'II. Autre', '', 'A. Un', '', '4. Quatrième.'])).toEqual([
      ['1', 'I. Partie › B. Deux'],
      ['2', 'I. Partie › B. Deux'],
      ['3', 'I. Partie › B. Deux'],
      ['4', 'II. Autre › A. Un'],
    ])
  })

  it('a numeral inside a sentence is not a heading', () => {
    expect(sections(['I. Partie', '', '1. Le texte continue', 'II. Travaux', '', '2. Deuxième.'])).toEqual([['1', 'I. Partie'], ['2', 'I. Partie']])
  })
})

describe('unnumbered headings', () => {
  it('at most twenty words', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => (i === 0 ? 'Titre' : `mot${i}`)).join(' ')
    expect(sections(['I. Partie', '', '1. Premier.', '', twenty, '', '2. Deuxième.'])[1]).toEqual(['2', `I. Partie › ${twenty}`])
    expect(sections(['I. Partie', '', '1. Premier.', '', `${twenty} plus`, '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie'])
  })

  it('a heading wraps over at most four lines', () => {
    const four = ['Un titre', 'qui continue', 'encore et', 'finit ici']
    expect(sections(['I. Partie', '', '1. Premier.', '', ...four, '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie › Un titre qui continue encore et finit ici'])
    expect(sections(['I. Partie', '', '1. Premier.', '', ...four, 'vraiment', '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie'])
  })

  it('up to four unnumbered headings stack before a paragraph; five are text', () => {
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Un', '', 'Deux', '', 'Trois', '', 'Quatre', '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie › Un › Deux › Trois › Quatre'])
    // Five: the first has no paragraph within reach, so it is text of ¶1, and the rest then follow no finished sentence.
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Un', '', 'Deux', '', 'Trois', '', 'Quatre', '', 'Cinq', '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie'])
  })

  it('a top-level title is recognised only at the start of its line', () => {
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Organisation de la réunion', '', 'Texte.'])[1]).toEqual(['', 'Organisation de la réunion'])
    // Not at its start, and no paragraph follows: the line is more of ¶1.
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Suite de l’Introduction', '', 'Texte.'])).toEqual([['1', 'I. Partie']])
  })
})
