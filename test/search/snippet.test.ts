import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeSnippet, withinEdits } from '../../src/search/snippet.js'
import { analyze } from '../../src/text/analyzer.js'

describe('makeSnippet', () => {
  it('marks stems and escapes the text', () => {
    const snippet = makeSnippet('Les <États> protègent les témoins & victimes.', { stems: new Set(analyze('témoin protègent')), phrases: [] })
    expect(snippet).toBe('Les &lt;États&gt; <mark>protègent</mark> les <mark>témoins</mark> &amp; victimes.')
  })
  it('cuts a long passage around its matches, on word boundaries', () => {
    const text = `${'début '.repeat(100)}le passeur est puni ${'fin '.repeat(100)}`
    const snippet = makeSnippet(text, { stems: new Set(analyze('passeur')), phrases: [] }, 120)
    expect(snippet.startsWith('… ')).toBe(true)
    expect(snippet.endsWith(' …')).toBe(true)
    expect(snippet).toContain('<mark>passeur</mark>')
    expect(snippet.length).toBeLessThan(160)
  })
  it('takes the stems of the words an index holds from it, and stems the words it does not hold', () => {
    // A stand-in for the keyword index (KeywordIndex.storedStem, whose stems are checked against the stemmer in
    // test/index/keyword.test.ts) that claims `garde` stems to `temoin`: only a stem read from it marks `garde`.
    const storedStem = (word: string) => (word === 'garde' ? 'temoin' : undefined)
    const snippet = makeSnippet('Une garde rapprochée des témoins menacés.', { stems: new Set(analyze('témoin')), phrases: [] }, 320, storedStem)
    expect(snippet).toBe('Une <mark>garde</mark> rapprochée des <mark>témoins</mark> menacés.')
  })
})

describe('withinEdits', () => {
  it('marks the words a typo away from each search’s own typo words, the same words again on the next passage', () => {
    const text = 'La protection des victimes et des témoins.'
    const typoWords = ['protectoin']
    expect(makeSnippet(text, { stems: new Set(), phrases: [], typoWords })).toBe('La <mark>protection</mark> des victimes et des témoins.')
    expect(makeSnippet(text, { stems: new Set(), phrases: [], typoWords })).toBe('La <mark>protection</mark> des victimes et des témoins.')
    // Another search, other typo words: nothing remembered from the first.
    expect(makeSnippet(text, { stems: new Set(), phrases: [], typoWords: ['victimse'] })).toBe('La protection des <mark>victimes</mark> et des témoins.')
  })

  it('counts insertions, deletions and substitutions, and stops early', () => {
    expect(withinEdits('protectoin', 'protection', 2)).toBe(true)
    expect(withinEdits('protectoin', 'protection', 1)).toBe(false)
    expect(withinEdits('temoins', 'temoin', 1)).toBe(true)
    expect(withinEdits('migrants', 'passeurs', 2)).toBe(false)
  })

  it('agrees with the full edit distance on any two words, within 1 or 2 edits (only the band is computed)', () => {
    // The plain dynamic programme over every cell: what the banded one must answer.
    const distance = (a: string, b: string) => {
      let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
      for (let i = 1; i <= a.length; i++) {
        const current = [i]
        for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
        previous = current
      }
      return previous[b.length]!
    }
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 12 })
    fc.assert(
      fc.property(word, word, fc.constantFrom(1, 2), (a, b, max) => withinEdits(a, b, max) === distance(a, b) <= max),
      { numRuns: 2000 },
    )
    // Long words after short ones: the rows grow.
    expect(withinEdits('a'.repeat(100) + 'b', 'a'.repeat(100) + 'c', 1)).toBe(true)
  })
})
