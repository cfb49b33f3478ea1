// A clustered vector index through `npm run add` / `remove`: the incremental build keeps the last build's centroids,
// probe counts and floor, each kept passage's cluster, puts an added passage in its nearest centroid's, and removing
// the report again gives back the file the first build wrote. A flat index grown past the threshold report by report
// is clustered then (its far probe calibrated as a full build's), and a measurement that kept it flat is not paid for
// again until it has doubled.

import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import { clusteringDue } from '../../src/index/build-vectors.js'
import type { Embedder } from '../../src/index/embedder.js'
import { readIndex } from '../../src/index/store.js'
import type { ClusterOptions } from '../../src/index/vector-clusters.js'
import { decodeVectors, encodeVectors, type VectorData } from '../../src/index/vector-file.js'
import { VectorIndex } from '../../src/index/vectors.js'

const COMPENDIUM = '001_f3a438cdd34e73ea.txt'
const dimension = 32
// The seeds are 301 passages: clustered from 100, and kept whatever probe counts the calibration finds, the far one
// from however few queries fall below the floor.
const clusters = { from: 100, maxProbeShare: 1, minFarQueries: 1 }

/** A fake embedder (not a model): each word of four letters or more adds ±1 on two of 32 dimensions drawn from its hash. */
function fakeWordsEmbedder(): Embedder {
  const vectorOf = (text: string) => {
    const vector = new Float32Array(dimension).fill(0.01)
    for (const word of text.toLowerCase().match(/\p{L}{4,}/gu) ?? []) {
      let hash = 2166136261
      for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 16777619)
      vector[(hash >>> 0) % dimension]! += 1
      vector[(hash >>> 8) % dimension]! -= hash & 1 ? 1 : -1
    }
    return vector
  }
  return { id: 'words-32', fingerprint: 'words-32', dimension, embedQuery: async (text) => vectorOf(text), embedPassages: async (texts) => texts.map(vectorOf) }
}

let work: string
let seedDir: string
let indexDir: string
const build = (options: ClusterOptions = clusters) => buildIndex({ seedDir, indexDir, embedder: fakeWordsEmbedder(), modelRequested: 'words-32', clusters: options })
const vectorsOf = async () => {
  const index = await readIndex(indexDir)
  return { manifest: index.manifest, file: await index.read('vectors.bin') }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-incremental-clusters-'))
  seedDir = join(work, 'seeds')
  indexDir = join(work, 'index')
  await cp('seeds', seedDir, { recursive: true })
  await rm(join(seedDir, COMPENDIUM))
})
afterAll(() => rm(work, { recursive: true, force: true }))

// Independent of the code under test: the centroid with the largest dot product with the stored (dequantised) vector.
function nearest(data: VectorData, row: number): number {
  const { centroids } = data.clusters!
  let best = -1
  let bestScore = -Infinity
  for (let c = 0; c < centroids.length / dimension; c++) {
    let score = 0
    for (let j = 0; j < dimension; j++) score += data.values[row * dimension + j]! * data.scales[row]! * centroids[c * dimension + j]!
    if (score > bestScore) [best, bestScore] = [c, score]
  }
  return best
}

