// The clustered (IVF) vector index: below its threshold nothing changes; probing every cluster is exact search; the
// build keeps clusters only where its measured recall is reached by a small share of them; the file keeps them, a
// splice carries them, a damaged cluster section is refused.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { prng } from '../../src/index/prng.js'
import { clusterOrder, nearestCentroids } from '../../src/index/vector-clusters.js'
import { decodeVectors, encodeVectors, spliceVectorFile } from '../../src/index/vector-file.js'
import { VectorIndex, type VectorFilter } from '../../src/index/vectors.js'

const dimension = 32

const gaussian = (random: () => number) => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())

/** `n` vectors around `topics` random directions (spread `spread`), as a model's embeddings of texts on few subjects. */
function topicalVectors(n: number, topics: number, seed: number, spread = 0.5): Float32Array[] {
  const random = prng(seed)
  const centres = Array.from({ length: topics }, () => Float32Array.from({ length: dimension }, () => gaussian(random)))
  return Array.from({ length: n }, () => {
    const centre = centres[Math.floor(random() * topics)]!
    const norm = Math.hypot(...centre)
    return Float32Array.from(centre, (x) => x / norm + (spread / Math.sqrt(dimension)) * gaussian(random))
  })
}

function randomVectors(n: number, seed: number): Float32Array[] {
  const random = prng(seed)
  return Array.from({ length: n }, () => Float32Array.from({ length: dimension }, () => gaussian(random)))
}

