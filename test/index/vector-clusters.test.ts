// The clustered (IVF) vector index: below its threshold nothing changes; probing every cluster is exact search; the
// build keeps clusters only where its measured recall is reached by a small share of them; a query below the floor
// visits the far probe count measured for such queries at 100 and at 10, in the order the clusters' spread gives, or
// every vector; the file keeps them (an older file searches such queries exactly), a splice carries them and takes the
// spread again, a damaged cluster section is refused.

import fc from 'fast-check'
import { portableCrc32 } from '../../src/binary/checksum.js'
import { describe, expect, it } from 'vitest'
import { prng } from '../../src/index/prng.js'
import { clusterSizes } from '../../src/index/cluster-spread.js'
import { clusterOrder, nearestCentroids, type ClusterGuide } from '../../src/index/vector-clusters.js'
import { decodeVectors, encodeVectors, spliceVectorFile, type VectorData } from '../../src/index/vector-file.js'
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
// Random directions no topic explains, as a rare word's query vector: most fall below the floor. On these vectors such
// queries need 12 of the 63 clusters for 0.98 of exact search's top 100 and top 10 (17 in centroid order).
const farIndex = clustered(names(topical.length), topical, { maxProbeShare: 0.5, farQueryVectors: randomVectors(100, 11) })
const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v))
/** What orders `index`'s clusters for a query, from its file's data. */
function guideOf(index: VectorIndex): ClusterGuide {
  const clusters = index.toData().clusters!
  return { ...clusters, sizes: clusterSizes(clusters.assignment, clusters.centroids.length / dimension) }
}
const belowFloor = (index: VectorIndex, queries: Float32Array[]) => queries.filter((v) => clusterOrder(unit(v), guideOf(index)).best < index.clusters!.floor)

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

  it('searches exactly a query farther from every centroid than the queries it was calibrated on, without a far probe', () => {
    // Random directions no topic explains (as a rare word no passage's subject explains), farther from every centroid
    // than the floor the build measured.
    expect(topicalIndex.clusters).toMatchObject({ farProbe: 0, farRecall: 0 })
    const far = belowFloor(topicalIndex, randomVectors(40, 11))
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
    const before = farIndex.toData()
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
    expect(spliced.clusters).toEqual(farIndex.clusters)
    expect(spliced.clusters!.farProbe).toBeGreaterThan(0)
    const vectors = [...kept.map((id) => topical[Number(id.slice(1))]!), ...newcomers]
    const whole = VectorIndex.build(ids, vectors, { dimension, dtype: 'int8', clusters: false })
    // The spread is the new vectors' (the removed ones gone, the added ones in), not the last build's.
    const spread = spliced.toData().clusters!.spread
    const expected = varianceOf(whole.toData(), assignment, 63)
    expect(spread).not.toEqual(before.clusters!.spread)
    expected.forEach((variance, i) => expect(spread[i]).toBeCloseTo(variance, 7))
    const all = probingAll(spliced)
    for (const query of [...newcomers.slice(0, 10), ...topical.slice(1, 11)]) expect(all.search(query, 100)).toEqual(whole.search(query, 100))
    for (const [p, id] of ids.entries()) if (p % 37 === 0) expect(spliced.search(vectors[p]!, 1)[0]![0]).toBe(id)
    expect(recallOf(spliced, topicalVectors(4_500, 40, 7).slice(4_400), 100)).toBeGreaterThanOrEqual(0.95)
  })
})

