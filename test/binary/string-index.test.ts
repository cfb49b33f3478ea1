// The typed-array string index against a Map built from the same list: the same place for every listed string
// (the last one for a string listed twice), undefined for every other.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { StringIndex } from '../../src/binary/string-index.js'

describe('StringIndex', () => {
  it('answers as a Map of the same entries, for 1 000 generated lists', () => {
    // Short strings of few letters collide in the hash table often; duplicates too.
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'я', '_', '1'), maxLength: 6 })
    fc.assert(
      fc.property(fc.array(text, { maxLength: 200 }), fc.array(text, { maxLength: 50 }), (strings, others) => {
        const map = new Map(strings.map((s, i) => [s, i]))
        const index = StringIndex.of(strings)
        for (const s of [...strings, ...others]) expect(index.get(s)).toBe(map.get(s))
      }),
      { numRuns: 1000 },
    )
  })

  it('finds nothing in an empty list', () => {
    expect(StringIndex.of([]).get('')).toBeUndefined()
    expect(StringIndex.of(['a']).get('b')).toBeUndefined()
    expect(StringIndex.of(['a', 'b']).get('b')).toBe(1)
  })
})
