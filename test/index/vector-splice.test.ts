// An incremental build writes `vectors.bin` from the last build's rows (views, one per run) and the added passages'
// rows: the file must be byte for byte the one a build quantising every vector again writes, wherever rows are added
// or removed, and the splice must not give up (a null sends every passage back through the embedding cache).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { spliceVectorFile } from '../../src/index/vector-file.js'
import { VectorIndex, type VectorDtype } from '../../src/index/vectors.js'

const dimension = 3
// Hand-written 3-dimensional vectors, one per passage `p0`…: distinct directions and lengths, so a row moved to the
// wrong place changes the file.
const vectorOf = (p: number) => Float32Array.of(1 + (p % 5), -2 + ((p * 7) % 11) / 3, 0.5 * (p % 3) - 0.25)
const dataOf = (passages: readonly number[], dtype: VectorDtype) =>
  VectorIndex.build(passages.map((p) => `p${p}`), passages.map(vectorOf), { dimension, dtype }).toData()

/** The last build's passages `before`, spliced into `after`, against `after` built whole (both as bytes). */
function spliceAndWhole(before: readonly number[], after: readonly number[], dtype: VectorDtype): { spliced: Buffer | null; whole: Buffer } {
  const at = new Map(after.map((p, i) => [p, i]))
  const renumber = Int32Array.from(before, (p) => at.get(p) ?? -1)
  const kept = new Set(before)
  const addedAt = Uint32Array.from(after.flatMap((p, i) => (kept.has(p) ? [] : [i])))
  const chunks = spliceVectorFile(dataOf(before, dtype), renumber, dataOf(Array.from(addedAt, (i) => after[i]!), dtype), addedAt, after.map((p) => `p${p}`))
  return { spliced: chunks && Buffer.concat(chunks), whole: VectorIndex.build(after.map((p) => `p${p}`), after.map(vectorOf), { dimension, dtype }).toBuffer() }
}

describe('splicing vectors.bin from the last build', () => {
  for (const dtype of ['int8', 'float32'] as const) {
    it(`adds rows first, in the middle and last, and removes them, as a whole build writes them (${dtype})`, () => {
      const cases: Array<[number[], number[]]> = [
        [[1, 2, 3, 4], [0, 1, 2, 3, 4]],
        [[0, 1, 3, 4], [0, 1, 2, 3, 4]],
        [[0, 1, 2, 3], [0, 1, 2, 3, 4, 5, 6]],
        [[0, 1, 2, 3, 4], [0, 1, 3, 4]],
        [[0, 1, 2, 3, 4], [1, 2, 3, 4]],
        [[0, 1, 2, 3, 4], [0, 5, 6, 2, 4]],
      ]
      for (const [before, after] of cases) {
        const { spliced, whole } = spliceAndWhole(before, after, dtype)
        expect(spliced, `${before} → ${after}`).not.toBeNull()
        expect(spliced!.equals(whole), `${before} → ${after}`).toBe(true)
      }
    })
  }

  it('any change of any set of passages gives the file of a whole build (property)', () => {
    const passages = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 13 }).map((p) => p.sort((a, b) => a - b))
    fc.assert(fc.property(passages, passages, fc.constantFrom<VectorDtype>('int8', 'float32'), (before, after, dtype) => {
      const { spliced, whole } = spliceAndWhole(before, after, dtype)
      return spliced !== null && spliced.equals(whole)
    }), { numRuns: 200 })
  })

  it('refuses a row landing on another passage, and a row of the new file that nothing fills', () => {
    const before = dataOf([0, 1, 2], 'int8')
    const added = dataOf([3], 'int8')
    expect(spliceVectorFile(before, Int32Array.of(0, 1, 2), added, Uint32Array.of(3), ['p0', 'p1', 'p2', 'p3'])).not.toBeNull()
    expect(spliceVectorFile(before, Int32Array.of(0, 2, 1), added, Uint32Array.of(3), ['p0', 'p1', 'p2', 'p3'])).toBeNull()
    expect(spliceVectorFile(before, Int32Array.of(0, 1, -1), added, Uint32Array.of(3), ['p0', 'p1', 'p2', 'p3'])).toBeNull()
  })
})
