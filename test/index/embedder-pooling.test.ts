import { describe, expect, it } from 'vitest'
import { meanPool, normalizeVector } from '../../src/index/embedder-pooling.js'

describe('meanPool', () => {
  it('averages only the tokens the mask keeps, then scales to unit length', () => {
    // Two texts, three token slots, width 2; the second text has one padding slot holding a huge vector.
    const hidden = { dims: [2, 3, 2], data: Float32Array.from([1, 0, 3, 0, 0, 4, 0, 2, 0, 2, 100, 100]) }
    const mask = { dims: [2, 3], data: BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 0n]) }
    const [first, second] = meanPool(hidden, mask)
    // Mean (4/3, 4/3) → (1/√2, 1/√2); mean (0, 2) → (0, 1), the padding ignored.
    expect(Array.from(first!)).toEqual([expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6)])
    expect(Array.from(second!)).toEqual([0, 1])
  })

  it('refuses token vectors that do not match the mask', () => {
    expect(() => meanPool({ dims: [1, 2, 2], data: new Float32Array(4) }, { dims: [1, 3], data: new BigInt64Array(3) })).toThrow(/do not match/)
  })
})

describe('normalizeVector', () => {
  it('scales to unit length and leaves a zero vector at zero, not NaN', () => {
    expect(Array.from(normalizeVector(Float32Array.from([3, 4])))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)])
    expect(Array.from(normalizeVector(new Float32Array(3)))).toEqual([0, 0, 0])
  })
})
