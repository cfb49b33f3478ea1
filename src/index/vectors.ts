// Exact (flat) vector search over unit vectors stored as float32 or int8, with a bounded top-k.

import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SearchError } from '../errors.js'
import { StringIndex } from '../binary/string-index.js'
import type { Ranked } from '../types.js'
import { createInt8Dots, type Int8Dots } from './dot-simd.js'
import { decodeVectors, encodeVectors, type DecodeVectorsOptions, type VectorData, type VectorDtype } from './vector-file.js'

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
}

export const defaultVectorIndexOptions = { dtype: 'float32' } satisfies Partial<VectorIndexOptions>

/** The file `save` writes and `load` reads in an index folder. */
export const vectorFileName = 'vectors.bin'

/** Called with a vector's id and position (from 0, in insertion order); return false to skip it. */
export type VectorFilter = (id: string, position: number) => boolean

/**
 * Unit vectors in one contiguous typed array, searched exactly by dot product (= cosine).
 * Int8 vectors are scored sixteen lanes at a time with WebAssembly SIMD (`dot-simd.ts`): about 12 ms over 100k × 384
 * on two cores, against 80 ms in scalar JavaScript, which is why there is no approximate structure here.
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
    return index
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
    const stored = this.#values.subarray(position * d, (position + 1) * d)
    if (stored instanceof Float32Array) return stored.slice()
    const scale = this.#scales[position]!
    return Float32Array.from(stored, (code) => code * scale)
  }

  /**
   * The `k` best `[id, cosine]` pairs for `query`, best first; equal scores keep insertion order.
   * The query is normalised here, so any non-zero vector works. Keeps a k-sized heap, not a sorted copy of every score.
   */
  search(query: Float32Array, k: number, filter?: VectorFilter): Ranked {
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
    // A float64 query saves a conversion per multiply; float32 and int8 values convert on load either way.
    const q = Float64Array.from(unit)
    const top = new TopK(limit)
    const ids = this.#ids
    const values = this.#values
    // Two loops rather than one over a union type: each stays monomorphic, which V8 compiles to tight code.
    const simd = values instanceof Int8Array ? this.#simdScores(unit) : null
    if (simd) {
      // Most scores fall below the worst one kept: a dot below `cut` scores below it whatever its vector's scale (the
      // largest, `ceiling`, with room for the rounding of the products), passed over on one integer comparison. The
      // heap, and the filter, are asked only about vectors that would enter the top k (at 100k vectors the filter for
      // each would cost more than the scores).
      const { scores, scale } = simd
      const scales = this.#scales
      const ceiling = scale * this.#largestScale
      const cutOf = (least: number) => (least > 0 && ceiling > 0 ? (least / ceiling) * (1 - 1e-9) : -Infinity)
      let least = top.least()
      let cut = cutOf(least)
      for (let i = 0; i < ids.length; i++) {
        const dot = scores[i]!
        if (dot < cut) continue
        const score = dot * scale * scales[i]!
        if (score < least || !top.admits(score, i) || (filter && !filter(ids[i]!, i))) continue
        top.offer(score, i)
        least = top.least()
        cut = cutOf(least)
      }
    } else if (values instanceof Int8Array) {
      const scales = this.#scales
      for (let i = 0, base = 0; i < ids.length; i++, base += d) {
        if (filter && !filter(ids[i]!, i)) continue
        top.offer(dotInt8(values, base, q, d) * scales[i]!, i)
      }
    } else {
      for (let i = 0, base = 0; i < ids.length; i++, base += d) {
        if (filter && !filter(ids[i]!, i)) continue
        top.offer(dotFloat32(values, base, q, d), i)
      }
    }
    return top.drain().map(([position, score]) => [ids[position]!, score])
  }

  /** The stored vectors (views, not copies): what `toBuffer` writes. */
  toData(): VectorData {
    const n = this.size
    return {
      dtype: this.dtype,
      dimension: this.dimension,
      ids: this.#ids,
      values: this.#values.subarray(0, n * this.dimension),
      scales: this.#scales.subarray(0, this.dtype === 'int8' ? n : 0),
    }
  }

  toBuffer(): Buffer {
    return encodeVectors(this.toData())
  }

  /** Reads what `toBuffer` wrote; refuses another format version or a damaged file with INDEX_CORRUPT. */
  static fromBuffer(file: Uint8Array, source = 'in memory', options: DecodeVectorsOptions = {}): VectorIndex {
    const data = decodeVectors(file, source, options)
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
    if (data.dtype === 'int8') index.#simdScorer()
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
  #simdScores(unit: Float32Array): { scores: Int32Array; scale: number } | null {
    this.#simdScorer()
    let max = 0
    for (let j = 0; j < unit.length; j++) max = Math.max(max, Math.abs(unit[j]!))
    if (!this.#dots || max === 0) return null
    const codes = Int16Array.from(unit, (x) => Math.round((x / max) * 32767))
    return { scores: this.#dots.run(codes), scale: max / 32767 }
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

/** A unit-length copy, or null for NaN/infinite input; a zero vector is returned as is. */
function unitCopy(vector: Float32Array): Float32Array | null {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!
  if (!Number.isFinite(sum)) return null
  const copy = vector.slice()
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum)
    for (let i = 0; i < copy.length; i++) copy[i]! *= scale
  }
  return copy
}

/**
 * The k best (score, position) pairs of a stream, in a min-heap keyed on score: O(n log k), k slots.
 * Positions must be offered in increasing order, which makes "equal score, earlier position" win ties.
 */
export class TopK {
  readonly #k: number
  readonly #scores: Float64Array
  readonly #positions: Int32Array
  #size = 0

  constructor(k: number) {
    this.#k = k
    this.#scores = new Float64Array(k)
    this.#positions = new Int32Array(k)
  }

  /** The worst score kept once the heap is full (a lower one is never kept), -Infinity before. */
  least(): number {
    return this.#size < this.#k ? -Infinity : this.#scores[0]!
  }

  /** Whether `offer(score, position)` would keep the pair. */
  admits(score: number, position: number): boolean {
    return this.#size < this.#k || this.#worse(this.#scores[0]!, this.#positions[0]!, score, position)
  }

  offer(score: number, position: number): void {
    const scores = this.#scores
    if (this.#size < this.#k) {
      let i = this.#size++
      // Sift up: a later position with an equal score is the worse one, so it rises.
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!this.#worse(score, position, scores[parent]!, this.#positions[parent]!)) break
        scores[i] = scores[parent]!
        this.#positions[i] = this.#positions[parent]!
        i = parent
      }
      scores[i] = score
      this.#positions[i] = position
    } else if (score > scores[0]!) {
      this.#siftDown(score, position)
    }
  }

  /** The pairs held, best first, as `[position, score]`; empties the heap. */
  drain(): Array<[position: number, score: number]> {
    const out: Array<[number, number]> = new Array(this.#size)
    while (this.#size > 0) {
      out[this.#size - 1] = [this.#positions[0]!, this.#scores[0]!]
      const last = --this.#size
      if (last > 0) this.#siftDown(this.#scores[last]!, this.#positions[last]!)
    }
    return out
  }

  #worse(scoreA: number, positionA: number, scoreB: number, positionB: number): boolean {
    return scoreA < scoreB || (scoreA === scoreB && positionA > positionB)
  }

  /** Puts (score, position) at the root and lets it sink to its place among the first `size` slots. */
  #siftDown(score: number, position: number): void {
    const scores = this.#scores
    const positions = this.#positions
    const size = this.#size
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      if (left >= size) break
      const right = left + 1
      const child =
        right < size && this.#worse(scores[right]!, positions[right]!, scores[left]!, positions[left]!) ? right : left
      if (!this.#worse(scores[child]!, positions[child]!, score, position)) break
      scores[i] = scores[child]!
      positions[i] = positions[child]!
      i = child
    }
    scores[i] = score
    positions[i] = position
  }
}
