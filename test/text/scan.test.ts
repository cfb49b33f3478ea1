// The word scanner against the regular expression it replaced (kept here as the specification), on the seeds, on
// PIAF's Wikipedia paragraphs and on random strings of the characters where the two could part.

import { readFileSync, readdirSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FIRST_ORDINAL, PREPOSITION_A, scanWords, WORD } from '../../src/text/scan.js'

const WORD_RE = String.raw`(?:[\p{L}\p{N}]|(?<=\p{L})¢|¢(?=\p{L}))+`
const MONTH = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre'
const TOKEN = new RegExp(
  String.raw`(?<first>\b1(?:%|°"?|")(?=\s+(?:${MONTH})\b))|(?<a>(?<![\p{L}\p{N}&])&(?=\s|$)|(?<=\p{L})&(?=\s))|` +
    String.raw`(?<elision>\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu) ?['’‘ʼ] ?(?=[\p{L}¢]))?${WORD_RE}(?:[./]${WORD_RE})*`,
  'giu',
)

const byRegex = (text: string) =>
  [...text.matchAll(TOKEN)].map((m) => [m.groups!.first ? FIRST_ORDINAL : m.groups!.a ? PREPOSITION_A : WORD, m.index, m.index + m[0].length, m.groups!.elision?.length ?? 0])
const byScanner = (text: string) => {
  const found: number[][] = []
  scanWords(text, (kind, start, end, elided) => found.push([kind, start, end, elided]))
  return found
}

describe('scanWords reads words as the regular expression did', () => {
  it('on every seed', () => {
    for (const file of readdirSync('seeds').filter((f) => f.endsWith('.txt') || f.endsWith('.md'))) {
      const text = readFileSync(`seeds/${file}`, 'utf8')
      expect(byScanner(text)).toEqual(byRegex(text))
    }
  })

  it('on PIAF', () => {
    const corpus = readFileSync('test/fixtures/text/piaf/corpus.jsonl', 'utf8').slice(0, 400_000)
    expect(byScanner(corpus)).toEqual(byRegex(corpus))
  })

  it('on an & before each character JavaScript counts as a space, and before characters it does not', () => {
    // An & closing a word or standing alone is à only before a space; the scanner lists the spaces by code.
    const spaces = ['\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2005', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff']
    for (const space of [...spaces, '\u200b', '\u0085', '\u180e', '\u001f', '\u00ad']) {
      const text = `appuyer&${space}l’application, visant &${space}incriminer, R&${space}D`
      expect([space.codePointAt(0), byScanner(text)]).toEqual([space.codePointAt(0), byRegex(text)])
    }
    expect(byScanner('a&\u2005b').map(([kind]) => kind)).toEqual([WORD, PREPOSITION_A, WORD])
  })

  it('on a half of a surrogate pair standing alone: one character, no letter, the next read on its own', () => {
    // A lone high half does not swallow the letter after it; a lone low half does not make the letter before it
    // touch a ¢ (which then belongs to no word).
    for (const text of ['\ud835l', 'x\ud835lé', 'é\udc9c¢ ', 'é\udc9c&\u00a0de', '\udc9c\ud835𝒜¢ ']) expect(byScanner(text)).toEqual(byRegex(text))
    expect(byScanner('\ud835lu')).toEqual([[WORD, 1, 3, 0]])
    expect(byScanner('é\udc9c¢ ')).toEqual([[WORD, 0, 1, 0]])
  })

  it('on random strings of letters, digits, apostrophes, spaces and OCR marks, in the BMP and outside it', () => {
    const pieces = ['l', 'd', 'qu', 'lorsqu', 'L', 'a', 'J', 'jusqu', 'Puisqu', 'quoiqu', 'S', 't', 'C', 'n', 'p', 'ʼ', '‘', 'é', 'e', 'x', '1', '5', '’', "'", ' ', '  ', '¢', '&', '%', '°', '"', '.', '/', '-', '_', 'juin', 'Mai', '\n', '𝒜', 'ß', 'Œ', '\u00a0',
      // Outside the BMP: a digit (𝟏), a symbol (😀), a letter whose high half is 0xd800 (𐀀), and the halves of a
      // pair standing alone.
      '𝟏', '😀', '𐀀', '\ud835', '\udc9c']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        expect(byScanner(text)).toEqual(byRegex(text))
      }),
      { numRuns: 3000, seed: 11 },
    )
  })
})
