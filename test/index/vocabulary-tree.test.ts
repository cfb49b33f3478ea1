// The keyword vocabulary's SearchableMap, made in one pass, against one built by `set` from the same terms in the same
// order: the same radix tree, node for node, with each node's keys in the same order (which decides the order of
// prefix and typo expansions, hence the keyword scores to the last bit).

import fc from 'fast-check'
import SearchableMap from 'minisearch/SearchableMap'
import { describe, expect, it } from 'vitest'
import { vocabularyTree } from '../../src/index/vocabulary-tree.js'
import { seedEngine } from '../helpers.js'

// Few letters, so that terms share long prefixes and edges split often; accented and non-Latin code units too.
const letter = fc.constantFrom('a', 'b', 'e', 'n', 's', 't', 'é', 'œ', 'я')
const word = (max: number) => fc.array(letter, { minLength: 1, maxLength: max }).map((chars) => chars.join(''))

function setOneByOne(terms: readonly string[]): SearchableMap<number> {
  const map = new SearchableMap<number>()
  terms.forEach((term, id) => map.set(term, id))
  return map
}

/** A radix tree as nested [key, value or subtree] lists, in each Map's key order. */
type Shape = Array<[string, number | Shape]>
function shapeOf(node: Map<string, unknown>): Shape {
  return [...node].map(([key, value]) => [key, value instanceof Map ? shapeOf(value) : (value as number)])
}

function expectSameTree(terms: readonly string[]): void {
  const made = vocabularyTree(terms).map
  const set = setOneByOne(terms)
  expect(shapeOf(made._tree)).toEqual(shapeOf(set._tree))
  // And what the keyword index asks of it.
  expect([...made.values()]).toEqual([...set.values()])
  for (const term of terms) {
    expect(made.get(term)).toBe(set.get(term))
    expect([...made.atPrefix(term.slice(0, 2))]).toEqual([...set.atPrefix(term.slice(0, 2))])
  }
}

describe('vocabularyMap', () => {
  it('makes the tree `set` makes, keys in the same order, for 1 000 generated vocabularies', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word(9), { minLength: 0, maxLength: 120 }), (terms) => expectSameTree(terms)),
      { numRuns: 1000 },
    )
  })

  it('moves an edge shortened by a split after the keys set since (as SearchableMap does)', () => {
    // "abc" then "x": the root holds abc, x. "abd" splits "abc" into "ab" → {c, d}: "ab" moves after "x", so the
    // iteration (last key first) meets ab's terms first.
    const terms = ['abc', 'x', 'abd']
    expect(shapeOf(vocabularyTree(terms).map._tree)).toEqual([
      ['x', [['', 1]]],
      ['ab', [['c', [['', 0]]], ['d', [['', 2]]]]],
    ])
    expectSameTree(terms)
  })

  it('holds the empty string and terms that are prefixes of one another', () => {
    expectSameTree(['', 'a', 'ab', 'abc', 'b', 'abcd', 'abé'])
    expectSameTree(['abcd', 'abc', 'ab', 'a'])
  })

  it('makes the same tree as `set` from the seeds’ whole vocabulary', async () => {
    const { engine } = await seedEngine()
    const terms = engine.parts.keyword.data.terms
    expect(terms.length).toBeGreaterThan(1000)
    expect(shapeOf(vocabularyTree(terms).map._tree)).toEqual(shapeOf(setOneByOne(terms)._tree))
  })
})
