// splitPieces reads the free text between quotes in one piece rather than a character at a time: the same pieces for
// any query, checked against the character-at-a-time reading it replaced (parseQuery analyses the pieces, unchanged).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { splitPieces, type Piece } from '../../src/search/query.js'

const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' }

/** The reading before session 13, a character at a time. */
function splitCharByChar(raw: string): Piece[] {
  const pieces: Piece[] = []
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
  return pieces
}

const pieces = ['"', '«', '»', '“', '”', '„', '-', '−', ' ', '  ', '\t', 'de', 'la', 'témoins', 'Etats', 'parties', "l'État", 'x', '𝄞']

describe('splitPieces', () => {
  it('reads any query as the character-at-a-time reading did', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const raw = parts.join('')
        expect(splitPieces(raw)).toEqual(splitCharByChar(raw))
      }),
      { numRuns: 2000 },
    )
  })
})
