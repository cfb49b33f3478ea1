import { describe, expect, it } from 'vitest'
import { decodeVariantNumbers, decodeVariants, encodeVariants } from '../../src/index/variants-file.js'

const ids = ['a.p1', 'a.p2', 'b.p1', 'c.p1']
const bytes = (chunks: Uint8Array[]) => Buffer.concat(chunks)

describe('variants.bin', () => {
  it('stores each group’s members as passage numbers, oldest first, and reads them back', () => {
    const groups = [{ id: 'c.p1', members: ['c.p1', 'a.p2'] }, { id: 'a.p1', members: ['a.p1', 'b.p1'] }]
    const file = bytes(encodeVariants(groups, ids))
    expect(Array.from(decodeVariantNumbers(file, ids.length).members)).toEqual([3, 1, 0, 2])
    expect(decodeVariants(file, ids)).toEqual(groups)
  })

  it('takes the passage numbers a group brings only when they name its members', () => {
    const right = { id: 'c.p1', members: ['c.p1', 'a.p2'], positions: [3, 1] }
    const stale = { id: 'a.p1', members: ['a.p1', 'b.p1'], positions: [0, 1] } // numbered in another corpus
    const file = bytes(encodeVariants([right, stale], ids))
    expect(Array.from(decodeVariantNumbers(file, ids.length).members)).toEqual([3, 1, 0, 2])
  })
})
