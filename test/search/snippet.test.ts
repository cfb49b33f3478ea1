import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeSnippet, matchedTokens, withinEdits } from '../../src/search/snippet.js'
import { analyze, tokenize } from '../../src/text/analyzer.js'

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
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), maxLength: 12 })
    fc.assert(
      fc.property(word, word, fc.constantFrom(1, 2), (a, b, max) => withinEdits(a, b, max) === distance(a, b) <= max),
      { numRuns: 2000 },
    )
    // Long words after short ones: the rows grow.
    expect(withinEdits('a'.repeat(100) + 'b', 'a'.repeat(100) + 'c', 1)).toBe(true)
  })

  it('a snippet marks exactly the words of 5+ letters within 1 edit (2 from 8 letters) of a typo word, however many letters they share', () => {
    // Few letters, so that many words share every letter but are farther apart; typo words made from the text's words
    // by one or two edits, so that many are near.
    const letter = fc.constantFrom('a', 'b', 'e', 'i', 'n', 't')
    const word = fc.string({ unit: letter, minLength: 4, maxLength: 10 })
    const edit = fc.tuple(fc.constantFrom('substitute', 'delete', 'insert'), fc.nat(9), letter)
    const typo = fc.tuple(fc.nat(7), fc.array(edit, { minLength: 0, maxLength: 2 }))
    const edited = (w: string, [kind, at, l]: [string, number, string]) => {
      const i = at % (w.length + 1)
      return kind === 'substitute' ? w.slice(0, i) + l + w.slice(i + 1) : kind === 'delete' ? w.slice(0, i) + w.slice(i + 1) : w.slice(0, i) + l + w.slice(i)
    }
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 8 }), fc.array(typo, { minLength: 1, maxLength: 3 }), (words, typos) => {
        const typoWords = typos.map(([from, edits]) => edits.reduce(edited, words[from % words.length]!))
        const tokens = tokenize(words.join(' '))
        const expected = tokens.flatMap(({ term }, i) => (term.length >= 5 && typoWords.some((w) => distance(w, term) <= (w.length >= 8 ? 2 : 1)) ? [i] : []))
        expect(matchedTokens(tokens, { stems: new Set(), phrases: [], typoWords })).toEqual(expected)
      }),
      { numRuns: 1000 },
    )
  })
})
