// The vector file of a build: every passage embedded through the cache, or — when the last build used the same
// model — its rows copied as they are and only the passages it did not have embedded (through the cache).

import { join } from 'node:path'
import type { IndexManifest, Passage } from '../types.js'
import type { PreviousBuild } from './build-previous.js'
import { calibrationTexts, farCalibrationTexts } from './calibration-texts.js'
import { corpusTexts, distinctStrings } from './corpus-file.js'
import { embedWithCache, type KeptTexts } from './embedding-cache.js'
import type { Embedder } from './embedder.js'
import { defaultClusterOptions, nearestCentroids, type ClusterOptions } from './vector-clusters.js'
import { decodeVectors, spliceVectorFile } from './vector-file.js'
import { clusterStatus, VectorIndex } from './vectors.js'

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
  const from = options.clusters.from ?? defaultClusterOptions.from
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
      if (file && clusteringDue(previous.build.model, passages.length, from, quantize)) {
        // Grown past the threshold, or to twice what the clusters (or the last measurement that kept the index flat)
        // saw: the spliced vectors are clustered anew, as a full build would, without embedding them again.
        const spliced = decodeVectors(Buffer.concat(file), 'of this build', { checked: true })
        const index = VectorIndex.fromData({ ...spliced, clusters: null }, 'of this build')
        index.cluster({ ...options.clusters, ...(await calibrationQueries(embedder, passages)) })
        return { file: index.toBuffer(), model: withClustering(model, index), distinctTexts: distinct }
      }
      const clusters = last.clusters && {
        ...clusterStatus({ ...last.clusters, count: last.clusters.centroids.length / embedder.dimension }),
        trainedOn: previous.build.model?.clusters?.trainedOn,
      }
      const flatAt = clusters ? undefined : previous.build.model?.flatAt
      if (file) return { file, model: clusters ? { ...model, clusters } : flatAt === undefined ? model : { ...model, flatAt }, distinctTexts: distinct }
    } catch {
      // The last build's vectors cannot be read: every passage goes through the cache, as in a full build.
    }
  }
  const { vectors, distinct } = await embedWithCache(cacheDir, embedder, passages.map((p) => p.text), { onProgress })
  // Large enough to be clustered: the probe counts are calibrated on queries as the model embeds them, too.
  const queries = quantize && passages.length >= from ? await calibrationQueries(embedder, passages) : {}
  const index = VectorIndex.build(ids, vectors, { dimension: embedder.dimension, dtype, clusters: { ...options.clusters, ...queries } })
  return { file: index.toBuffer(), model: withClustering(model, index), distinctTexts: distinct }
}

/**
 * Whether an incremental build of `size` passages clusters its vectors anew: int8 vectors at the threshold or past it,
 * and never measured at this scale — the last build was below the threshold, or it has doubled since the clusters
 * were trained or since clustering last kept the index flat (so that a collection grown report by report gets the
 * clusters a full build would give it, and a measurement that found none is not paid for again at every report).
 */
export function clusteringDue(last: IndexManifest['model'], size: number, from: number, quantize: boolean): boolean {
  if (!quantize || size < from) return false
  if (last?.clusters) return size >= 2 * (last.clusters.trainedOn ?? last.clusters.count ** 2)
  return last?.flatAt === undefined || size >= 2 * last.flatAt
}

/** The manifest's model with what the index's clustering found: its clusters, or the size it was found not earned at. */
function withClustering(model: NonNullable<IndexManifest['model']>, index: VectorIndex): NonNullable<IndexManifest['model']> {
  const { clusters, clustering } = index
  if (clusters) return { ...model, clusters: { ...clusterStatus(clusters), trainedOn: index.size } }
  return clustering ? { ...model, flatAt: index.size } : model
}

/** The calibration's queries as the model embeds them (see `calibrationTexts` and `farCalibrationTexts`). */
async function calibrationQueries(embedder: Embedder, passages: readonly Passage[]): Promise<Pick<ClusterOptions, 'queryVectors' | 'farQueryVectors'>> {
  const texts = passages.map((p) => p.text)
  const embed = (queries: string[]) => Promise.all(queries.map((text) => embedder.embedQuery(text)))
  return { queryVectors: await embed(calibrationTexts(texts)), farQueryVectors: await embed(farCalibrationTexts(texts)) }
}

// The last build's passages this one keeps, by their number there.
function* keptRows(renumber: Int32Array): Generator<number> {
  for (let p = 0; p < renumber.length; p++) if (renumber[p]! >= 0) yield p
}
