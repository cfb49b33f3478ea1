import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { portableCrc32 } from '../../src/binary/checksum.js'
import { TopK } from '../../src/index/top-k.js'
import { clusterStatus, VectorIndex, vectorFileName, type VectorDtype } from '../../src/index/vectors.js'
import { encodeVectors } from '../../src/index/vector-file.js'

const v = (...values: number[]) => Float32Array.from(values)

/** Deterministic vectors for tests: a linear congruential generator, roughly normal by summing four uniforms. */
function randomVectors(count: number, dimension: number, seed: number): Float32Array[] {
  let state = seed
  const uniform = () => (state = (state * 48271) % 2147483647) / 2147483647
  return Array.from({ length: count }, () => Float32Array.from({ length: dimension }, () => uniform() + uniform() + uniform() + uniform() - 2))
}

// Three passages along three directions, and a fourth between the first two.
const ids = ['doc.p1', 'doc.p2', 'doc.p3', 'doc.p4']
const vectors = [v(1, 0, 0), v(0, 1, 0), v(0, 0, 1), v(1, 1, 0)]

describe.each<VectorDtype>(['float32', 'int8'])('VectorIndex (%s)', (dtype) => {
  const index = VectorIndex.build(ids, vectors, { dimension: 3, dtype })

  it('ranks by cosine: the passage pointing the query’s way first, the orthogonal one last', () => {
    // (0.6, 0.5, 0) is closest to the diagonal p4, then nearer the x axis (p1) than the y axis (p2).
    const ranked = index.search(v(0.6, 0.5, 0), 4)
    expect(ranked.map(([id]) => id)).toEqual(['doc.p4', 'doc.p1', 'doc.p2', 'doc.p3'])
    expect(ranked[0]![1]).toBeCloseTo(1.1 / Math.SQRT2 / Math.hypot(0.6, 0.5), 2)
    expect(ranked[1]![1]).toBeCloseTo(0.6 / Math.hypot(0.6, 0.5), 2)
    expect(ranked[3]![1]).toBeCloseTo(0, 5)
  })

  it('normalises what it stores and what it is asked: scale changes nothing', () => {
    const scaled = VectorIndex.build(ids, vectors.map((x) => x.map((y) => y * 7)), { dimension: 3, dtype })
    const [bigger, smaller] = [scaled.search(v(9, 3, 0), 4), index.search(v(0.9, 0.3, 0), 4)]
    expect(bigger.map(([id]) => id)).toEqual(smaller.map(([id]) => id))
    bigger.forEach(([, score], i) => expect(score).toBeCloseTo(smaller[i]![1], 6))
    expect(Math.hypot(...index.vectorOf('doc.p4')!)).toBeCloseTo(1, 2)
  })

  it('returns at most k hits, all of them when k exceeds the size, none for k = 0', () => {
    expect(index.search(v(1, 0, 0), 2).map(([id]) => id)).toEqual(['doc.p1', 'doc.p4'])
    expect(index.search(v(1, 0, 0), 50)).toHaveLength(4)
    expect(index.search(v(1, 0, 0), 0)).toEqual([])
  })

  it('keeps insertion order among equal scores', () => {
    // p2 and p3 are both orthogonal to the query.
    expect(index.search(v(1, 0, 0), 4).map(([id]) => id)).toEqual(['doc.p1', 'doc.p4', 'doc.p2', 'doc.p3'])
  })

  it('skips what the filter rejects, by id or by position', () => {
    expect(index.search(v(1, 0, 0), 2, (id) => id !== 'doc.p1').map(([id]) => id)).toEqual(['doc.p4', 'doc.p2'])
    expect(index.search(v(1, 0, 0), 4, (_, position) => position === 2).map(([id]) => id)).toEqual(['doc.p3'])
  })

  it('refuses a query of another dimension: the index was built with another model', () => {
    expect(() => index.search(v(1, 0), 3)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining('3-dimensional vectors but the query has 2') }))
  })
})

