// Passage embeddings kept between builds by the hash of the passage's text and the model's fingerprint, so a
// build embeds only the passages it has not embedded with the same model files before. A model's cache is one or
// more segment files: a full build writes one holding exactly its passages' vectors; an incremental build appends a
// small segment of what it embedded, and folds the segments into one once they hold as much garbage as vectors.

import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeSections, encodeSections } from '../binary/sections.js'
import { writeFileAtomically } from './store.js'
import type { Embedder } from './embedder.js'

/** Bumped whenever the layout of a cache file, or what an embedder's vectors depend on besides its fingerprint, changes.
 * 2: a checksum per vector (a lookup of a few vectors verifies those only), and segments. */
const EMBEDDING_CACHE_VERSION = 2
/** The layout before segments: one file a model, no checksum per vector but one over the whole file. Still read, so
 * the first build after an upgrade embeds nothing again; that build folds it into the current layout. */
const LEGACY_VERSION = 1
const KEY_BYTES = 16
const SUM_BYTES = 8
// An incremental build folds the segments into one past this many, or once they hold twice the live vectors.
const MAX_SEGMENTS = 16

const keyOf = (text: string): string => createHash('sha256').update(text).digest().toString('latin1', 0, KEY_BYTES)
const sumOf = (vector: Float32Array): Buffer => createHash('sha256').update(new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)).digest().subarray(0, SUM_BYTES)

export interface EmbedOptions {
  onProgress?: (done: number, total: number) => void
  /**
   * The build's other texts, whose vectors it takes from elsewhere (the last build's vector file) but which stay
   * cached: with it, only `texts` are looked up and what is embedded now is appended as a segment, instead of
   * the cache being rewritten to hold exactly `texts`.
   */
  kept?: readonly string[]
}

/**
 * Each text's vector, in order: read from the cache in `dir` where the same model embedded the same text before,
 * embedded now otherwise (`onProgress` counts only those). See `EmbedOptions.kept` for what the cache then holds.
 */
export async function embedWithCache(dir: string, embedder: Embedder, texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
  const { onProgress, kept } = options
  const prefix = prefixOf(EMBEDDING_CACHE_VERSION, embedder)
  const segments = await readSegments(dir, prefix, embedder.dimension)
  const legacy = segments.length === 0 ? await readLegacy(join(dir, `${prefixOf(LEGACY_VERSION, embedder)}.bin`), embedder.dimension) : undefined
  if (legacy) segments.push(legacy)
  // The kept texts' vectors should all be cached. Hashing every kept text to check costs 1.7 s at 100k passages, so
  // they are checked only when the segments hold fewer vectors than there are kept texts (a cache lost, damaged or
  // of an older layout); those missing are then embedded too. A vector missed otherwise is embedded by a later build.
  const stored = segments.reduce((n, s) => n + s.count, 0)
  const keptKeys = kept && stored < kept.length ? kept.map(keyOf) : []
  const lost = kept ? kept.filter((_, i) => i < keptKeys.length && !segments.some((s) => s.entries.has(keptKeys[i]!))) : []
  const wanted = lost.length > 0 ? [...texts, ...lost] : texts
  const keys = wanted.map(keyOf)
  const vectors = new Array<Float32Array>(wanted.length)
  const missing: number[] = []
  keys.forEach((key, i) => {
    const vector = lookUp(segments, key)
    if (vector) vectors[i] = vector
    else missing.push(i)
  })
  if (missing.length > 0) {
    const embedded = await embedder.embedPassages(missing.map((i) => wanted[i]!), onProgress)
    missing.forEach((i, n) => (vectors[i] = embedded[n]!))
  } else onProgress?.(0, 0)
  const result = vectors.slice(0, texts.length)
  // Vectors of the wrong width are the index's to refuse, with its message; they are never cached.
  if (vectors.some((v) => v?.length !== embedder.dimension)) return result
  if (kept && lost.length === 0 && !legacy && segments.length < MAX_SEGMENTS && stored + missing.length <= 2 * (texts.length + kept.length)) {
    if (missing.length > 0) await writeSegment(join(dir, `${prefix}-${Date.now().toString(36)}-${process.pid}.bin`), missing.map((i) => keys[i]!), missing.map((i) => vectors[i]!), embedder.dimension)
    await removeOthers(dir, prefix, false)
    return result
  }
  // One segment holding exactly the build's vectors: those of `kept` recalled from the segments.
  const all = new Map<string, Float32Array>()
  keys.forEach((key, i) => all.set(key, vectors[i]!))
  for (const key of kept && keptKeys.length === 0 ? kept.map(keyOf) : keptKeys) {
    if (all.has(key)) continue
    const vector = lookUp(segments, key)
    if (vector) all.set(key, vector)
  }
  await writeSegment(join(dir, `${prefix}.bin`), [...all.keys()], [...all.values()], embedder.dimension)
  await removeOthers(dir, prefix, true)
  return result
}

