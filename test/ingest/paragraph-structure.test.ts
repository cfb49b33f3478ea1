// The paragraph reader's structure rules on small hand-written documents (more of them in paragraph-edges.test.ts):
// which lines open a heading and under which heading a paragraph sits, what a passage keeps of its lines (pages,
// footnote calls), and the document's own words deciding a line-end hyphen. Each expected value is read off the
// document by hand.

import { describe, expect, it } from 'vitest'
import type { SourceLine } from '../../src/ingest/clean.js'
import { parseDocument } from '../../src/ingest/parse.js'
import { readStructure } from '../../src/ingest/paragraphs.js'

const parse = (lines: string[], file = 'doc.txt') => parseDocument(file, lines.join('\n')).passages
const sections = (lines: string[], file?: string) => parse(lines, file).map((p) => [p.paragraph, p.section.join(' › ')])
const texts = (lines: string[]) => parse(lines).map((p) => [p.paragraph, p.text])

/** Source lines as a reader gives them: one per text, with the page and footnote calls given. */
function sourceLines(lines: Array<{ text: string; page?: number; noteRefs?: string[] }>): SourceLine[] {
  let offset = 0
  return lines.map(({ text, page, noteRefs }, n) => {
    const offsets = Array.from({ length: text.length }, (_, i) => offset + i)
    offset += text.length + 1
    return { n, text, offsets, indent: 0, markdownHeading: 0, furniture: null, ...(page === undefined ? {} : { page }), ...(noteRefs ? { noteRefs } : {}) }
  })
}

describe('what a passage keeps of its lines', () => {
  it('its pages, once each and in order, counting the line with its number', () => {
    const { passages } = readStructure(sourceLines([{ text: '1. Le premier', page: 4 }, { text: 'paragraphe continue', page: 3 }, { text: 'et finit.', page: 4 }, { text: '' }, { text: '2. Deuxième.', page: 5 }]))
    expect(passages.map((p) => [p.number, p.pages])).toEqual([[1, [3, 4]], [2, [5]]])
  })

  it('the footnote calls of all its lines, the numbered line’s first', () => {
    const { passages } = readStructure(sourceLines([{ text: '1. Le premier', noteRefs: ['1'] }, { text: 'paragraphe continue' }, { text: 'et finit.', noteRefs: ['2', '3'] }]))
    expect(passages.map((p) => [p.number, p.noteRefs])).toEqual([[1, ['1', '2', '3']]])
  })

  it('a paragraph number with no text after it, at the end of the document, gives no empty passage', () => {
    expect(texts(['1. Premier.', '', '2.'])).toEqual([['1', 'Premier.']])
  })

  it('a word broken at a line end is rejoined when the document writes it whole elsewhere', () => {
    // `mi-` is a prefix that keeps its hyphen (`mi-temps`), unless the document itself writes `migrants`.
    expect(texts(['1. Les migrants sont nombreux.', '', '2. Les mi-', 'grants arrivent.'])[1]).toEqual(['2', 'Les migrants arrivent.'])
    expect(texts(['1. Les personnes sont nombreuses.', '', '2. Les mi-', 'grants arrivent.'])[1]).toEqual(['2', 'Les mi-grants arrivent.'])
  })
})

