// The letter-run scanner against the regular expression it stands for (`\p{L}+`), and the two readers built on it:
// the spelling counts (against a Map of `match` results) and the language check (against its regex version).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { notFrench } from '../../src/ingest/language.js'
import { forEachLetterRun } from '../../src/text/letters.js'
import { countWords } from '../../src/text/spelling.js'

const pieces = ['a', 'é', 'E', 'ß', 'Œ', 'İ', '𝒜', '\ud835', '\udc9c', '1', ' ', '-', '’', 'the', 'de', 'los', 'le', 'Les', 'et', 'and', 'été', '\n', '¢']
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''))

const runs = (text: string) => {
  const found: string[] = []
  forEachLetterRun(text, (start, end) => found.push(text.slice(start, end)))
  return found
}

// The language check as it was written with regular expressions: the specification of the one-scan version.
const FRENCH = new Set(['le', 'la', 'les', 'des', 'de', 'du', 'et', 'est', 'une', 'un', 'dans', 'que', 'qui', 'pour', 'par', 'sur', 'au', 'aux', 'avec', 'ont', 'sont', 'ses', 'leur', 'leurs', 'ces', 'cette', 'il', 'elle', 'ne', 'pas', 'été', 'à'])
const OTHERS: Record<string, Set<string>> = {
  English: new Set(['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'on', 'with', 'as', 'by', 'are', 'be', 'this', 'was', 'have', 'which', 'from', 'its', 'their', 'it', 'an', 'or']),
  Spanish: new Set(['el', 'los', 'las', 'del', 'y', 'en', 'que', 'por', 'con', 'para', 'una', 'se', 'su', 'sus', 'al', 'como', 'lo', 'es', 'son']),
}
function notFrenchByRegex(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? []
  if (words.length < 60) return null
  const share = (set: Set<string>) => words.filter((word) => set.has(word)).length / words.length
  const french = share(FRENCH)
  let best: [string, number] = ['another language', 0]
  for (const [language, set] of Object.entries(OTHERS)) {
    const s = share(set)
    if (s > best[1]) best = [language, s]
  }
  return french >= 0.12 && french >= best[1] ? null : best[1] > french ? best[0] : 'another language'
}

describe('forEachLetterRun', () => {
  it('finds the runs `\\p{L}+` finds, surrogate pairs and lone surrogates included', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(runs(text)).toEqual(text.match(/\p{L}+/gu) ?? [])
      }),
      { numRuns: 2000, seed: 7 },
    )
    expect(runs('l’𝒜b 12 été')).toEqual(['l', '𝒜b', 'été'])
  })
})

describe('countWords', () => {
  it('counts what a Map of the regex matches counts, in the order the words were first met, adding to earlier counts', () => {
    fc.assert(
      fc.property(fc.array(texts, { maxLength: 8 }), (batch) => {
        const expected = new Map<string, number>([['zzz', 1], ['été', 2]])
        for (const text of batch) for (const word of text.match(/\p{L}+/gu) ?? []) expected.set(word, (expected.get(word) ?? 0) + 1)
        const counted = countWords(batch, new Map([['zzz', 1], ['été', 2]]))
        expect([...counted]).toEqual([...expected])
      }),
      { numRuns: 1000, seed: 3 },
    )
  })

  it('tells apart 20 000 distinct words (its table grows several times)', () => {
    // Letters only: base 26 written with a–z.
    const word = (i: number) => `m${[...i.toString(26)].map((d) => String.fromCharCode(97 + parseInt(d, 26))).join('')}é`
    const words = Array.from({ length: 20_000 }, (_, i) => word(i))
    const counted = countWords([words.join(' '), words.slice(0, 100).join(' ')])
    expect(counted.size).toBe(20_000)
    expect(counted.get(word(0))).toBe(2)
    expect(counted.get(word(99))).toBe(2)
    expect(counted.get(word(19_999))).toBe(1)
  })
})

describe('notFrench', () => {
  it('judges every text as its regex version did', () => {
    const long = fc.array(fc.constantFrom('the', 'de', 'los', 'le', 'et', 'and', 'été', 'Les', 'maison', 'casa', 'house', 'İ', '’', '-'), { minLength: 40, maxLength: 120 })
    fc.assert(
      fc.property(long, fc.constantFrom(' ', '  ', '\n'), (words, gap) => {
        const text = words.join(gap)
        expect(notFrench(text)).toBe(notFrenchByRegex(text))
      }),
      { numRuns: 1000, seed: 5 },
    )
  })
})
