// A clustered vector index through `npm run add` / `remove`: the incremental build keeps the last build's centroids,
// each kept passage's cluster, puts an added passage in its nearest centroid's, and removing the report again gives
// back the file the first build wrote.

import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildIndex } from '../../src/index/build.js'
import type { Embedder } from '../../src/index/embedder.js'
import { readIndex } from '../../src/index/store.js'
import { decodeVectors, encodeVectors, type VectorData } from '../../src/index/vector-file.js'
import { VectorIndex } from '../../src/index/vectors.js'

const COMPENDIUM = '001_f3a438cdd34e73ea.txt'
const dimension = 32
// The seeds are 301 passages: clustered from 100, and kept whatever probe count the calibration finds.
const clusters = { from: 100, maxProbeShare: 1 }

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
const build = () => buildIndex({ seedDir, indexDir, embedder: fakeWordsEmbedder(), modelRequested: 'words-32', clusters })
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
    expect(first.manifest.model?.clusters).toMatchObject({ count: before.clusters!.centroids.length / dimension, probe: before.clusters!.probe })

    await cp(join('seeds', COMPENDIUM), join(seedDir, COMPENDIUM))
    const added = await build()
    expect(added.sources.previous).toBe(4) // incremental: the four other reports taken over, not read again
    const second = await vectorsOf()
    const after = decodeVectors(second.file, 'after the add')
    expect(after.clusters!.centroids).toEqual(before.clusters!.centroids)
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
