// Vector search over unit vectors stored as float32 or int8, with a bounded top-k: flat and exact, or from 2^16 int8
// vectors through the clusters the build trained when they reach the recall it measured (`vector-clusters.ts`).

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SearchError } from '../errors.js'
import { StringIndex } from '../binary/string-index.js'
import type { ClusterStatus, Ranked } from '../types.js'
import { createInt8Dots, type Int8Dots } from './dot-simd.js'
import { groupByValue } from './group-by-value.js'
import { TopK } from './top-k.js'
import { unitCopy } from './unit-vector.js'
import { clusterOrder, clusterVectors, queryCodes, type ClusterGuide, type ClusterOptions, type Clustering } from './vector-clusters.js'
import { decodeVectors, encodeVectors, type DecodeVectorsOptions, type VectorClusters, type VectorData, type VectorDtype } from './vector-file.js'

export type { VectorDtype } from './vector-file.js'
export { vectorFormatVersion } from './vector-file.js'

export interface VectorIndexOptions {
  /** Width of every vector, 1–65 536. */
  dimension: number
  /**
   * `float32` keeps vectors exactly; `int8` keeps each as 127-step codes and one scale (4× smaller,
   * scores within about 1% of float32, the query stays float32). Defaults to `float32`.
   */
  dtype?: VectorDtype
  /**
   * How `build` clusters an int8 index (see `ClusterOptions`: from 65 536 vectors, kept only when a quarter of the
   * clusters or fewer reach 0.98 recall@100); false keeps it flat whatever its size. Defaults to `{}`.
   */
  clusters?: ClusterOptions | false
}

export const defaultVectorIndexOptions = { dtype: 'float32', clusters: {} } satisfies Partial<VectorIndexOptions>

export interface VectorSearchOptions {
  /** Scan every vector even in a clustered index: the exact top k, at the flat scan's cost. Defaults to false. */
  exact?: boolean
}

/** The file `save` writes and `load` reads in an index folder. */
export const vectorFileName = 'vectors.bin'

/** Called with a vector's id and position (from 0, in insertion order); return false to skip it. */
export type VectorFilter = (id: string, position: number) => boolean

/**
 * Unit vectors in one contiguous typed array, searched by dot product (= cosine).
 * Int8 vectors are scored sixteen lanes at a time with WebAssembly SIMD (`dot-simd.ts`): about 12 ms over 100k × 384
 * on two cores, against 80 ms in scalar JavaScript; at a million, 20–28 ms, which is why a large index is clustered.
 * A clustered index holds its vectors cluster after cluster (its rows), so that one SIMD call scores a cluster; the
 * ids, `vectorOf`, the filter and the answers stay in positions (insertion order), through two typed maps.
 */
export class VectorIndex {
  readonly dimension: number
  readonly dtype: VectorDtype
  #ids: string[] = []
  /** Id → position; null until first needed after a load (see `positions`). */
  #positions: Map<string, number> | null = new Map()
  #values: Float32Array | Int8Array
  #scales: Float32Array
  /** The WebAssembly SIMD scorer over the int8 values, made at the first search (null where SIMD is missing). */
  #dots: Int8Dots | null | undefined
  /** The largest of the int8 vectors' scales, taken with the scorer. */
  #largestScale = 0
  /**
   * The clusters (null for a flat index), what orders them for a query, the row of each position and the position of
   * each row, and where each cluster's rows start (and, last, where they end); `clustering`, what `build` measured.
   */
  #clusters: VectorClusters | null = null
  #guide: ClusterGuide | null = null
  #rowOf: Uint32Array | null = null
  #positionAt: Uint32Array | null = null
  #starts: Uint32Array | null = null
  #clustering: Clustering | null = null

