// The edges of the source-line pass (clean.ts) that a reader would see as a wrong passage: which files are Markdown,
// the line numbering to the last line, each furniture pattern at its limits, each footnote marker, and where a note's
// body stops. Every expected value is read off the few lines written here by hand.

import { describe, expect, it } from 'vitest'
import { isMarkdown, sourceLines } from '../../src/ingest/clean.js'

const kinds = (lines: string[], markdown = false) => sourceLines(lines.join('\n'), markdown).map((line) => line.furniture)
const one = (text: string) => kinds([text])[0]

describe('which files are Markdown', () => {
  it('a .md file in any case, or a text whose some line opens with one to six hashes and a space', () => {
    expect(isMarkdown('a.md', 'texte')).toBe(true)
    expect(isMarkdown('a.MD', 'texte')).toBe(true)
    expect(isMarkdown('a.md.txt', 'texte')).toBe(false)
    expect(isMarkdown('a.txt', 'Un texte.\n## Titre')).toBe(true)
    expect(isMarkdown('a.txt', '#\tTitre')).toBe(true)
    expect(isMarkdown('a.txt', '###### Titre')).toBe(true)
    expect(isMarkdown('a.txt', '##  Titre')).toBe(true)
  })

  it('not for seven hashes, a hash glued to its word, a hash inside a line or a hash and spaces only', () => {
    expect(isMarkdown('a.txt', '####### Titre')).toBe(false)
    expect(isMarkdown('a.txt', '#Titre')).toBe(false)
    expect(isMarkdown('a.txt', 'le point ## deux')).toBe(false)
    expect(isMarkdown('a.txt', '##   \nTexte')).toBe(false)
  })
})

describe('lines', () => {
  it('are numbered from 0 to the last, the empty one after a final line break included', () => {
    expect(sourceLines('un\n\ndeux\n', false).map((line) => [line.n, line.text])).toEqual([[0, 'un'], [1, ''], [2, 'deux'], [3, '']])
    expect(sourceLines('', false).map((line) => [line.n, line.text])).toEqual([[0, '']])
  })

  it('a carriage return is dropped only at the end of its line; a vertical tab is trimmed like a space', () => {
    const lines = sourceLines('a\rb\r\n\r\n\u000bc\u000b', false)
    expect(lines.map((line) => [line.text, line.indent])).toEqual([['a\rb', 0], ['', 0], ['c', 1]])
  })

  it('Markdown: a heading needs a space after one to six hashes; a list marker needs a word after it', () => {
    const lines = sourceLines('####### Sept\n#Colle\n###\tTab\n-  \n+\tplus\n*\tétoile', true)
    expect(lines.map((line) => [line.text, line.markdownHeading])).toEqual([
      ['####### Sept', 0],
      ['#Colle', 0],
      ['Tab', 3],
      ['-', 0],
      ['plus', 0],
      ['étoile', 0],
    ])
    expect(lines[2]!.offsets[0]).toBe(24)
    expect(lines[4]!.offsets[0]).toBe(34)
  })

  it('Markdown: a list marker only opens its line; emphasis that leaves a space in front is trimmed with its offsets', () => {
    expect(sourceLines('Texte - suite + fin', true)[0]!.text).toBe('Texte - suite + fin')
    const [bold] = sourceLines('** gras **', true)
    expect([bold!.text, bold!.offsets]).toEqual(['gras', [3, 4, 5, 6]])
  })
})

describe('page furniture at its limits', () => {
  it('job numbers: a one-letter prefix, two digits, five digits, a page of one to three digits, spaces around a slash', () => {
    expect(['V.15-06043', 'V.15-06043  12', 'V.15-06043 123', 'V.22-10857 5 / 14', 'V.22-10857 12/140'].map(one)).toEqual(Array(5).fill('running-header'))
    expect(['VV.15-06043 9', 'V.1-06043 9', 'V.15-0604 9', 'V.15-06043 1234', 'V.15-06043 5/1400', 'x V.15-06043', 'V.15-06043 9x'].map(one)).toEqual(Array(7).fill(null))
  })

  it('page counters: one to three digits each side, spaces allowed around the slash', () => {
    expect(['3 / 14', '100/200'].map(one)).toEqual(['page-counter', 'page-counter'])
    expect(['1000/2000', '3/1400', 'p. 3/14', '3/14 p'].map(one)).toEqual([null, null, null, null])
  })

  it('rules: a lone dash, star or underscore, spaced or not, and long underscores; not with a word', () => {
    expect(['-', '*', '___', '* * *', '- - -', '_____'].map(one)).toEqual(Array(6).fill('rule'))
    expect(['-- fin', 'a_____', '_____ a'].map(one)).toEqual([null, null, null])
  })

  it('URL lines: http, https or www. and no space; a URL with words after it is text', () => {
    expect(['http://unodc.org', 'https://unodc.org/a?b=c', 'www.unodc.org/fr'].map(one)).toEqual(['url', 'url', 'url'])
    expect(['http://unodc.org voir', 'ftp://unodc.org', 'Le site www.unodc.org'].map(one)).toEqual([null, null, null])
  })

  it('a symbol alone is a running header only when a job number or page counter is within three lines, blank and URL lines not counted', () => {
    expect(kinds(['Un', 'CTOC/COP/2022/3', 'www.a.org', 'www.b.org', 'www.c.org', '3/14'])).toEqual([null, 'running-header', 'url', 'url', 'url', 'page-counter'])
    expect(kinds(['Un', 'CTOC/COP/2022/3', '', '', '', '3/14'])).toEqual([null, 'running-header', null, null, null, 'page-counter'])
    expect(kinds(['3/14', 'Un', 'Deux', 'CTOC/COP/2022/3'])).toEqual(['page-counter', null, null, 'running-header'])
    expect(kinds(['3/14', 'Un', 'Deux', 'Trois', 'CTOC/COP/2022/3'])).toEqual(['page-counter', null, null, null, null])
    expect(kinds(['CTOC/COP/2022/3', '_____', 'Un'])).toEqual([null, 'rule', null])
  })

  it('a symbol line is two or more capitals then two or more parts; not a symbol quoted in a sentence', () => {
    expect(kinds(['A/RES/55/25', 'V.15-06043 9'])).toEqual([null, 'running-header'])
    expect(kinds(['AB/RES', 'V.15-06043 9'])).toEqual([null, 'running-header'])
    expect(kinds(['AB/RES/55', 'V.15-06043 9'])).toEqual(['running-header', 'running-header'])
    expect(kinds(['Voir AB/RES/55', 'V.15-06043 9'])).toEqual([null, 'running-header'])
    expect(kinds(['AB/RES/55 (suite)', 'V.15-06043 9'])).toEqual([null, 'running-header'])
  })
})