const names = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`)
const clustered = (ids: string[], vectors: Float32Array[], options = {}) =>
  VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: { from: 1_000, ...options } })

/** The same index read back with every cluster probed: its answers must be exact search's. */
function probingAll(index: VectorIndex): VectorIndex {
  const data = index.toData()
  return VectorIndex.fromBuffer(encodeVectors({ ...data, clusters: { ...data.clusters!, probe: index.clusters!.count } }))
}

/** Mean share of exact search's top k that `index` returns, over `queries`. */
function recallOf(index: VectorIndex, queries: Float32Array[], k: number): number {
  let found = 0
  for (const query of queries) {
    const exact = new Set(index.search(query, k, undefined, { exact: true }).map(([id]) => id))
    found += index.search(query, k).filter(([id]) => exact.has(id)).length
  }
  return found / (queries.length * k)
}

const topical = topicalVectors(4_000, 40, 7)
const topicalIndex = clustered(names(topical.length), topical)

describe('clustered vector index', () => {
  it('stays flat below its threshold: the same file, the same answers as an index built without clusters', () => {
    const vectors = topical.slice(0, 999)
    const below = clustered(names(999), vectors)
    const flat = VectorIndex.build(names(999), vectors, { dimension, dtype: 'int8', clusters: false })
    expect(below.clusters).toBeNull()
    expect(below.clustering).toBeNull()
    expect(below.toBuffer().equals(flat.toBuffer())).toBe(true)
    for (const query of topical.slice(3_000, 3_020)) expect(below.search(query, 50)).toEqual(flat.search(query, 50))
  })

  it('on topical vectors, keeps clusters with a probe under a quarter of them and the recall it targets', () => {
    const clusters = topicalIndex.clusters!
    expect(clusters).not.toBeNull()
    expect(clusters.count).toBe(63) // √4 000, rounded
    expect(clusters.probe).toBeLessThanOrEqual(clusters.count / 4)
    expect(clusters.recall).toBeGreaterThanOrEqual(0.98)
    expect(topicalIndex.clustering!.measuredOn).toBe('all')
    // Queries it was not calibrated on: other vectors of the same topics.
    expect(recallOf(topicalIndex, topicalVectors(4_100, 40, 7).slice(4_000), 100)).toBeGreaterThanOrEqual(0.95)
  })

  it('on random vectors (no neighbourhoods), measures that clusters do not pay and stays flat', () => {
    const vectors = randomVectors(4_000, 3)
    const index = clustered(names(vectors.length), vectors)
    expect(index.clustering).not.toBeNull()
    expect(index.clustering!.probe).toBeGreaterThan(index.clustering!.count / 4)
    // The training sample already showed it: no vector was assigned to a cluster.
    expect(index.clustering!.measuredOn).toBe('sample')
    expect(index.clusters).toBeNull()
    const flat = VectorIndex.build(names(vectors.length), vectors, { dimension, dtype: 'int8', clusters: false })
    expect(index.toBuffer().equals(flat.toBuffer())).toBe(true)
  })

  it('builds the same clusters from the same vectors', () => {
    expect(clustered(names(topical.length), topical).toBuffer().equals(topicalIndex.toBuffer())).toBe(true)
  })

  it('answers exactly as flat search when every cluster is probed, filters included (property)', () => {
    const vector = fc.array(fc.integer({ min: -8, max: 8 }), { minLength: dimension, maxLength: dimension }).map((v) => Float32Array.from(v))
    fc.assert(
      fc.property(fc.array(vector, { minLength: 8, maxLength: 120 }), vector, fc.integer({ min: 1, max: 130 }), fc.integer({ min: 1, max: 5 }), (vectors, query, k, modulo) => {
        const ids = names(vectors.length)
        const flat = VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: false })
        const built = VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: { from: 2, maxProbeShare: 1, queries: 5 } })
        expect(built.clusters).not.toBeNull()
        const all = probingAll(built)
        const filter: VectorFilter = (_, position) => position % modulo === 0
        expect(all.search(query, k)).toEqual(flat.search(query, k))
        expect(all.search(query, k, filter)).toEqual(flat.search(query, k, filter))
        expect(built.search(query, k, filter, { exact: true })).toEqual(flat.search(query, k, filter))
        return true
      }),
      { numRuns: 150 },
    )
  })

  it('breaks ties as flat search does (equal score, earlier position) though it visits positions cluster by cluster', () => {
    // Every vector is 8 then the same values in another order: against the first axis they all score the same.
    const rest = Array.from({ length: dimension - 1 }, (_, j) => (j % 15) - 7)
    const tied = fc.shuffledSubarray(rest, { minLength: rest.length, maxLength: rest.length }).map((v) => Float32Array.of(8, ...v))
    const axis = Float32Array.from({ length: dimension }, (_, j) => (j === 0 ? 1 : 0))
    fc.assert(
      fc.property(fc.array(tied, { minLength: 20, maxLength: 80 }), fc.integer({ min: 1, max: 30 }), (vectors, k) => {
        const ids = names(vectors.length)
        const flat = VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: false })
        const all = probingAll(VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: { from: 2, maxProbeShare: 1, queries: 5 } }))
        expect(all.search(axis, k)).toEqual(flat.search(axis, k))
      }),
      { numRuns: 50 },
    )
  })

  it('searches exactly a query farther from every centroid than the queries it was calibrated on', () => {
    // Random directions no topic explains (as a rare word no passage's subject explains), farther from every centroid
    // than the floor the build measured.
    const { centroids } = topicalIndex.toData().clusters!
    const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v))
    const far = randomVectors(40, 11).filter((v) => clusterOrder(unit(v), centroids).best < topicalIndex.clusters!.floor)
    expect(far.length).toBeGreaterThan(20)
    for (const query of far) expect(topicalIndex.search(query, 100)).toEqual(topicalIndex.search(query, 100, undefined, { exact: true }))
    // Queries near the topics do use the clusters: some answer differs from exact search's.
    const near = topicalVectors(4_100, 40, 7).slice(4_000)
    expect(near.some((query) => JSON.stringify(topicalIndex.search(query, 100)) !== JSON.stringify(topicalIndex.search(query, 100, undefined, { exact: true })))).toBe(true)
  })

  it('returns as many filtered answers as exact search, however selective the filter', () => {
    const rare: VectorFilter = (_, position) => position % 997 === 0 // 5 of 4 000
    for (const query of topical.slice(0, 10)) {
      expect(topicalIndex.search(query, 10, rare)).toEqual(topicalIndex.search(query, 10, rare, { exact: true }))
    }
  })

  it('keeps positions outside: ids, vectorOf and toData as the flat index gives them', () => {
    const flat = VectorIndex.build(names(topical.length), topical, { dimension, dtype: 'int8', clusters: false })
    expect(topicalIndex.ids).toEqual(flat.ids)
    expect(topicalIndex.vectorOf('p1234')).toEqual(flat.vectorOf('p1234'))
    const [clusteredData, flatData] = [topicalIndex.toData(), flat.toData()]
    expect(clusteredData.values).toEqual(flatData.values)
    expect(clusteredData.scales).toEqual(flatData.scales)
  })

  it('reads back from its file with the same clusters and the same answers', () => {
    const loaded = VectorIndex.fromBuffer(topicalIndex.toBuffer())
    expect(loaded.clusters).toEqual(topicalIndex.clusters)
    expect(decodeVectors(loaded.toBuffer(), 'test').clusters!.assignment).toEqual(topicalIndex.toData().clusters!.assignment)
    for (const query of topical.slice(0, 20)) expect(loaded.search(query, 100)).toEqual(topicalIndex.search(query, 100))
  })

  it('refuses a damaged cluster section with INDEX_CORRUPT', () => {
    const file = topicalIndex.toBuffer()
    const flipped = Buffer.from(file)
    flipped[flipped.length - 2]! ^= 0x40 // the high bytes of the last vector's cluster
    expect(() => VectorIndex.fromBuffer(flipped)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/checksum mismatch/) }))
    expect(() => VectorIndex.fromBuffer(flipped, 'vectors.bin', { checked: true })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/damaged cluster section \(vector 3999 in cluster/) }))
    const moreClusters = Buffer.from(file)
    moreClusters.writeUInt32LE(4_001, 28)
    expect(() => VectorIndex.fromBuffer(moreClusters, 'vectors.bin', { checked: true })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/4001 clusters for 4000 int8 vectors/) }))
  })

  it('splices a report in and out: the kept vectors keep their clusters, the added join their nearest, all are found', () => {
    const before = topicalIndex.toData()
    // Remove every tenth vector, add 400 vectors of the same topics at the end.
    const kept = names(topical.length).filter((_, p) => p % 10 !== 0)
    const renumber = Int32Array.from(topical, (_, p) => (p % 10 === 0 ? -1 : p - Math.floor(p / 10) - 1))
    const newcomers = topicalVectors(4_400, 40, 7).slice(4_000)
    const added = VectorIndex.build(names(400, 'n'), newcomers, { dimension, dtype: 'int8', clusters: false }).toData()
    added.clusters = { ...before.clusters!, assignment: nearestCentroids(added.values as Int8Array, added.scales, before.clusters!.centroids, dimension) }
    const ids = [...kept, ...names(400, 'n')]
    const addedAt = Uint32Array.from({ length: 400 }, (_, a) => kept.length + a)
    const spliced = VectorIndex.fromBuffer(Buffer.concat(spliceVectorFile(before, renumber, added, addedAt, ids)!))
    const assignment = spliced.toData().clusters!.assignment
    kept.forEach((id, p) => expect(assignment[p]).toBe(before.clusters!.assignment[Number(id.slice(1))]))
    expect(Array.from(assignment.subarray(kept.length))).toEqual(Array.from(added.clusters.assignment))
    expect(spliced.clusters).toEqual(topicalIndex.clusters)
    const vectors = [...kept.map((id) => topical[Number(id.slice(1))]!), ...newcomers]
    const whole = VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: false })
    const all = probingAll(spliced)
    for (const query of [...newcomers.slice(0, 10), ...topical.slice(1, 11)]) expect(all.search(query, 100)).toEqual(whole.search(query, 100))
    for (const [p, id] of ids.entries()) if (p % 37 === 0) expect(spliced.search(vectors[p]!, 1)[0]![0]).toBe(id)
    expect(recallOf(spliced, topicalVectors(4_500, 40, 7).slice(4_400), 100)).toBeGreaterThanOrEqual(0.95)
  })
})