describe('a clustered vector index through incremental builds', () => {
  it('adds a report into the last build clusters and removes it again back to the first file', async () => {
    await build()
    const first = await vectorsOf()
    const before = decodeVectors(first.file, 'first build')
    expect(before.clusters).not.toBeNull()
    expect(first.manifest.model?.clusters).toMatchObject({ count: before.clusters!.centroids.length / dimension, probe: before.clusters!.probe, trainedOn: 209 })
    expect(before.clusters!.farProbe).toBeGreaterThan(0)
    expect(first.manifest.model?.clusters).toMatchObject({ farProbe: before.clusters!.farProbe, farRecall: before.clusters!.farRecall, farTopRecall: before.clusters!.farTopRecall })

    await cp(join('seeds', COMPENDIUM), join(seedDir, COMPENDIUM))
    const added = await build()
    expect(added.sources.previous).toBe(4) // incremental: the four other reports taken over, not read again
    const second = await vectorsOf()
    const after = decodeVectors(second.file, 'after the add')
    expect(after.clusters!.centroids).toEqual(before.clusters!.centroids)
    expect(after.clusters).toMatchObject({ probe: before.clusters!.probe, floor: before.clusters!.floor, farProbe: before.clusters!.farProbe, farRecall: before.clusters!.farRecall, farTopRecall: before.clusters!.farTopRecall })
    expect(second.manifest.model?.clusters).toEqual(first.manifest.model?.clusters)
    const clusterBefore = new Map(before.ids.map((id, p) => [id, before.clusters!.assignment[p]!]))
    let newcomers = 0
    after.ids.forEach((id, p) => {
      const kept = clusterBefore.get(id)
      if (kept !== undefined) expect(after.clusters!.assignment[p], id).toBe(kept)
      else {
        newcomers++
        expect(after.clusters!.assignment[p], id).toBe(nearest(after, p))
      }
    })
    expect(newcomers).toBeGreaterThan(0)

    // Every vector is found: with every cluster probed, the answers are exact search's.
    const index = VectorIndex.fromBuffer(second.file)
    const all = VectorIndex.fromBuffer(encodeVectors({ ...after, clusters: { ...after.clusters!, probe: index.clusters!.count } }))
    const flat = VectorIndex.fromBuffer(encodeVectors({ ...after, clusters: null }))
    for (const id of after.ids.filter((_, p) => p % 13 === 0)) {
      const query = index.vectorOf(id)!
      expect(all.search(query, 20)).toEqual(flat.search(query, 20))
    }

    await rm(join(seedDir, COMPENDIUM))
    await build()
    expect((await vectorsOf()).file.equals(first.file)).toBe(true)
  })
})

describe('when an incremental build clusters the vectors anew', () => {
  // Without the compendium the seeds are 209 passages; with it, 301.
  const withoutCompendium = async () => {
    await rm(indexDir, { recursive: true, force: true })
    await rm(join(seedDir, COMPENDIUM), { force: true })
  }

  it('clusters a flat index once an added report takes it past the threshold', async () => {
    await withoutCompendium()
    const options = { from: 250, maxProbeShare: 1, minFarQueries: 1 }
    await build(options)
    const small = await vectorsOf()
    expect(decodeVectors(small.file, 'below the threshold').clusters).toBeNull()
    expect(small.manifest.model?.clusters).toBeUndefined()
    expect(small.manifest.model?.flatAt).toBeUndefined() // not measured: too small to try

    await cp(join('seeds', COMPENDIUM), join(seedDir, COMPENDIUM))
    const added = await build(options)
    expect(added.sources.previous).toBe(4) // incremental
    const grown = await vectorsOf()
    const data = decodeVectors(grown.file, 'past the threshold')
    expect(data.clusters).not.toBeNull()
    expect(data.clusters!.farProbe).toBeGreaterThan(0)
    expect(grown.manifest.model?.clusters).toMatchObject({ count: data.clusters!.centroids.length / dimension, farProbe: data.clusters!.farProbe, trainedOn: 301 })
    // What a full build of the same passages writes, byte for byte.
    await rm(indexDir, { recursive: true })
    await build(options)
    expect((await vectorsOf()).file.equals(grown.file)).toBe(true)
  })

  it('keeps an index measured flat as it is until it has doubled', async () => {
    await withoutCompendium()
    const never = { from: 100, maxProbeShare: 0 } // no probe count is ever worth it: measured, then flat
    await build(never)
    expect((await vectorsOf()).manifest.model?.flatAt).toBe(209)
    await cp(join('seeds', COMPENDIUM), join(seedDir, COMPENDIUM))
    await build(never)
    const grown = await vectorsOf()
    expect(grown.manifest.model?.flatAt).toBe(209) // 301 < 2 × 209: not measured again
    expect(decodeVectors(grown.file, 'flat').clusters).toBeNull()
  })
})

describe('clusteringDue', () => {
  const model = { id: 'm', dimension: 32, quantized: true }
  it('is due from the threshold on when nothing was measured, and again at twice what was', () => {
    expect(clusteringDue(model, 99, 100, true)).toBe(false)
    expect(clusteringDue(model, 100, 100, true)).toBe(true)
    expect(clusteringDue(model, 100, 100, false)).toBe(false) // float32 vectors are never clustered
    expect(clusteringDue({ ...model, flatAt: 150 }, 299, 100, true)).toBe(false)
    expect(clusteringDue({ ...model, flatAt: 150 }, 300, 100, true)).toBe(true)
    const clusters = { count: 12, probe: 2, recall: 0.99, trainedOn: 150 }
    expect(clusteringDue({ ...model, clusters }, 299, 100, true)).toBe(false)
    expect(clusteringDue({ ...model, clusters }, 300, 100, true)).toBe(true)
  })
})
