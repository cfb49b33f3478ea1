// Typo expansion over the length-bucketed vocabulary against MiniSearch's walk of its radix tree: the same terms,
// distances and order, whatever the vocabulary, the order its terms were added in, the query and the tolerance.

import fc from 'fast-check'
import SearchableMap from 'minisearch/SearchableMap'
import { describe, expect, it } from 'vitest'
import { boundedDistance, FuzzyVocabulary } from '../../src/index/keyword-fuzzy.js'
import { vocabularyTree } from '../../src/index/vocabulary-tree.js'

// Few letters, so that many terms lie within an edit or two of each other; accented and non-Latin code units too.
const letter = fc.constantFrom('a', 'e', 'i', 'n', 'r', 's', 't', 'é', 'è', 'œ', 'ß', 'я')
const word = (max: number) => fc.array(letter, { minLength: 1, maxLength: max }).map((chars) => chars.join(''))

function treeOf(terms: readonly string[]): SearchableMap<number> {
  const tree = new SearchableMap<number>()
  terms.forEach((term, id) => tree.set(term, id))
  return tree
}

/** A word with a few random edits (replace, insert, delete), or an unrelated word. */
const queryNear = (terms: readonly string[]) =>
  fc.oneof(
    word(14),
    fc.tuple(fc.constantFrom(...terms), fc.array(fc.tuple(fc.nat(20), letter, fc.nat(2)), { maxLength: 3 })).map(([term, edits]) => {
      let w = term
      for (const [at, char, kind] of edits) {
        const p = at % (w.length + 1)
        w = kind === 0 ? w.slice(0, p) + char + w.slice(p + 1) : kind === 1 ? w.slice(0, p) + char + w.slice(p) : w.slice(0, p) + w.slice(p + 1)
      }
      return w
    }),
  )

describe('FuzzyVocabulary', () => {
  it("gives MiniSearch's fuzzyGet, entries in its order, for 1 000 generated vocabularies and queries", () => {
    const vocabulary = fc.uniqueArray(word(12), { minLength: 1, maxLength: 300 })
    const sample = vocabulary.chain((terms) => fc.tuple(fc.constant(terms), fc.array(queryNear(terms), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 3 })))
    fc.assert(
      fc.property(sample, ([terms, queries, maxDistance]) => {
        const tree = treeOf(terms)
        // The walk order as the keyword index takes it: from the arrays of its own tree, not from MiniSearch's.
        const fuzzy = new FuzzyVocabulary(terms, vocabularyTree(terms).walkRank)
        for (const query of queries) expect([...fuzzy.get(query, maxDistance)]).toEqual([...tree.fuzzyGet(query, maxDistance)])
      }),
      { numRuns: 1000 },
    )
  })

  it('keeps the walk order of a tree whose edges were split by later terms', () => {
    // "tr" splits "trait" and "train" after "tram": the tree's children no longer follow the order terms were added.
    const terms = ['trait', 'tram', 'train', 'trais', 'tr', 'rait', 'strait', 'traite']
    const tree = treeOf(terms)
    const expected = [...tree.fuzzyGet('trait', 2)]
    expect(expected.map(([term]) => term)).not.toEqual([...expected.map(([term]) => term)].sort())
    expect([...new FuzzyVocabulary(terms, vocabularyTree(terms).walkRank).get('trait', 2)]).toEqual(expected)
  })

  it('measures edits as Levenshtein does, and says max + 1 past the bound', () => {
    const row = new Int32Array(32)
    const previous = new Int32Array(32)
    expect(boundedDistance('protection', 'protectoin', 2, row, previous)).toBe(2)
    expect(boundedDistance('migrant', 'migrants', 2, row, previous)).toBe(1)
    expect(boundedDistance('abc', 'abc', 1, row, previous)).toBe(0)
    expect(boundedDistance('abcdef', 'ab', 2, row, previous)).toBe(3)
    expect(boundedDistance('kitten', 'sitting', 3, row, previous)).toBe(3)
    expect(boundedDistance('kitten', 'sitting', 2, row, previous)).toBe(3)
  })
})