  constructor(options: VectorIndexOptions) {
    const { dimension, dtype } = { ...defaultVectorIndexOptions, ...options }
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 65_536) {
      throw new SearchError('INDEX_BUILD_FAILED', `Vector index: dimension must be an integer from 1 to 65536, got ${dimension}.`)
    }
    if (dtype !== 'float32' && dtype !== 'int8') {
      throw new SearchError('INDEX_BUILD_FAILED', `Vector index: dtype must be 'float32' or 'int8', got ${String(dtype)}.`)
    }
    this.dimension = dimension
    this.dtype = dtype
    this.#values = dtype === 'int8' ? new Int8Array(0) : new Float32Array(0)
    this.#scales = new Float32Array(0)
  }

  /** An index of `vectors[i]` under `ids[i]`; vectors are normalised on the way in. */
  static build(ids: readonly string[], vectors: readonly Float32Array[], options: VectorIndexOptions): VectorIndex {
    if (ids.length !== vectors.length) {
      throw new SearchError('INDEX_BUILD_FAILED', `Vector index: ${ids.length} ids for ${vectors.length} vectors.`)
    }
    const index = new VectorIndex(options)
    index.#reserve(ids.length)
    ids.forEach((id, i) => index.add(id, vectors[i]!))
    const clusters = options.clusters ?? defaultVectorIndexOptions.clusters
    if (clusters !== false) index.cluster(clusters)
    return index
  }

  /**
   * Tries clustering a flat int8 index (see `ClusterOptions`) and keeps the clusters when they are earned; what it
   * found is `clustering`. Does nothing to a float32 or an already clustered index.
   */
  cluster(options: ClusterOptions = {}): void {
    if (this.dtype !== 'int8' || this.#clusters) return
    this.#simdScorer()
    const dots = this.#dots
    const clustering = dots ? clusterVectors({ values: this.#values as Int8Array, scales: this.#scales.subarray(0, this.size), dimension: this.dimension, dots }, options) : null
    this.#clustering = clustering
    if (clustering?.clusters) this.#arrange(this.#values as Int8Array, this.#scales.subarray(0, this.size), clustering.clusters)
  }

  /** What `build` or `cluster` found when it tried clustering (null below its threshold, for float32, or on a loaded index). */
  get clustering(): Clustering | null {
    return this.#clustering
  }

  /**
   * The clusters searched through, or null for a flat index: how many, the probe count and its measured recall, the
   * floor, and below it the far probe count and its measured recalls at 100 and 10 (all 0 where such a query is
   * searched exactly).
   */
  get clusters(): { count: number; probe: number; recall: number; floor: number; farProbe: number; farRecall: number; farTopRecall: number } | null {
    const clusters = this.#clusters
    if (!clusters) return null
    const { probe, recall, floor, farProbe, farRecall, farTopRecall } = clusters
    return { count: clusters.centroids.length / this.dimension, probe, recall, floor, farProbe, farRecall, farTopRecall }
  }

  get size(): number {
    return this.#ids.length
  }

  /** The ids in position order. */
  get ids(): readonly string[] {
    return this.#ids
  }

  has(id: string): boolean {
    return this.#positionsOf().has(id)
  }

  #positionsOf(): Map<string, number> {
    return (this.#positions ??= new Map(this.#ids.map((id, position) => [id, position])))
  }

  /** Adds a vector, scaled to unit length (a zero vector stays zero and never scores). */
  add(id: string, vector: Float32Array): void {
    if (vector.length !== this.dimension) {
      throw new SearchError('INDEX_BUILD_FAILED', `Vector index: vector for ${id} has ${vector.length} dimensions, expected ${this.dimension}.`)
    }
    if (this.#positionsOf().has(id)) throw new SearchError('INDEX_BUILD_FAILED', `Vector index: id ${id} is already in the index.`)
    if (this.#clusters) throw new SearchError('INDEX_BUILD_FAILED', `Vector index: cannot add ${id} to a clustered index; build it anew.`)
    const unit = unitCopy(vector)
    if (!unit) throw new SearchError('INDEX_BUILD_FAILED', `Vector index: vector for ${id} holds NaN or infinite values.`)
    const position = this.#ids.length
    this.#reserve(position + 1)
    const base = position * this.dimension
    if (this.#values instanceof Int8Array) {
      let max = 0
      for (const x of unit) max = Math.max(max, Math.abs(x))
      const scale = max / 127
      this.#scales[position] = scale
      for (let j = 0; j < unit.length; j++) this.#values[base + j] = scale === 0 ? 0 : Math.round(unit[j]! / scale)
    } else {
      this.#values.set(unit, base)
    }
    this.#ids.push(id)
    this.#dots = undefined
    this.#positionsOf().set(id, position)
  }

  /** The stored vector of `id` (dequantised for int8), or undefined. */
  vectorOf(id: string): Float32Array | undefined {
    const position = this.#positionsOf().get(id)
    if (position === undefined) return undefined
    const d = this.dimension
    const row = this.#rowOf ? this.#rowOf[position]! : position
    const stored = this.#values.subarray(row * d, (row + 1) * d)
    if (stored instanceof Float32Array) return stored.slice()
    const scale = this.#scales[row]!
    return Float32Array.from(stored, (code) => code * scale)
  }

  /**
   * The `k` best `[id, cosine]` pairs for `query`, best first; equal scores keep insertion order.
   * The query is normalised here, so any non-zero vector works. Keeps a k-sized heap, not a sorted copy of every score.
   * A clustered index visits its clusters best centroid first: the `probe` first ones, then more until `k` vectors
   * passed the filter (so a filter never leaves fewer answers than exact search; one that lets few through scans as
   * many clusters as it takes, up to all). Its answers are exact for the vectors it scored, and the build measured how
   * many of the exact top 100 that keeps (`clusters.recall`). A query farther from every centroid than the ones it
   * measured (`clusters.floor`) visits the `farProbe` first clusters instead, in the order their spread gives
   * (`clusterOrder`), measured on such queries at 100 and at 10, or all of them when the build kept none;
   * `{ exact: true }` visits them all.
   */
  search(query: Float32Array, k: number, filter?: VectorFilter, options: VectorSearchOptions = {}): Ranked {
    const d = this.dimension
    if (query.length !== d) {
      throw new SearchError(
        'INDEX_CORRUPT',
        `The vector index holds ${d}-dimensional vectors but the query has ${query.length}: it was built with another model; run \`npm run index\` to rebuild it.`,
      )
    }
    const unit = unitCopy(query)
    const limit = Math.min(Math.floor(k), this.size)
    if (!unit || !(limit > 0)) return []
    const top = new TopK(limit)
    const ids = this.#ids
    const values = this.#values
    const positionAt = this.#positionAt
    // Two loops rather than one over a union type: each stays monomorphic, which V8 compiles to tight code.
    const simd = values instanceof Int8Array ? this.#simdScores(unit) : null
    if (simd) {
      const scan: RowScan = { scale: simd.scale, scales: this.#scales, ceiling: simd.scale * this.#largestScale, positionAt, ids, filter, top }
      const clusters = options.exact ? null : this.#clusters
      const visit = clusters && clusterOrder(unit, this.#guide!)
      // A query farther from every centroid than the calibration's queries gets the probe count measured on such
      // queries, or is scanned whole where there is none: the other recall measured does not hold for it.
      const probe = clusters && visit ? (visit.best < clusters.floor ? clusters.farProbe : clusters.probe) : 0
      if (!visit || probe === 0) {
        offerRows(simd.dots.run(simd.codes), 0, ids.length, scan)
      } else {
        const starts = this.#starts!
        const { order } = visit
        for (let rank = 0; rank < order.length && (rank < probe || top.size < limit); rank++) {
          const first = starts[order[rank]!]!
          const end = starts[order[rank]! + 1]!
          if (end > first) offerRows(simd.dots.run(simd.codes, first, end - first), first, end, scan)
        }
      }
    } else if (values instanceof Int8Array) {
      // A float64 query saves a conversion per multiply; int8 values convert on load either way.
      const q = Float64Array.from(unit)
      const scales = this.#scales
      for (let row = 0, base = 0; row < ids.length; row++, base += d) {
        const position = positionAt === null ? row : positionAt[row]!
        if (filter && !filter(ids[position]!, position)) continue
        top.offer(dotInt8(values, base, q, d) * scales[row]!, position)
      }
    } else {
      const q = Float64Array.from(unit)
      for (let i = 0, base = 0; i < ids.length; i++, base += d) {
        if (filter && !filter(ids[i]!, i)) continue
        top.offer(dotFloat32(values, base, q, d), i)
      }
    }
    return top.drain().map(([position, score]) => [ids[position]!, score])
  }

  /**
   * The stored vectors in position order, with the clusters: what `toBuffer` writes. Views of a flat index's arrays;
   * a clustered index's vectors and scales are copied back into position order.
   */
  toData(): VectorData {
    const n = this.size
    const d = this.dimension
    const values = this.#values.subarray(0, n * d)
    const scales = this.#scales.subarray(0, this.dtype === 'int8' ? n : 0)
    const rowOf = this.#rowOf
    if (!rowOf) return { dtype: this.dtype, dimension: d, ids: this.#ids, values, scales, clusters: null }
    const inOrder = new Int8Array(n * d)
    for (let p = 0; p < n; p++) inOrder.set(values.subarray(rowOf[p]! * d, (rowOf[p]! + 1) * d), p * d)
    return { dtype: this.dtype, dimension: d, ids: this.#ids, values: inOrder, scales: Float32Array.from(rowOf, (row) => scales[row]!), clusters: this.#clusters }
  }

  toBuffer(): Buffer {
    return encodeVectors(this.toData())
  }

  /** Reads what `toBuffer` wrote; refuses another format version or a damaged file with INDEX_CORRUPT. */
  static fromBuffer(file: Uint8Array, source = 'in memory', options: DecodeVectorsOptions = {}): VectorIndex {
    return VectorIndex.fromData(decodeVectors(file, source, options), source)
  }

  /** The index of decoded vectors (`decodeVectors`), flat or clustered as `data.clusters` says. */
  static fromData(data: VectorData, source = 'in memory'): VectorIndex {
    const index = new VectorIndex({ dimension: data.dimension, dtype: data.dtype })
    // Ids are checked through a typed hash; the Map of positions is made only if `has`, `vectorOf` or `add` need it.
    const places = StringIndex.of(data.ids)
    data.ids.forEach((id, position) => {
      if (places.get(id) !== position) throw new SearchError('INDEX_CORRUPT', `The vector index ${source} lists id ${id} twice: run \`npm run index\` to rebuild it.`)
    })
    index.#positions = null
    index.#ids = data.ids
    index.#values = data.values
    // The scales are copied and the int8 codes moved into the SIMD scorer's memory now, so that nothing keeps the
    // file's bytes alive: the serving process holds the vectors once.
    index.#scales = data.scales.slice()
    // The centroids and the clusters are copied too: views would keep the whole file alive.
    if (data.clusters) {
      const { centroids, spread, assignment } = data.clusters
      index.#arrange(data.values as Int8Array, index.#scales, { ...data.clusters, centroids: centroids.slice(), spread: spread.slice(), assignment: assignment.slice() })
    }
    else if (data.dtype === 'int8') index.#simdScorer()
    return index
  }

  /** Writes `dir/vectors.bin` atomically (a temporary file, then a rename); returns its path. */
  async save(dir: string): Promise<string> {
    await mkdir(dir, { recursive: true })
    const path = join(dir, vectorFileName)
    const temporary = `${path}.${process.pid}.tmp`
    try {
      await writeFile(temporary, this.toBuffer())
      await rename(temporary, path)
    } catch (cause) {
      await rm(temporary, { force: true })
      throw new SearchError('INDEX_BUILD_FAILED', `Could not write ${path}: ${(cause as Error).message}.`, { cause })
    }
    return path
  }

  /** Reads `dir/vectors.bin`: INDEX_MISSING when absent, INDEX_CORRUPT when unreadable. */
  static async load(dir: string): Promise<VectorIndex> {
    const path = join(dir, vectorFileName)
    let file: Buffer
    try {
      file = await readFile(path)
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new SearchError('INDEX_MISSING', `No vector index at ${path}: run \`npm run index\`.`, { cause })
      }
      throw new SearchError('INDEX_CORRUPT', `Could not read ${path}: ${(cause as Error).message}.`, { cause })
    }
    return VectorIndex.fromBuffer(file, path)
  }

  /**
   * Integer dot products of every int8 vector with the query as int16 codes (error under 1/32767 of the query's
   * largest value, far below int8's own), and the scale back to cosines; null where WebAssembly SIMD is missing.
   */
  #simdScores(unit: Float32Array): { dots: Int8Dots; codes: Int16Array; scale: number } | null {
    this.#simdScorer()
    const query = queryCodes(unit)
    if (!this.#dots || !query) return null
    return { dots: this.#dots, ...query }
  }

  /**
   * Holds the int8 vectors `values` (in position order, with their `scales`, which are reordered in place) cluster
   * after cluster, in the scorer's memory where there is SIMD, and keeps the maps between positions and rows.
   */
  #arrange(values: Int8Array, scales: Float32Array, clusters: VectorClusters): void {
    const n = this.size
    const d = this.dimension
    // Rows cluster after cluster, each cluster's in position order.
    const { starts, numbers: positionAt } = groupByValue(clusters.assignment, clusters.centroids.length / d)
    const rowOf = new Uint32Array(n)
    for (let row = 0; row < n; row++) rowOf[positionAt[row]!] = row
    const inOrder = Float32Array.from(positionAt, (p) => scales[p]!)
    scales.set(inOrder)
    this.#dots = createInt8Dots(values.subarray(0, n * d), d, positionAt)
    if (this.#dots) {
      this.#values = this.#dots.vectors
    } else {
      const rows = new Int8Array(n * d)
      for (let r = 0; r < n; r++) rows.set(values.subarray(positionAt[r]! * d, (positionAt[r]! + 1) * d), r * d)
      this.#values = rows
    }
    let largest = 0
    for (let i = 0; i < n; i++) largest = Math.max(largest, scales[i]!)
    this.#largestScale = largest
    this.#scales = scales
    this.#clusters = clusters
    // Without a far probe a query below the floor scans every cluster, so its order is never used: it is then computed
    // as a query's above the floor, without the second pass over the centroids (≈ 0.1 ms a query at 100k).
    const floor = clusters.farProbe > 0 ? clusters.floor : -Infinity
    this.#guide = { centroids: clusters.centroids, floor, spread: clusters.spread, sizes: starts.subarray(1).map((end, c) => end - starts[c]!) }
    this.#starts = starts
    this.#positionAt = positionAt
    this.#rowOf = rowOf
  }

  /** Makes the scorer once; its memory then holds the int8 codes, which the index reads from there on. */
  #simdScorer(): void {
    if (this.#dots !== undefined) return
    const rows = this.#values.subarray(0, this.size * this.dimension) as Int8Array
    let largest = 0
    for (let i = 0; i < this.size; i++) largest = Math.max(largest, this.#scales[i]!)
    this.#largestScale = largest
    this.#dots = createInt8Dots(rows, this.dimension)
    if (this.#dots) this.#values = this.#dots.vectors
  }

  /** Grows the storage geometrically so that adding n vectors one by one copies O(n) values in all. */
  #reserve(count: number): void {
    const capacity = this.#values.length / this.dimension
    if (count <= capacity) return
    const next = Math.max(count, Math.ceil(capacity * 1.5), 16)
    const values = this.#values instanceof Int8Array ? new Int8Array(next * this.dimension) : new Float32Array(next * this.dimension)
    values.set(this.#values)
    this.#values = values
    if (this.dtype === 'int8') {
      const scales = new Float32Array(next)
      scales.set(this.#scales)
      this.#scales = scales
    }
  }
}

/** How the rows' integer dot products become scores, and where they go: what `offerRows` needs besides the rows. */
interface RowScan {
  /** The query's scale back to cosines, and each row's. */
  scale: number
  scales: Float32Array
  /** `scale` times the largest row scale: no row's dot scores more than `dot × ceiling`. */
  ceiling: number
  /** Each row's position, or null where rows are positions. */
  positionAt: Uint32Array | null
  ids: readonly string[]
  filter: VectorFilter | undefined
  top: TopK
}

/**
 * Offers rows `first` to `end` of `scores` to the top k. Most scores fall below the worst one kept: a dot below `cut`
 * scores below it whatever its vector's scale (the largest, `ceiling`, with room for the rounding of the products),
 * passed over on one integer comparison. The heap, and the filter, are asked only about vectors that would enter the
 * top k (at 100k vectors the filter for each would cost more than the scores). A function, not a method: V8 keeps this
 * loop as tight as it was inline.
 */
function offerRows(scores: Int32Array, first: number, end: number, scan: RowScan): void {
  const { scale, scales, ceiling, positionAt, ids, filter, top } = scan
  const cutOf = (least: number) => (least > 0 && ceiling > 0 ? (least / ceiling) * (1 - 1e-9) : -Infinity)
  let least = top.least()
  let cut = cutOf(least)
  for (let row = first; row < end; row++) {
    const dot = scores[row]!
    if (dot < cut) continue
    const score = dot * scale * scales[row]!
    const position = positionAt === null ? row : positionAt[row]!
    if (score < least || !top.admits(score, position) || (filter && !filter(ids[position]!, position))) continue
    top.offer(score, position)
    least = top.least()
    cut = cutOf(least)
  }
}

/**
 * The clusters' figures as the manifest, the engine and `npm run index` give them (`ClusterStatus`): the far probe and
 * its recalls only where the build kept one (0 in `VectorIndex.clusters` for a query below the floor searched exactly).
 */
export function clusterStatus(figures: { count: number; probe: number; recall: number; farProbe: number; farRecall: number; farTopRecall: number }): ClusterStatus {
  const { count, probe, recall, farProbe, farRecall, farTopRecall } = figures
  return farProbe > 0 ? { count, probe, recall, farProbe, farRecall, farTopRecall } : { count, probe, recall }
}

// The dot products: four independent sums let the CPU overlap the multiply-adds (about twice as fast as one sum).
// The same body twice, once per array type, so each call site sees one type.

function dotFloat32(values: Float32Array, base: number, q: Float64Array, d: number): number {
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let j = 0
  for (; j + 3 < d; j += 4) {
    const b = base + j
    s0 += values[b]! * q[j]!
    s1 += values[b + 1]! * q[j + 1]!
    s2 += values[b + 2]! * q[j + 2]!
    s3 += values[b + 3]! * q[j + 3]!
  }
  for (; j < d; j++) s0 += values[base + j]! * q[j]!
  return s0 + s1 + s2 + s3
}

function dotInt8(values: Int8Array, base: number, q: Float64Array, d: number): number {
  let s0 = 0
  let s1 = 0
  let s2 = 0
  let s3 = 0
  let j = 0
  for (; j + 3 < d; j += 4) {
    const b = base + j
    s0 += values[b]! * q[j]!
    s1 += values[b + 1]! * q[j + 1]!
    s2 += values[b + 2]! * q[j + 2]!
    s3 += values[b + 3]! * q[j + 3]!
  }
  for (; j < d; j++) s0 += values[base + j]! * q[j]!
  return s0 + s1 + s2 + s3
}
