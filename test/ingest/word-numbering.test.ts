// Word's automatic numbers from numbering.xml written by hand: each format, restarts, start overrides, lists that
// continue across instances. The expected labels are what Word shows for such a list.

import { describe, expect, it } from 'vitest'
import { readNumberingDefinitions, WordNumbering } from '../../src/ingest/word-numbering.js'
import { parseXml } from '../../src/ingest/xml.js'

/** A `<w:lvl>`: its index, then start, format, text and restart when given. */
function lvl(ilvl: number, { start, fmt, text, restart }: { start?: number; fmt?: string; text?: string; restart?: number }): string {
  return (
    `<w:lvl w:ilvl="${ilvl}">` +
    (start !== undefined ? `<w:start w:val="${start}"/>` : '') +
    (fmt !== undefined ? `<w:numFmt w:val="${fmt}"/>` : '') +
    (text !== undefined ? `<w:lvlText w:val="${text}"/>` : '') +
    (restart !== undefined ? `<w:lvlRestart w:val="${restart}"/>` : '') +
    '</w:lvl>'
  )
}

function numbering(xml: string): WordNumbering {
  return new WordNumbering(readNumberingDefinitions(parseXml(`<?xml version="1.0"?><w:numbering>${xml}</w:numbering>`)))
}

/** The labels of `count` paragraphs of list `numId` at `level`. */
const run = (n: WordNumbering, numId: string, level: number, count: number) => Array.from({ length: count }, () => n.next(numId, level))

