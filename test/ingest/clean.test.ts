// The source lines of a text or Markdown seed: what is page furniture (running headers, page counters, rules, URLs,
// footnotes) and kept out of every passage, and what Markdown syntax is stripped. Each expected value is read off the
// few lines written here by hand.

import { describe, expect, it } from 'vitest'
import { sourceLines } from '../../src/ingest/clean.js'

const furniture = (lines: string[], markdown = false) => sourceLines(lines.join('\n'), markdown).map((line) => [line.text, line.furniture])

describe('page furniture', () => {
  it('a job number (with its page), a page counter, a rule and a URL line', () => {
    expect(furniture(['V.15-06043 9', 'V.22-10857 5/14', '3/14', '_____', 'https://www.unodc.org/x', 'www.unodc.org', 'Le texte.'])).toEqual([
      ['V.15-06043 9', 'running-header'],
      ['V.22-10857 5/14', 'running-header'],
      ['3/14', 'page-counter'],
      ['_____', 'rule'],
      ['https://www.unodc.org/x', 'url'],
      ['www.unodc.org', 'url'],
      ['Le texte.', null],
    ])
  })

  it('not a job number or a counter when words follow, nor a URL inside a sentence', () => {
    expect(furniture(['V.15-06043 9 pages', '3/14 des États', 'Voir www.unodc.org', '_ fin'])).toEqual([
      ['V.15-06043 9 pages', null],
      ['3/14 des États', null],
      ['Voir www.unodc.org', null],
      ['_ fin', null],
    ])
  })

  it('a symbol alone is a running header near a job number (within three lines) or when it repeats, not otherwise', () => {
    expect(furniture(['CTOC/COP/WG.7/2015/5', '', 'V.15-06043 9']).map(([, f]) => f)).toEqual(['running-header', null, 'running-header'])
    expect(furniture(['CTOC/COP/WG.7/2015/5', 'Un', 'Deux', 'Trois', 'V.15-06043 9']).map(([, f]) => f)).toEqual([null, null, null, null, 'running-header'])
    expect(furniture(['CTOC/COP/WG.7/2015/5', 'Un', 'Deux', 'V.15-06043 9'])[0]![1]).toBe('running-header')
    expect(furniture(['CTOC/COP/2022/3', 'Texte.', 'Autre texte.', 'Encore.', 'CTOC/COP/2022/3']).map(([, f]) => f)).toEqual(['running-header', null, null, null, 'running-header'])
    expect(furniture(['Texte.', 'CTOC/COP/2022/3', 'Autre texte.', 'Encore.', 'Fin.'])[1]![1]).toBeNull()
  })
})

describe('footnotes', () => {
  it('a note after a rule runs to its full stop, over at most four lines', () => {
    expect(furniture(['Le texte', '_____', '', '1  Voir le rapport', 'de la session.', 'suite du texte']).map(([, f]) => f)).toEqual([null, 'rule', null, 'footnote', 'footnote', null])
    expect(furniture(['_____', '∗ Un', 'deux', 'trois', 'quatre', 'cinq.']).map(([, f]) => f)).toEqual(['rule', 'footnote', 'footnote', 'footnote', 'footnote', null])
  })

  it('after a rule, a line that does not open like a note is text', () => {
    expect(furniture(['_____', '1 Voir le rapport.']).map(([, f]) => f)).toEqual(['rule', null])
  })

  it('an OCR marker after a blank line opens a note; inside a paragraph (no blank line before) it does not', () => {
    expect(furniture(['Le texte.', '', '! Voir la note.', 'Le texte reprend.']).map(([, f]) => f)).toEqual([null, null, 'footnote', null])
    expect(furniture(['Le texte', '! Voir la note.']).map(([, f]) => f)).toEqual([null, null])
  })

  it('a marker alone on its line is a note with the body after it, unless a number follows (a paragraph)', () => {
    expect(furniture(['Le texte.', '', 'IN)', 'Voir la note.']).map(([, f]) => f)).toEqual([null, null, 'footnote', 'footnote'])
    expect(furniture(['Le texte.', '', '!', '12. Les États.']).map(([, f]) => f)).toEqual([null, null, null, null])
  })
})

describe('Markdown', () => {
  it('strips heading marks, list markers and emphasis, keeping each character’s offset', () => {
    const lines = sourceLines('## Titre\n- un *point* **fort**\n* deux\n+ trois\n**Gras** seul', true)
    expect(lines.map((line) => [line.text, line.markdownHeading])).toEqual([
      ['Titre', 2],
      ['un point fort', 0],
      ['deux', 0],
      ['trois', 0],
      ['Gras seul', 0],
    ])
    expect(lines[1]!.offsets.slice(0, 4)).toEqual([11, 12, 13, 15])
  })

  it('a plain text file keeps its hashes, dashes and stars', () => {
    expect(sourceLines('## Titre\n- un *point*', false).map((line) => line.text)).toEqual(['## Titre', '- un *point*'])
  })

  it('indentation, and spaces of every kind around a line, are counted and trimmed; Windows line ends too', () => {
    const [line] = sourceLines('\t\u00a0 Texte \f\r\n', false)
    expect([line!.text, line!.indent, line!.offsets[0]]).toEqual(['Texte', 3, 3])
  })
})