describe('VectorIndex building', () => {
  it('refuses duplicate ids, wrong widths and NaN', () => {
    const index = new VectorIndex({ dimension: 2 })
    index.add('a', v(1, 0))
    expect(() => index.add('a', v(0, 1))).toThrow(expect.objectContaining({ code: 'INDEX_BUILD_FAILED', message: expect.stringContaining('already') }))
    expect(() => index.add('b', v(1, 0, 0))).toThrow(/3 dimensions, expected 2/)
    expect(() => index.add('c', v(Number.NaN, 0))).toThrow(/NaN/)
    expect(() => VectorIndex.build(['x'], [], { dimension: 2 })).toThrow(/1 ids for 0 vectors/)
    expect(index.size).toBe(1)
  })

  it('grows as vectors are added one by one, with the same results as a bulk build', () => {
    const many = randomVectors(1000, 16, 7)
    const names = many.map((_, i) => `p${i}`)
    const incremental = new VectorIndex({ dimension: 16, dtype: 'int8' })
    many.forEach((vector, i) => incremental.add(names[i]!, vector))
    const bulk = VectorIndex.build(names, many, { dimension: 16, dtype: 'int8' })
    expect(incremental.size).toBe(1000)
    expect(incremental.ids).toEqual(names)
    expect(incremental.toBuffer().equals(bulk.toBuffer())).toBe(true)
  })
})