describe('WordNumbering formats', () => {
  const formats: Array<[string, number, string[]]> = [
    ['decimal', 1, ['1.', '2.', '3.']],
    ['lowerLetter', 1, ['a.', 'b.', 'c.']],
    ['upperLetter', 25, ['Y.', 'Z.', 'AA.', 'BB.']],
    ['lowerRoman', 3, ['iii.', 'iv.', 'v.', 'vi.']],
    ['upperRoman', 8, ['VIII.', 'IX.', 'X.', 'XI.']],
    ['decimalZero', 9, ['09.', '10.', '11.']],
    ['ordinal', 1, ['1.', '2.']], // a format we do not spell out falls back to digits
  ]
  it.each(formats)('%s from %i', (fmt, start, labels) => {
    const n = numbering(`<w:abstractNum w:abstractNumId="0">${lvl(0, { start, fmt, text: '%1.' })}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
    expect(run(n, '1', 0, labels.length)).toEqual(labels)
  })

  it('writes the roman numerals of 4, 9, 14, 40, 90, 400, 900 and 1994 by subtraction', () => {
    const n = numbering(`<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, fmt: 'upperRoman', text: '%1' })}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
    const labels = run(n, '1', 0, 1994)
    expect([4, 9, 14, 40, 49, 90, 400, 900, 1994].map((i) => labels[i - 1])).toEqual(['IV', 'IX', 'XIV', 'XL', 'XLIX', 'XC', 'CD', 'CM', 'MCMXCIV'])
    expect(labels[2 - 1]).toBe('II')
    expect(labels[1000 - 1]).toBe('M')
    expect(labels[500 - 1]).toBe('D')
    expect(labels[50 - 1]).toBe('L')
    expect(labels[100 - 1]).toBe('C')
  })

  it('repeats the letter past z: z, aa, bb … zz, aaa', () => {
    const n = numbering(`<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 26, fmt: 'lowerLetter', text: '(%1)' })}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
    const labels = run(n, '1', 0, 28)
    expect(labels.slice(0, 3)).toEqual(['(z)', '(aa)', '(bb)'])
    expect(labels[26]).toBe('(zz)')
    expect(labels[27]).toBe('(aaa)')
  })

  it('gives no label to a bullet, to a format of none with no text, to an unknown list or level, and to list 0', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, fmt: 'bullet', text: '•' })}${lvl(1, { start: 1, fmt: 'none', text: '%2' })}</w:abstractNum>` +
        `<w:num w:numId="0"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
    )
    expect(n.next('1', 0)).toBeNull()
    expect(n.next('1', 1)).toBeNull()
    expect(n.next('1', 2)).toBeNull()
    expect(n.next('7', 0)).toBeNull()
    expect(n.next('0', 0)).toBeNull()
  })

  it('reads a level with no start as 0 and no format as decimal; trims the label', () => {
    const n = numbering(`<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val=" Recommandation %1 "/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`)
    expect(run(n, '1', 0, 2)).toEqual(['Recommandation 0', 'Recommandation 1'])
  })
})

describe('WordNumbering levels and lists', () => {
  const outline =
    `<w:abstractNum w:abstractNumId="5">` +
    lvl(0, { start: 1, fmt: 'upperRoman', text: '%1.' }) +
    lvl(1, { start: 1, fmt: 'upperLetter', text: '%2.' }) +
    lvl(2, { start: 1, fmt: 'decimal', text: '%1.%2.%3' }) +
    `</w:abstractNum>`

  it('restarts the deeper levels when a level above is used, and writes every level of `%1.%2.%3` in its own format', () => {
    const n = numbering(`${outline}<w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>`)
    expect([n.next('3', 0), n.next('3', 1), n.next('3', 2), n.next('3', 2), n.next('3', 1), n.next('3', 2), n.next('3', 0), n.next('3', 1), n.next('3', 2)]).toEqual([
      'I.', 'A.', 'I.A.1', 'I.A.2', 'B.', 'I.B.1', 'II.', 'A.', 'II.A.1',
    ])
  })

  it('writes a level not used yet at its start value', () => {
    const n = numbering(`${outline}<w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>`)
    expect(n.next('3', 2)).toBe('I.A.1')
    expect(n.next('3', 2)).toBe('I.A.2')
  })

  it('never restarts a level whose lvlRestart is 0, and restarts after the level named by lvlRestart', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}${lvl(1, { start: 1, text: '(%2)', restart: 0 })}${lvl(2, { start: 1, text: '[%3]', restart: 1 })}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`,
    )
    expect([n.next('1', 1), n.next('1', 2), n.next('1', 1), n.next('1', 2), n.next('1', 0), n.next('1', 1), n.next('1', 2)]).toEqual([
      '(1)', '[1]', '(2)', '[2]', '1.', '(3)', '[1]',
    ])
  })

  it('continues a list across two instances of one definition, and restarts at a start override once', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="40"/></w:lvlOverride></w:num>`,
    )
    expect([n.next('1', 0), n.next('1', 0), n.next('2', 0), n.next('3', 0), n.next('3', 0), n.next('1', 0)]).toEqual(['1.', '2.', '3.', '40.', '41.', '42.'])
  })

  it('uses a level an instance replaces with its own definition', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">${lvl(0, { start: 5, fmt: 'lowerRoman', text: '%1)' })}</w:lvlOverride></w:num>`,
    )
    expect(run(n, '1', 0, 2)).toEqual(['v)', 'vi)'])
  })

  it('numbers nothing without numbering.xml', () => {
    expect(new WordNumbering(readNumberingDefinitions(undefined)).next('1', 0)).toBeNull()
  })
})

describe('WordNumbering, restarts a reader would notice', () => {
  it('each instance’s start override restarts its own list once, whatever other instances did', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
    )
    expect([n.next('1', 0), n.next('1', 0), n.next('2', 0), n.next('2', 0), n.next('1', 0)]).toEqual(['1.', '2.', '1.', '2.', '3.'])
  })

  it('a start override on a deeper level restarts that level, not the top one', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}${lvl(1, { start: 1, fmt: 'lowerLetter', text: '%2)', restart: 0 })}</w:abstractNum>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`,
    )
    expect([n.next('1', 0), n.next('1', 1), n.next('1', 1), n.next('2', 1), n.next('2', 0)]).toEqual(['1.', 'a)', 'b)', 'a)', '2.'])
  })

  it('list 0 means "no number" even where numbering.xml defines it; a list of an unknown definition and a level with no text give none', () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, { start: 1, text: '%1.' })}${lvl(1, { start: 1 })}</w:abstractNum>` +
        `<w:num w:numId="0"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
        `<w:num w:numId="2"><w:abstractNumId w:val="9"/></w:num>`,
    )
    expect([n.next('0', 0), n.next('2', 0), n.next('1', 1), n.next('1', 0)]).toEqual([null, null, null, '1.'])
  })
})