describe('numbered headings', () => {
  it('paragraphs before any heading have no section', () => {
    expect(parse(['1. Premier.', '', '2. Deuxième.']).map((p) => p.section)).toEqual([[], []])
  })

  it('lettered parts with no roman part above them start at A', () => {
    expect(sections(['A. Première partie', '', '1. Texte.', '', 'B. Deuxième partie', '', '2. Texte.'])).toEqual([
      ['1', 'A. Première partie'],
      ['2', 'B. Deuxième partie'],
    ])
  })

  it('a roman numeral right after a finished sentence opens a part even with no blank line before it', () => {
    expect(sections(['I. Introduction', '', '1. Premier.', 'II. Travaux', '', '2. Deuxième.'])).toEqual([['1', 'I. Introduction'], ['2', 'II. Travaux']])
  })

  it('a letter inside a sentence, or followed by a title in lower case, or bare at the end, is text', () => {
    expect(texts(['I. Partie', '', '1. Le texte continue', 'B. Exemples de bonnes pratiques', '', '2. Deuxième.'])[0]).toEqual(['1', 'Le texte continue B. Exemples de bonnes pratiques'])
    expect(texts(['I. Partie', '', '1. Premier texte', '', 'B. les mesures prises', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier texte B. les mesures prises'])
    expect(texts(['I. Partie', '', '1. Premier texte', '', 'B.', '', 'suite du texte.', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier texte B. suite du texte.'])
    expect(texts(['I. Partie', '', '1. Premier texte', '', 'B.'])).toEqual([['1', 'Premier texte B.']])
  })

  it('a title ending a sentence does not take the lower-case line after it', () => {
    expect(sections(['I. Partie', '', '1. Premier.', '', 'B. Coopération.', 'suite en minuscules.', '', '2. Deuxième.'])[2]).toEqual(['2', 'I. Partie › B. Coopération.'])
  })

  it('a numeral after other words is not a heading (`Chapitre II. Travaux`, `Article 2. Les États`)', () => {
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Chapitre II. Travaux', '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie › Chapitre II. Travaux'])
    expect(sections(['I. Partie', '', '1. Premier.', '', 'Partie A. Les États', '', '2. Deuxième.'])[1]).toEqual(['2', 'I. Partie › Partie A. Les États'])
    expect(texts(['1. Premier.', '', 'Article 2. Les États parties.'])).toEqual([['1', 'Premier. Article 2. Les États parties.']])
  })

  it('a document that ends on a heading is read', () => {
    expect(sections(['I. Partie', '', '1. Premier.', '', 'II. Conclusions'])).toEqual([['1', 'I. Partie']])
  })

  it('a letter after an unnumbered heading does not start the letters again', () => {
    const doc = ['I. Partie', '', 'A. Un', '', '1. Texte.', '', 'B. Deux', '', '2. Texte.', '', 'Appui aux États', '', '3. Texte.', '', 'A. Encore', '', '4. Texte.']
    expect(sections(doc)[3]).toEqual(['4', 'I. Partie › B. Deux › Appui aux États'])
  })
})

describe('unnumbered headings', () => {
  it('one under a lettered part nests under that letter', () => {
    const doc = ['I. Partie', '', 'A. Sous-partie', '', '1. Texte.', '', 'Appui aux États', '', '2. Texte.']
    expect(sections(doc)[1]).toEqual(['2', 'I. Partie › A. Sous-partie › Appui aux États'])
  })

  it('one before any numbered heading is the section of the paragraphs after it', () => {
    expect(sections(['1. Premier.', '', 'Appui aux États', '', '2. Deuxième.'])).toEqual([['1', ''], ['2', 'Appui aux États']])
  })

  it('needs a blank line before it, a capital, and something to head', () => {
    expect(texts(['1. Premier.', 'Appui aux États', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier. Appui aux États'])
    expect(texts(['1. Premier.', '', 'appui aux États', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier. appui aux États'])
    // Nothing after it: the last line is more of ¶1.
    expect(texts(['1. Premier.', '', 'Appui aux États'])).toEqual([['1', 'Premier. Appui aux États']])
  })

  it('heads a paragraph two or three numbers on, a recommendation, a roman or a lettered part', () => {
    expect(sections(['1. Premier.', '', 'Appui aux États', '', '3. Trois.'])[1]).toEqual(['3', 'Appui aux États'])
    expect(sections(['1. Premier.', '', 'Appui aux États', '', 'Recommandation 3', 'Les États.'])[1]).toEqual(['Recommandation 3', 'Appui aux États'])
    expect(texts(['1. Premier.', '', 'Appui aux États', '', 'II. Travaux', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier.'])
    expect(texts(['I. Partie', '', '1. Premier.', '', 'Appui aux États', '', 'B. Travaux', '', '2. Deuxième.'])[0]).toEqual(['1', 'Premier.'])
  })

  it('does not head a number five on, a number with a comma, or one written `3,` itself', () => {
    expect(texts(['1. Premier.', '', 'Appui aux États', '', '6. Six.'])).toEqual([['1', 'Premier. Appui aux États 6. Six.']])
    expect(texts(['1. Premier.', '', 'Appui aux États', '', '2, Deux.'])).toEqual([['1', 'Premier. Appui aux États 2, Deux.']])
    expect(sections(['1. Premier.', '', '3, Elaboration des outils', '', '2. Deux.'])).toEqual([['1', ''], ['2', '']])
  })

  it('numbered out of sequence, at most twenty words after its number', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? 'Elaboration' : `mot${i}`)).join(' ')
    expect(sections(['1. Premier.', '', '2. Deuxième.', '', `9. ${words(20)}`, '', '3. Troisième.'])[2]).toEqual(['3', `9. ${words(20)}`])
    expect(sections(['1. Premier.', '', '2. Deuxième.', '', `9. ${words(21)}`, '', '3. Troisième.'])[2]).toEqual(['3', ''])
  })

  it('a list of documents in an annex is skipped only when its title says so at its start', () => {
    expect(sections(['1. Premier.', '', 'Annexe – Liste des documents', '', '2. Deuxième.'])).toEqual([['1', ''], ['2', 'Annexe – Liste des documents']])
    expect(sections(['1. Premier.', '', 'Liste des documents', '', '2. Deuxième.'])).toEqual([['1', '']])
  })
})

describe('Markdown headings', () => {
  it('a Markdown heading is a heading whatever follows it, and never takes the next line', () => {
    expect(sections(['1. Premier.', '', '## Contexte', '', 'Un texte sans numéro.'], 'doc.md')).toEqual([['1', ''], ['', 'Contexte']])
    expect(parse(['1. Premier.', '', '## B. Les mesures', 'les États ont agi.'], 'doc.md').map((p) => [p.section.join(' › '), p.text])).toEqual([['', 'Premier.'], ['B. Les mesures', 'les États ont agi.']])
  })
})
