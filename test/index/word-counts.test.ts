// The build state's word counts are read back as `WordCounts` instead of a Map: under the gets, sets and deletes an
// incremental build makes (`spellingCounts`), it must answer and iterate as the Map it was written from would —
// order included, since the next state stores the counts in that order.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WordCounts } from '../../src/index/word-counts.js'

const word = fc.constantFrom('enquête', 'enquéte', 'les', 'Les', 'parquet', 'a', 'é', 'œuvre', '🙂', 'x'.repeat(20))
const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), word, count: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('delete' as const), word }),
)

describe('the word counts of the build state', () => {
  it('answers and iterates as a Map under any sets and deletes (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word), fc.array(operation, { maxLength: 30 }), (words, operations) => {
        const map = new Map(words.map((w, i) => [w, i + 1]))
        const counts = new WordCounts(words, Uint32Array.from(words, (_, i) => i + 1))
        for (const op of operations) {
          if (op.kind === 'set') counts.set(op.word, op.count), map.set(op.word, op.count)
          else expect(counts.delete(op.word)).toBe(map.delete(op.word))
          expect(counts.get(op.word)).toBe(map.get(op.word))
          expect(counts.has(op.word)).toBe(map.has(op.word))
          expect(counts.size).toBe(map.size)
        }
        expect([...counts]).toEqual([...map])
        expect([...counts.keys()]).toEqual([...map.keys()])
        expect([...counts.values()]).toEqual([...map.values()])
      }),
      { numRuns: 300 },
    )
  })

  it('puts a word deleted and counted again after the others, as a Map does', () => {
    const counts = new WordCounts(['les', 'enquêtes', 'parquet'], Uint32Array.of(5, 2, 1))
    counts.delete('les')
    counts.set('audit', 3)
    counts.set('les', 1)
    counts.set('parquet', 4)
    expect([...counts]).toEqual([['enquêtes', 2], ['parquet', 4], ['audit', 3], ['les', 1]])
  })

  it('refuses a word stored twice (a damaged state is then not used)', () => {
    expect(() => new WordCounts(['les', 'les'], Uint32Array.of(1, 2))).toThrow(/twice/)
  })
})