describe('int8 against float32', () => {
  const passages = randomVectors(2000, 64, 42)
  const names = passages.map((_, i) => `p${i}`)
  const exact = VectorIndex.build(names, passages, { dimension: 64, dtype: 'float32' })
  const small = VectorIndex.build(names, passages, { dimension: 64, dtype: 'int8' })

  it('finds the same top 10 as float32, up to swaps between near-ties', () => {
    // Per-vector int8 moves a cosine by about 0.002 at most, so two passages whose exact scores are closer
    // than that may trade places (a third of these random queries have such a swap), but nothing clearly worse gets in.
    for (const query of randomVectors(30, 64, 99)) {
      const expected = exact.search(query, 10)
      const actual = small.search(query, 10)
      const exactScore = new Map(exact.search(query, 2000))
      actual.forEach(([id, score], rank) => {
        expect(Math.abs(exactScore.get(id)! - expected[rank]![1])).toBeLessThan(0.005)
        expect(Math.abs(score - exactScore.get(id)!)).toBeLessThan(0.005)
      })
      const shared = actual.filter(([id]) => expected.some(([other]) => other === id))
      expect(shared.length).toBeGreaterThanOrEqual(9)
    }
  })

  it('lets in a vector scoring just above the worst kept, though its dot product is low for its scale', () => {
    // Scores are the first component. Nine vectors of the largest scale (0.9 stored as 127) fill the head with the
    // one at 0.5; the next scores 0.52 with a smaller scale (its 0.854 stored as 127): its integer dot product
    // (77 × the query's 32767) is below what a 0.5 would need at the largest scale divided by 0.9, so a pass-over
    // bound that underrates the largest scale by a tenth drops it.
    const unit = (x: number) => Float32Array.from({ length: 16 }, (_, j) => (j === 0 ? x : j === 1 ? Math.sqrt(1 - x * x) : 0))
    const ids = Array.from({ length: 11 }, (_, i) => `p${i}`)
    const index = VectorIndex.build(ids, [...Array.from({ length: 9 }, () => unit(0.9)), unit(0.5), unit(0.52)], { dimension: 16, dtype: 'int8' })
    const found = index.search(unit(1), 10)
    expect(found.map(([id]) => id)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8', 'p10'])
    expect(found[9]![1]).toBeCloseTo(0.518, 3)
  })

  it('finds the same top 5, in order, when the best matches stand apart', () => {
    // Queries are passages 0, 100, 200… with noise; the runner-up is their nearest random neighbour.
    for (let source = 0; source < 2000; source += 100) {
      const query = passages[source]!.map((x, j) => x + 0.3 * randomVectors(1, 64, source + 1)[0]![j]!)
      const expected = exact.search(query, 5)
      expect(expected[0]![0]).toBe(`p${source}`)
      expect(small.search(query, 5).map(([id]) => id).slice(0, 2)).toEqual(expected.map(([id]) => id).slice(0, 2))
    }
  })

  it('takes one byte per value plus a 4-byte scale per vector, against four bytes per value', () => {
    const idBytes = JSON.stringify(names).length
    expect(exact.toBuffer().length).toBe(64 + 2000 * 64 * 4 + idBytes)
    expect(small.toBuffer().length).toBe(64 + 2000 * (4 + 64) + idBytes)
  })
})

describe('clusterStatus', () => {
  it('gives the far probe and its recalls only where the build kept one', () => {
    const near = { count: 316, probe: 14, recall: 0.981 }
    expect(clusterStatus({ ...near, farProbe: 0, farRecall: 0, farTopRecall: 0 })).toStrictEqual(near)
    expect(clusterStatus({ ...near, farProbe: 98, farRecall: 0.988, farTopRecall: 0.98 })).toStrictEqual({ ...near, farProbe: 98, farRecall: 0.988, farTopRecall: 0.98 })
  })
})

describe('TopK', () => {
  it('keeps the k best of a stream, best first, earlier positions winning ties, as a full sort would', () => {
    let state = 3
    const scores = Array.from({ length: 5000 }, () => ((state = (state * 48271) % 2147483647) % 200) / 10)
    for (const k of [1, 7, 100, 5000]) {
      const top = new TopK(k)
      scores.forEach((score, position) => top.offer(score, position))
      const sorted = scores.map((score, position) => [position, score] as [number, number]).sort((a, b) => b[1] - a[1] || a[0] - b[0])
      expect(top.drain()).toEqual(sorted.slice(0, k))
    }
  })
})

describe('vector files', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vectors-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  const passages = randomVectors(300, 48, 5)
  const names = passages.map((_, i) => `doc${i % 7}.p${i}`)

  it.each<VectorDtype>(['float32', 'int8'])('round-trips a %s index: same ids, vectors and rankings', async (dtype) => {
    const index = VectorIndex.build(names, passages, { dimension: 48, dtype })
    const path = await index.save(dir)
    expect(path).toBe(join(dir, vectorFileName))
    const loaded = await VectorIndex.load(dir)
    expect(loaded.dtype).toBe(dtype)
    expect(loaded.dimension).toBe(48)
    expect(loaded.ids).toEqual(names)
    expect(Array.from(loaded.vectorOf('doc3.p10')!)).toEqual(Array.from(index.vectorOf('doc3.p10')!))
    for (const query of randomVectors(5, 48, 11)) expect(loaded.search(query, 8)).toEqual(index.search(query, 8))
    // A loaded index takes more vectors.
    loaded.add('new.p1', passages[0]!)
    expect(loaded.search(passages[0]!, 2).map(([id]) => id).sort()).toEqual(['doc0.p0', 'new.p1'])
  })

  it('writes a 64-byte header, then the vectors, then the ids', async () => {
    const index = VectorIndex.build(['a', 'b'], [v(1, 0, 0), v(0, 1, 0)], { dimension: 3, dtype: 'int8' })
    const file = index.toBuffer()
    expect(file.subarray(0, 7).toString('latin1')).toBe('CTOCVEC')
    expect([file.readUInt32LE(8), file.readUInt32LE(12), file.readUInt32LE(16), file.readUInt32LE(20), file.readUInt32LE(28)]).toEqual([5, 2, 2, 3, 0])
    // Version 4's checksum, as 2's: the body's CRC-32, then zeros.
    expect(file.readUInt32LE(32)).toBe(portableCrc32(file.subarray(64)))
    expect(file.subarray(36, 64).every((byte) => byte === 0)).toBe(true)
    // Header, two float32 scales, 2 × 3 int8 codes, then the ids as JSON.
    expect(file.length).toBe(64 + 8 + 6 + '["a","b"]'.length)
    expect(file.subarray(78).toString('utf8')).toBe('["a","b"]')
  })

  it('reads a file of version 1, checked by SHA-256 (written before CRC-32), and refuses one damaged', () => {
    const file = VectorIndex.build(names, passages, { dimension: 48, dtype: 'int8' }).toBuffer()
    file.writeUInt32LE(1, 8)
    createHash('sha256').update(file.subarray(64)).digest().copy(file, 32)
    expect(VectorIndex.fromBuffer(file).search(passages[3]!, 1)).toEqual([['doc3.p3', expect.closeTo(1, 2)]])
    file[100]! ^= 0x10
    expect(() => VectorIndex.fromBuffer(file)).toThrow(/damaged \(checksum mismatch\)/)
  })

  it('reads an index from a buffer that does not start on a 4-byte boundary', () => {
    const file = VectorIndex.build(names, passages, { dimension: 48 }).toBuffer()
    const shifted = Buffer.alloc(file.length + 1)
    file.copy(shifted, 1)
    const loaded = VectorIndex.fromBuffer(shifted.subarray(1))
    expect(loaded.search(passages[3]!, 1)).toEqual([['doc3.p3', expect.closeTo(1, 5)]])
  })

  it('refuses a file that lists an id twice, and finds each id of a loaded index (positions made on first use)', () => {
    const file = encodeVectors({ dtype: 'float32', dimension: 2, ids: ['a', 'b', 'a'], values: Float32Array.of(1, 0, 0, 1, 1, 1), scales: new Float32Array(0) })
    expect(() => VectorIndex.fromBuffer(file)).toThrow(/lists id a twice/)
    const loaded = VectorIndex.fromBuffer(VectorIndex.build(names, passages, { dimension: 48, dtype: 'int8' }).toBuffer())
    expect(names.every((id) => loaded.has(id))).toBe(true)
    expect(loaded.has('doc0.p1')).toBe(false)
    expect(() => loaded.add('doc3.p10', passages[0]!)).toThrow(/already in the index/)
  })

  it("skips the body's checksum only when the caller says it checked the whole file", () => {
    const file = VectorIndex.build(names, passages, { dimension: 48, dtype: 'int8' }).toBuffer()
    file[100]! ^= 0x10
    expect(() => VectorIndex.fromBuffer(file)).toThrow(/checksum mismatch/)
    expect(VectorIndex.fromBuffer(file, 'vectors.bin', { checked: true }).size).toBe(names.length)
  })

  it('reports a missing file as INDEX_MISSING', async () => {
    await expect(VectorIndex.load(dir)).rejects.toMatchObject({ code: 'INDEX_MISSING' })
  })

  const damage: Array<[string, (file: Buffer) => Buffer, RegExp]> = [
    ['truncated', (file) => file.subarray(0, file.length - 10), /is truncated \(\d+ of \d+ bytes\)/],
    ['cut inside its header', (file) => file.subarray(0, 40), /is truncated \(40 bytes, shorter than its header\)/],
    ['one flipped byte in a vector', (file) => (file[100]! ^= 0x10, file), /damaged \(checksum mismatch\)/],
    ['longer than it says', (file) => Buffer.concat([file, Buffer.from('xx')]), /2 unexpected bytes at the end/],
    ['of another format version', (file) => (file.writeUInt32LE(6, 8), file), /format version 6, and this program reads version 5/],
    ['not a vector file at all', () => Buffer.from('{"passages": []}'.padEnd(80)), /wrong magic bytes/],
  ]
  it.each(damage)('refuses a file %s with INDEX_CORRUPT', async (_, spoil, message) => {
    await VectorIndex.build(names, passages, { dimension: 48, dtype: 'int8' }).save(dir)
    const path = join(dir, vectorFileName)
    await writeFile(path, spoil(await readFile(path)))
    const failure = VectorIndex.load(dir)
    await expect(failure).rejects.toMatchObject({ name: 'SearchError', code: 'INDEX_CORRUPT', message: expect.stringMatching(message) })
    await expect(failure).rejects.toThrow(/run `npm run index` to rebuild it/)
  })
})
