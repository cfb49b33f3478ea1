import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import snowball from 'snowball-stemmers'
import { describe, expect, it } from 'vitest'
import { fold } from '../../src/text/fold.js'
import { frenchStem } from '../../src/text/french-stemmer.js'
import { tokenize } from '../../src/text/analyzer.js'
import { STEMMER_PIECES } from './stemmer-pieces.js'

// The package the stemmer replaces (slow, same algorithm): every index built so far holds its stems.
const reference = snowball.newStemmer('french')

// Each word of a text as written (lower case, accents kept) and as the index sees it (folded, elision removed).
function vocabulary(texts: readonly string[]): string[] {
  const words = new Set<string>()
  for (const text of texts) {
    for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) words.add(word)
    for (const token of tokenize(text)) words.add(token.term)
  }
  return [...words]
}

const differences = (words: readonly string[]) => words.filter((w) => frenchStem(w) !== reference.stem(w)).map((w) => `${w}: ${frenchStem(w)} ≠ ${reference.stem(w)}`)

describe('frenchStem', () => {
  it('stems as the Snowball French algorithm does (why each form loses what it loses)', () => {
    expect(frenchStem('migrants')).toBe('migr') // verb suffix `ants` in RV
    expect(frenchStem('nationales')).toBe('national') // residual `e` after the plural `s` went
    expect(frenchStem('criminalité')).toBe('criminal') // `ité` in R2
    expect(frenchStem('politiques')).toBe('polit') // `iqUes`: the prelude marked the u of qu
    expect(frenchStem('enquêtes')).toBe('enquêt') // u after q marked, then only the plural `s`
    expect(frenchStem('rapidement')).toBe('rapid') // `ement` in RV
    expect(frenchStem('essayer')).toBe('essai') // y between vowels marked, `er` dropped, `Y` → i
    expect(frenchStem('chevaux')).toBe('cheval') // `aux` in R1 → `al`
  })

  it('gives the reference package’s stem for every word of the seeds, folded or not', () => {
    const texts = readdirSync('seeds').filter((f) => f.endsWith('.txt')).map((f) => readFileSync(`seeds/${f}`, 'utf8'))
    const words = vocabulary(texts)
    expect(words.length).toBeGreaterThan(3_000)
    expect(differences(words)).toEqual([])
  })

  it('gives the reference package’s stem for every word of PIAF’s Wikipedia paragraphs', () => {
    const words = vocabulary([readFileSync('test/fixtures/text/piaf/corpus.jsonl', 'utf8')])
    expect(words.length).toBeGreaterThan(10_000)
    expect(differences(words)).toEqual([])
  })

  it('gives the reference package’s stem for generated words built from the algorithm’s suffixes', () => {
    const word = fc.array(fc.constantFrom(...STEMMER_PIECES), { minLength: 1, maxLength: 6 }).map((p) => p.join(''))
    fc.assert(fc.property(word, (w) => frenchStem(w) === reference.stem(w) && frenchStem(fold(w)) === reference.stem(fold(w))), { numRuns: 5_000 })
  })
})
