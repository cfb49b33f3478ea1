// parseQuery reads the free text between quotes in one piece rather than a character at a time: the same pieces for
// any query, checked against the character-at-a-time reading it replaced.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { analyze, phraseForm } from '../../src/text/analyzer.js'
import { parseQuery } from '../../src/search/query.js'

const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' }

/** The reading before session 13, a character at a time, and parseQuery's assembly over it. */
function parseCharByChar(raw: string) {
  const pieces: Array<{ text: string; quoted: boolean; negated: boolean }> = []
  let i = 0
  let free = ''
  const flushFree = () => {
    for (const word of free.split(/\s+/)) {
      if (!word) continue
      const negated = word.length > 1 && (word[0] === '-' || word[0] === '−')
      pieces.push({ text: negated ? word.slice(1) : word, quoted: false, negated })
    }
    free = ''
  }
  while (i < raw.length) {
    const ch = raw[i]!
    const close = QUOTES[ch]
    if (close !== undefined) {
      const negated = /[-−]$/.test(free) && (free.length === 1 || /\s/.test(free[free.length - 2]!))
      if (negated) free = free.slice(0, -1)
      flushFree()
      const end = raw.indexOf(close, i + 1)
      const stop = end === -1 ? raw.length : end
      pieces.push({ text: raw.slice(i + 1, stop), quoted: true, negated })
      i = stop + 1
      continue
    }
    free += ch
    i++
  }
  flushFree()
  const query = { raw, text: '', terms: [] as string[], phrases: [] as string[], phraseTerms: [] as string[], excludedPhrases: [] as string[] }
  const freeText: string[] = []
  for (const piece of pieces) {
    if (piece.negated) {
      const phrase = phraseForm(piece.text)
      if (phrase) query.excludedPhrases.push(phrase)
    } else if (piece.quoted) {
      const phrase = phraseForm(piece.text)
      if (!phrase) continue
      query.phrases.push(phrase)
      query.phraseTerms.push(...analyze(piece.text))
      freeText.push(piece.text)
    } else {
      query.terms.push(...analyze(piece.text))
      freeText.push(piece.text)
    }
  }
  query.text = freeText.join(' ').replace(/\s+/g, ' ').trim()
  return query
}

const pieces = ['"', '«', '»', '“', '”', '„', '-', '−', ' ', '  ', '\t', 'de', 'la', 'témoins', 'Etats', 'parties', "l'État", 'x', '𝄞']

describe('parseQuery', () => {
  it('reads any query as the character-at-a-time reading did', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const raw = parts.join('')
        expect(parseQuery(raw)).toEqual(parseCharByChar(raw))
      }),
      { numRuns: 2000 },
    )
  })
})