describe('queries below the floor', () => {
  const flat = VectorIndex.build(names(topical.length), topical, { dimension, dtype: 'int8', clusters: false })
  // Held out: far queries the build did not calibrate on.
  const heldOut = belowFloor(farIndex, randomVectors(60, 12))

  it('get a probe count measured on the calibration queries below the floor, kept when enough fell there within the share', () => {
    const { far } = farIndex.clustering!
    // The far vectors below the floor and the 10 noisy stored vectors under their own 5th percentile (200 × 0.05).
    expect(far.queries).toBe(belowFloor(farIndex, randomVectors(100, 11)).length + 10)
    expect(far.queries).toBeGreaterThanOrEqual(50)
    expect(far.recall).toBeGreaterThanOrEqual(0.98)
    expect(far.topRecall).toBeGreaterThanOrEqual(0.98)
    expect(farIndex.clusters).toMatchObject({ farProbe: far.probe, farRecall: far.recall, farTopRecall: far.topRecall })
    expect(far.probe).toBeLessThanOrEqual(farIndex.clusters!.count / 4)
    // The far queries move neither the clusters, nor the probe count, nor the floor.
    expect({ ...farIndex.clusters, farProbe: 0, farRecall: 0, farTopRecall: 0 }).toEqual(topicalIndex.clusters)
    expect(farIndex.toData().clusters!.assignment).toEqual(topicalIndex.toData().clusters!.assignment)
    // Measured, but past the share of clusters allowed (here 9 of 63), or on too few queries: scanned exactly.
    const past = clustered(names(topical.length), topical, { maxProbeShare: 0.15, farQueryVectors: randomVectors(100, 11) })
    expect(past.clustering!.far).toEqual(far)
    expect(past.clusters!.farProbe).toBe(0)
    expect(clustered(names(topical.length), topical, { maxProbeShare: 0.5, farQueryVectors: randomVectors(100, 11), minFarQueries: far.queries + 1 }).clusters!.farProbe).toBe(0)
  })

  it('visit the far probe count of clusters, best centroid first, and find the recall measured on queries it did not see', () => {
    const { assignment, farProbe, probe } = farIndex.toData().clusters!
    expect(heldOut.length).toBeGreaterThan(30)
    const near = topicalVectors(4_010, 40, 7).slice(4_000)
    for (const [query, visits] of [...heldOut.map((q) => [q, farProbe] as const), ...near.map((q) => [q, probe] as const)]) {
      const visited = new Set(clusterOrder(unit(query), guideOf(farIndex)).order.slice(0, visits))
      expect(farIndex.search(query, 100)).toEqual(flat.search(query, 100, (_, position) => visited.has(assignment[position]!)))
    }
    expect(recallOf(farIndex, heldOut, 100)).toBeGreaterThanOrEqual(0.95)
  })

  it('stay exact with { exact: true }', () => {
    for (const query of heldOut.slice(0, 10)) expect(farIndex.search(query, 100, undefined, { exact: true })).toEqual(flat.search(query, 100))
  })

  it('read back from the file with the far probe and the spread; a version 3 or 4 file searches them exactly', () => {
    const file = farIndex.toBuffer()
    const loaded = VectorIndex.fromBuffer(file)
    expect(loaded.clusters).toEqual(farIndex.clusters)
    for (const query of heldOut.slice(0, 10)) expect(loaded.search(query, 100)).toEqual(farIndex.search(query, 100))

    // Version 4's far probe was measured in centroid order at 100 alone: it is not followed. The spread is taken
    // from the vectors, as the build took it.
    const near = topicalVectors(4_010, 40, 7).slice(4_000)
    for (const version of [3, 4] as const) {
      const older = VectorIndex.fromBuffer(asVersion(file, version))
      expect(older.clusters).toEqual({ ...farIndex.clusters, farProbe: 0, farRecall: 0, farTopRecall: 0 })
      expect(older.toData().clusters!.spread).toEqual(farIndex.toData().clusters!.spread)
      for (const query of heldOut.slice(0, 10)) expect(older.search(query, 100)).toEqual(flat.search(query, 100))
      for (const query of near) expect(older.search(query, 100)).toEqual(farIndex.search(query, 100))
    }
  })

  it('refuse a damaged far probe or spread with INDEX_CORRUPT', () => {
    const file = Buffer.from(farIndex.toBuffer())
    file.writeUInt32LE(64, sectionAt(file) + 12) // of 63 clusters
    expect(() => VectorIndex.fromBuffer(file, 'vectors.bin', { checked: true })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/damaged cluster section \(far probe 64, far recall 0\.98\d* at 100, 0\.99\d* at 10\)/) }))
    const noProbe = Buffer.from(farIndex.toBuffer())
    noProbe.writeUInt32LE(0, sectionAt(noProbe) + 12)
    noProbe.writeFloatLE(0, sectionAt(noProbe) + 16) // the recall at 10 left: a far probe of 0 has none
    expect(() => VectorIndex.fromBuffer(noProbe, 'vectors.bin', { checked: true })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/far probe 0, far recall 0 at 100, 0\.99\d* at 10/) }))
    const spread = Buffer.from(farIndex.toBuffer())
    spread.writeFloatLE(-0.5, sectionAt(spread) + 28 + 63 * dimension * 4) // the first cluster's first spread
    expect(() => VectorIndex.fromBuffer(spread, 'vectors.bin', { checked: true })).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/damaged cluster section \(spread -0\.5 outside 0–1\)/) }))
  })
})

