// The stemmer against the reference package on a small word list, for mutation runs (npm run test:mutation; see
// docs/testing.md): french-stemmer.test.ts compares every word of the seeds and of PIAF (20,875 words, folded forms
// included) and 5,000 generated ones, seconds a run; this list keeps, of those 20,875, the shortest and the longest
// word of each change the reference makes (the ending it removes and the one it puts back; for a word it leaves
// whole, its last two letters): 1,791 words, 1,118 kinds of change. It was drawn once from the reference's stems
// (no stem of ours decided what is in it); the stems compared are the reference's, computed here.

import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import snowball from 'snowball-stemmers'
import { describe, expect, it } from 'vitest'
import { fold } from '../../src/text/fold.js'
import { frenchStem } from '../../src/text/french-stemmer.js'
import { STEMMER_PIECES } from './stemmer-pieces.js'

const reference = snowball.newStemmer('french')
const differences = (words: readonly string[]) => words.filter((w) => frenchStem(w) !== reference.stem(w)).map((w) => `${w}: ${frenchStem(w)} ≠ ${reference.stem(w)}`)

describe('frenchStem on the mutation word list', () => {
  it('gives the reference package’s stem for each of its 1,791 words', () => {
    const words = readFileSync('test/fixtures/text/stemmer-words.txt', 'utf8').split('\n').filter(Boolean)
    expect(words).toHaveLength(1_791)
    expect(differences(words)).toEqual([])
  })

  it('and for words of the rules the corpora never reach: a final ë after gu', () => {
    expect(differences(['aiguë', 'ambiguë', 'contiguës', 'ciguë'])).toEqual([])
  })

  it('and for 5,000 generated words of the algorithm’s suffixes (a fixed seed), as written and folded', () => {
    const word = fc.array(fc.constantFrom(...STEMMER_PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(''))
    fc.assert(fc.property(word, (w) => frenchStem(w) === reference.stem(w) && frenchStem(fold(w)) === reference.stem(fold(w))), { numRuns: 5_000, seed: 20261201 })
  })
})