function prefixOf(version: number, embedder: Embedder): string {
  return createHash('sha256').update(`${version}\0${embedder.fingerprint}\0${embedder.dimension}`).digest('hex')
}

interface Segment {
  count: number
  /** Key → entry number. */
  entries: Map<string, number>
  sums: Buffer
  values: Float32Array
  dimension: number
}

function lookUp(segments: readonly Segment[], key: string): Float32Array | undefined {
  for (const segment of segments) {
    const i = segment.entries.get(key)
    if (i === undefined) continue
    const vector = segment.values.slice(i * segment.dimension, (i + 1) * segment.dimension)
    // A damaged vector is no vector: the passage is embedded again.
    if (sumOf(vector).equals(segment.sums.subarray(i * SUM_BYTES, (i + 1) * SUM_BYTES))) return vector
  }
  return undefined
}

// The model's segments (a text's vector is the same in each); one unreadable or of another width is left out.
async function readSegments(dir: string, prefix: string, dimension: number): Promise<Segment[]> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter((name) => name.startsWith(prefix) && name.endsWith('.bin'))
  } catch {
    return []
  }
  const segments: Segment[] = []
  for (const name of names) {
    try {
      const stored = decodeSections(await readFile(join(dir, name)), 'embeddings', EMBEDDING_CACHE_VERSION, name)
      const keys = Buffer.from(stored.section('keys', Uint8Array))
      const sums = Buffer.from(stored.section('sums', Uint8Array))
      const values = stored.section('vectors', Float32Array)
      const count = keys.length / KEY_BYTES
      if (!Number.isInteger(count) || values.length !== count * dimension || sums.length !== count * SUM_BYTES) continue
      if ((stored.meta as { sha256?: string } | null)?.sha256 !== createHash('sha256').update(keys).update(sums).digest('hex')) continue
      const entries = new Map<string, number>()
      for (let i = 0; i < count; i++) entries.set(keys.toString('latin1', i * KEY_BYTES, (i + 1) * KEY_BYTES), i)
      segments.push({ count, entries, sums, values, dimension })
    } catch {
      // A damaged segment is no segment: its passages are embedded again.
    }
  }
  return segments
}

// A cache of the legacy layout, checked whole, as a segment: its vectors' checksums are computed now.
async function readLegacy(path: string, dimension: number): Promise<Segment | undefined> {
  try {
    const stored = decodeSections(await readFile(path), 'embeddings', LEGACY_VERSION, path)
    const keys = Buffer.from(stored.section('keys', Uint8Array))
    const values = stored.section('vectors', Float32Array)
    const count = keys.length / KEY_BYTES
    if (!Number.isInteger(count) || values.length !== count * dimension) return undefined
    const digest = createHash('sha256').update(keys).update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex')
    if ((stored.meta as { sha256?: string } | null)?.sha256 !== digest) return undefined
    const entries = new Map<string, number>()
    const sums: Buffer[] = []
    for (let i = 0; i < count; i++) {
      entries.set(keys.toString('latin1', i * KEY_BYTES, (i + 1) * KEY_BYTES), i)
      sums.push(sumOf(values.subarray(i * dimension, (i + 1) * dimension)))
    }
    return { count, entries, sums: Buffer.concat(sums), values, dimension }
  } catch {
    return undefined // missing or damaged: its passages are embedded again
  }
}

async function writeSegment(path: string, keys: readonly string[], vectors: readonly Float32Array[], dimension: number): Promise<void> {
  const keyBytes = Buffer.from(keys.join(''), 'latin1')
  const sums = Buffer.concat(vectors.map(sumOf))
  const values = new Float32Array(vectors.length * dimension)
  vectors.forEach((vector, i) => values.set(vector, i * dimension))
  const sha256 = createHash('sha256').update(keyBytes).update(sums).digest('hex')
  await writeFileAtomically(path, encodeSections('embeddings', EMBEDDING_CACHE_VERSION, { sha256 }, { keys: keyBytes, sums, vectors: values }))
}

// Files of other models (or of an older layout) go; this model's other segments too when `folded`.
async function removeOthers(dir: string, prefix: string, folded: boolean): Promise<void> {
  for (const entry of await readdir(dir)) {
    if (entry.startsWith(prefix) && !(folded && entry !== `${prefix}.bin`)) continue
    await rm(join(dir, entry), { force: true })
  }
}