describe('the order of the clusters for a query below the floor', () => {
  // Two clusters along the first two axes. The query leans a little more toward cluster 0's centroid, but cluster 1's
  // 100 vectors spread widely along the query's third axis, where cluster 0's do not spread at all: its best vector
  // likely scores far above cluster 0's (0.4 + √(2 ln 100) × 0.5 × 0.77 ≈ 1.6 against 0.5).
  const q = Float32Array.of(0.5, 0.4, 0.768, 0)
  const guide = {
    centroids: Float32Array.of(1, 0, 0, 0, 0, 1, 0, 0),
    spread: Float32Array.of(0, 0, 0, 0, 0, 0, 0.25, 0),
    sizes: Uint32Array.of(100, 100),
  }

  it('ranks first the cluster whose vectors reach furthest toward the query, estimated from their spread', () => {
    expect(clusterOrder(q, { ...guide, floor: 0.6 })).toEqual({ order: Uint32Array.of(1, 0), best: 0.5 })
  })

  it('is the centroid order for a query at or above the floor', () => {
    expect(clusterOrder(q, { ...guide, floor: 0.5 }).order).toEqual(Uint32Array.of(0, 1))
  })

  it('counts no spread in a cluster of one vector: its only vector is its centroid', () => {
    expect(clusterOrder(q, { ...guide, sizes: Uint32Array.of(100, 1), floor: 0.6 }).order).toEqual(Uint32Array.of(0, 1))
  })
})

describe('a rare word below the floor', () => {
  // As a rare word's passages: 2 vectors of each of 200 word directions, each its topic's vector plus half that word
  // (the word held by no other). A query for a word is its direction: its exact top 100 is its two holders and 98
  // passages that lean its way by chance, and its exact top 10, the two holders and 8 others. Recall@100 can be met
  // without the holders (2 of 100); recall@10 cannot (2 of 10).
  const words = randomVectors(200, 21).map(unit)
  const vectors = topical.map((v, p) => (p < 400 ? Float32Array.from(unit(v), (x, j) => x + 0.5 * words[p >> 1]![j]!) : v))
  const build = (topDepth: number) => clustered(names(vectors.length), vectors, { maxProbeShare: 0.5, farQueryVectors: words.slice(0, 100), topDepth })
  const atBoth = build(10)

  it('gets a far probe that finds 0.98 of the exact top 10 too, more clusters than the top 100 alone needs', () => {
    const { far } = atBoth.clustering!
    expect(far.recall).toBeGreaterThanOrEqual(0.98)
    expect(far.topRecall).toBeGreaterThanOrEqual(0.98)
    expect(atBoth.clusters!.farProbe).toBe(far.probe)
    expect(far.probe).toBeGreaterThan(build(100).clustering!.far.probe)
  })

  it('finds the held-out words\' holders that exact search puts in its top 10', () => {
    let holders = 0
    let found = 0
    for (let w = 100; w < 200; w++) {
      const exact = atBoth.search(words[w]!, 10, undefined, { exact: true }).map(([id]) => id)
      const got = new Set(atBoth.search(words[w]!, 10).map(([id]) => id))
      for (const holder of [`p${2 * w}`, `p${2 * w + 1}`].filter((id) => exact.includes(id))) {
        holders++
        if (got.has(holder)) found++
      }
    }
    expect(holders).toBeGreaterThan(90)
    expect(found / holders).toBeGreaterThanOrEqual(0.65)
  })
})

// Independent of the code under test: the variance of each cluster's dequantised vectors along each dimension.
function varianceOf(data: VectorData, assignment: Uint32Array, count: number): number[] {
  const members = Array.from({ length: count }, () => [] as number[])
  assignment.forEach((c, p) => members[c]!.push(p))
  return members.flatMap((ps) =>
    Array.from({ length: dimension }, (_, j) => {
      if (ps.length === 0) return 0
      const xs = ps.map((p) => data.values[p * dimension + j]! * data.scales[p]!)
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length
      return xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length
    }),
  )
}

// Where the cluster section of a file of `topical`'s 4 000 vectors starts: before its centroids, spreads and
// assignment.
function sectionAt(file: Buffer): number {
  return file.length - 4_000 * 4 - 2 * 63 * dimension * 4 - 28
}

// The same file as version 3 or 4 wrote it: the cluster section's head without the far recall at 10 (24 bytes: probe,
// recall, floor, far probe, far recall, 4 zero bytes), in version 3 without the far probe and recall either (16
// bytes), and no spreads; the body's CRC-32 taken again.
function asVersion(file: Buffer, version: 3 | 4): Buffer {
  const at = sectionAt(file)
  const head = version === 4 ? file.subarray(at, at + 20) : file.subarray(at, at + 12)
  const centroids = file.subarray(at + 28, at + 28 + 63 * dimension * 4)
  const older = Buffer.concat([file.subarray(0, at), head, Buffer.alloc(4), centroids, file.subarray(file.length - 4_000 * 4)])
  older.writeUInt32LE(version, 8)
  older.writeUInt32LE(portableCrc32(older.subarray(64)), 32)
  return older
}
