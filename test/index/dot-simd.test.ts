import { describe, expect, it } from 'vitest'
import { createInt8Dots } from '../../src/index/dot-simd.js'
import { VectorIndex } from '../../src/index/vectors.js'

describe('WebAssembly SIMD int8 dot products', () => {
  it('give exactly the integer dot products, row by row', () => {
    const d = 48
    const rows = 37
    const vectors = Int8Array.from({ length: rows * d }, (_, i) => ((i * 7919) % 255) - 127)
    const query = Int16Array.from({ length: d }, (_, j) => ((j * 40503) % 65535) - 32767)
    const dots = createInt8Dots(vectors, d)!
    const scores = dots.run(query)
    for (let r = 0; r < rows; r++) {
      let expected = 0
      for (let j = 0; j < d; j++) expected += vectors[r * d + j]! * query[j]!
      expect(scores[r]).toBe(expected)
    }
    // The extremes: 127 × 32767 summed over every lane stays within an int32.
    expect(createInt8Dots(new Int8Array(384).fill(-128), 384)!.run(new Int16Array(384).fill(-32767))[0]).toBe(128 * 32767 * 384)
  })

  it('decline a width that is not a multiple of 16 (the scalar loop takes over)', () => {
    expect(createInt8Dots(new Int8Array(30), 10)).toBeNull()
  })

  it('rank an int8 index exactly as its stored vectors say, with scores within 1e-4', () => {
    let seed = 3
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1
    const ids = Array.from({ length: 500 }, (_, i) => `p${i}`)
    const index = VectorIndex.build(ids, ids.map(() => Float32Array.from({ length: 64 }, random)), { dimension: 64, dtype: 'int8' })
    const query = Float32Array.from({ length: 64 }, random)
    const norm = Math.hypot(...query)
    // The cosine of each stored (dequantised) vector with the query, computed the slow way.
    const exact = ids
      .map((id): [string, number] => [id, index.vectorOf(id)!.reduce((sum, x, j) => sum + x * (query[j]! / norm), 0)])
      .sort((a, b) => b[1] - a[1])
    const found = index.search(query, 10)
    expect(found.map(([id]) => id)).toEqual(exact.slice(0, 10).map(([id]) => id))
    for (let i = 0; i < 10; i++) expect(Math.abs(found[i]![1] - exact[i]![1])).toBeLessThan(1e-4)
    expect(index.search(query, 10, (id) => id !== found[0]![0]).map(([id]) => id)).toEqual(exact.slice(1, 11).map(([id]) => id))
  })
})
