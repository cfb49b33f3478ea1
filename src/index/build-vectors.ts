// The vector file of a build: every passage embedded through the cache, or — when the last build used the same
// model — its rows copied as they are and only the passages it did not have embedded (through the cache).

import { join } from 'node:path'
import type { IndexManifest, Passage } from '../types.js'
import type { PreviousBuild } from './build-previous.js'
import { corpusTexts, distinctStrings } from './corpus-file.js'
import { embedWithCache, type KeptTexts } from './embedding-cache.js'
import type { Embedder } from './embedder.js'
import { defaultClusterOptions, nearestCentroids, type ClusterOptions } from './vector-clusters.js'
import { decodeVectors, spliceVectorFile } from './vector-file.js'
import { VectorIndex } from './vectors.js'

export interface BuildVectors {
  indexDir: string
  embedder: Embedder
  quantize: boolean
  /** How a full build clusters the int8 vectors (an incremental one keeps the last build's clusters). */
  clusters: ClusterOptions
  passages: readonly Passage[]
  /** The last build, with `renumber` and `addedAt` as the analysis found them (see `build.ts`). */
  previous: { build: PreviousBuild; renumber: Int32Array; addedAt: Uint32Array } | null
  onProgress: (done: number, total: number) => void
}

/** `vectors.bin`, the model it records, and at most how many distinct texts the passages have (see `EmbeddedTexts`). */
export async function buildVectors(options: BuildVectors): Promise<{ file: Uint8Array | Uint8Array[]; model: NonNullable<IndexManifest['model']>; distinctTexts: number }> {
  const { embedder, quantize, passages, previous, onProgress } = options
  const cacheDir = join(options.indexDir, 'cache', 'embeddings')
  const model = { id: embedder.id, dimension: embedder.dimension, quantized: quantize, fingerprint: embedder.fingerprint }
  const ids = passages.map((p) => p.id)
  const dtype = quantize ? 'int8' : 'float32'
  const last = previous?.build.model
  if (previous && last && last.id === model.id && last.dimension === model.dimension && last.quantized === quantize && last.fingerprint === model.fingerprint) {
    const { renumber, addedAt } = previous
    const added = Array.from(addedAt, (p) => passages[p]!)
    const isAdded = new Uint8Array(passages.length)
    for (const p of addedAt) isAdded[p] = 1
    // The kept passages' texts are the last build's: counted distinct from its file's bytes, not decoded.
    const lastTexts = await previous.build.read('corpus.bin').then(corpusTexts, () => null)
    const count = passages.length - addedAt.length
    const kept: KeptTexts = {
      count,
      // The kept texts are some of the last build's.
      distinctAtMost: Math.min(count, previous.build.state.distinctTexts ?? count),
      distinct: () => (lastTexts ? distinctStrings(lastTexts, keptRows(renumber)) : new Set(kept.texts()).size),
      texts: () => passages.filter((_, p) => !isAdded[p]).map((p) => p.text),
    }
    const { vectors, distinct } = await embedWithCache(cacheDir, embedder, added.map((p) => p.text), { onProgress, kept })
    const fresh = VectorIndex.build(added.map((p) => p.id), vectors, { dimension: embedder.dimension, dtype, clusters: false }).toData()
    try {
      // `read` checked the whole file against the manifest's checksum: its body's own is not computed again.
      const last = decodeVectors(await previous.build.read('vectors.bin'), 'of the last build', { checked: true })
      // The added vectors join the last build's nearest clusters; a full build trains them again.
      if (last.clusters) fresh.clusters = { ...last.clusters, assignment: nearestCentroids(fresh.values as Int8Array, fresh.scales, last.clusters.centroids, embedder.dimension) }
      const file = spliceVectorFile(last, renumber, fresh, addedAt, ids)
      const clusters = last.clusters && { count: last.clusters.centroids.length / embedder.dimension, probe: last.clusters.probe, recall: last.clusters.recall }
      if (file) return { file, model: clusters ? { ...model, clusters } : model, distinctTexts: distinct }
    } catch {
      // The last build's vectors cannot be read: every passage goes through the cache, as in a full build.
    }
  }
  const { vectors, distinct } = await embedWithCache(cacheDir, embedder, passages.map((p) => p.text), { onProgress })
  // Large enough to be clustered: the probe count is calibrated on queries as the model embeds them, too.
  const from = options.clusters.from ?? defaultClusterOptions.from
  const queryVectors = quantize && passages.length >= from ? await Promise.all(calibrationTexts(passages.map((p) => p.text)).map((text) => embedder.embedQuery(text))) : []
  const index = VectorIndex.build(ids, vectors, { dimension: embedder.dimension, dtype, clusters: { ...options.clusters, queryVectors } })
  const clusters = index.clusters && { count: index.clusters.count, probe: index.clusters.probe, recall: index.clusters.recall }
  return { file: index.toBuffer(), model: clusters ? { ...model, clusters } : model, distinctTexts: distinct }
}

// The last build's passages this one keeps, by their number there.
function* keptRows(renumber: Int32Array): Generator<number> {
  for (let p = 0; p < renumber.length; p++) if (renumber[p]! >= 0) yield p
}

/**
 * Short queries drawn from the texts, as a person types them: three words of five letters or more from `count` texts
 * spread over the corpus (deterministic). They calibrate the clustered index's probe count, with the model's query
 * embedding, so that the recall it measures is a query's, not a passage's.
 */
export function calibrationTexts(texts: readonly string[], count = 100): string[] {
  const queries: string[] = []
  const step = Math.max(1, Math.floor(texts.length / count))
  for (let t = Math.floor(step / 2); t < texts.length && queries.length < count; t += step) {
    const words = texts[t]!.match(/\p{L}{5,}/gu) ?? []
    if (words.length >= 3) queries.push(words.slice(Math.floor((words.length - 3) / 2), Math.floor((words.length - 3) / 2) + 3).join(' '))
  }
  return queries
}
