// OCR repair runs each of its regular expressions only where a cheap test says it can match: the same text out as
// running them all, one after the other (kept here as the specification).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { repairOcr } from '../../src/text/fold.js'

const ALL: Array<[RegExp, string]> = [
  [/(^|[^\p{L}\p{N}])1I(?=[’'‘] ?[\p{L}¢])/gu, '$1 l'],
  [/(^|[^\p{L}\p{N}])[I1|](?=[’'‘] ?[\p{L}¢])/gu, '$1l'],
  [/(^|[^\p{L}\p{N}])1(?=[éêàâîôûç]\p{L})/gu, '$1l'],
  [/(?<=\p{L})\|(?=\p{L})/gu, 'l'],
  [/(^|[^\p{L}])&(?=tre\b|tes\b)/gu, '$1ê'],
  [/ceuvre/g, 'oeuvre'],
  [/Ceuvre/g, 'Oeuvre'],
]
const everyPass = (text: string) => ALL.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)

describe('repairOcr', () => {
  it('gives what running every repair gives, on random strings of the characters they read', () => {
    const pieces = ['1', 'I', '|', '’', "'", '‘', ' ', 'é', 'ç', 'a', 'x', '¢', '&', 'tre', 'tes', 'ceuvre', 'Ceuvre', 'euvre', 'man', '5', '\n', 'l']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join('')
        expect(repairOcr(text)).toBe(everyPass(text))
      }),
      { numRuns: 5000, seed: 13 },
    )
    expect(repairOcr('1I’Afrique, I’article, 1égitimes, f|ux, &tre, mise en ceuvre')).toBe(' l’Afrique, l’article, légitimes, flux, être, mise en oeuvre')
  })
})