describe('footnotes', () => {
  it('after a rule, each marker French notes open with, and a number then two spaces or a tab', () => {
    for (const marker of ['∗ Voir.', '*Voir.', '† Voir.', '‡ Voir.', '! Voir.', '¹ Voir.', '² Voir.', '³ Voir.', '⁴ Voir.', '⁵ Voir.', '⁶ Voir.', '⁷ Voir.', '⁸ Voir.', '⁹ Voir.', '12  Voir.', '3\tVoir.', '* Voir.']) {
      expect([marker, kinds(['_____', marker])[1]]).toEqual([marker, 'footnote'])
    }
    for (const text of ['123  Voir.', 'a  Voir.', '1 Voir.', '1  ', '∗']) expect([text, kinds(['_____', text])[1]]).toEqual([text, null])
  })

  it('after a rule, the note is the next line with content, blank and URL lines skipped; a rule at the end is only a rule', () => {
    expect(kinds(['_____', '', 'www.unodc.org', '1  Voir le rapport.', 'Texte.'])).toEqual(['rule', null, 'url', 'footnote', null])
    expect(kinds(['Texte.', '_____'])).toEqual([null, 'rule'])
    expect(kinds(['Texte.', '_____', '', 'www.unodc.org'])).toEqual([null, 'rule', null, 'url'])
  })

  it('a note body skips URL lines, stops at its full stop or at the end of the file', () => {
    expect(kinds(['_____', '1  Voir A.B', 'suite.', 'Texte'])).toEqual(['rule', 'footnote', 'footnote', null])
    expect(kinds(['_____', '1  Voir', '3/14', 'le rapport.'])).toEqual(['rule', 'footnote', 'page-counter', 'footnote'])
    expect(kinds(['_____', '1  Voir', 'https://unodc.org/x', 'le rapport.', 'Texte.'])).toEqual(['rule', 'footnote', 'url', 'footnote', null])
    expect(kinds(['_____', '1  Voir', 'le rapport'])).toEqual(['rule', 'footnote', 'footnote'])
    expect(kinds(['_____', '1  Voir', '', 'le rapport.'])).toEqual(['rule', 'footnote', null, 'footnote'])
  })

  it('after the four lines of a note the text goes on, and the next rule opens the next note', () => {
    expect(kinds(['_____', '1  a', 'b', 'c', 'd', 'e', '_____', '2  Voir.'])).toEqual(['rule', 'footnote', 'footnote', 'footnote', 'footnote', null, 'rule', 'footnote'])
  })

  it('with no rule: each OCR marker and a space open a note at the file start or after a blank or furniture line', () => {
    for (const marker of ['!', '∗', '†', '‡', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹']) expect(kinds([`${marker} Voir.`, 'Texte.'])).toEqual(['footnote', null])
    expect(kinds(['3/14', '! Voir.'])).toEqual(['page-counter', 'footnote'])
    expect(kinds(['* Voir.', 'Texte.'])).toEqual([null, null])
    expect(kinds(['!Voir.'])).toEqual([null])
    expect(kinds(['!  Voir.'])).toEqual(['footnote'])
    expect(kinds(['Attention ! Voir.'])).toEqual([null])
  })

  it('notes one after the other: each line after a note is looked at again', () => {
    expect(kinds(['! Voir.', '! Autre.', '! Encore.'])).toEqual(['footnote', 'footnote', 'footnote'])
    expect(kinds(['!', 'Voir.', '! Autre.'])).toEqual(['footnote', 'footnote', 'footnote'])
  })

  it('a marker alone: each sign, or one to three capitals and a parenthesis, with the body on the next content line', () => {
    for (const marker of ['!', '∗', '†', '‡', '¹', '⁹', 'A)', 'IN)', 'ABC)']) expect([marker, kinds([marker, '', 'Voir la note.', 'Texte.'])]).toEqual([marker, ['footnote', null, 'footnote', null]])
    for (const text of ['ABCD)', 'a)', 'IN) Voir', '!!']) expect([text, kinds([text, 'Voir la note.'])]).toEqual([text, [null, null]])
  })

  it('a marker alone with nothing after it, or a line opening with a digit after it, is left as it is', () => {
    expect(kinds(['Texte.', '', '!'])).toEqual([null, null, null])
    expect(kinds(['!', '3 États.'])).toEqual([null, null])
    expect(kinds(['!', 'Voir la note 3.'])).toEqual(['footnote', 'footnote'])
  })
})
