// Passage embeddings kept between builds by the hash of the passage's text and the model's fingerprint, so a
// build embeds only the passages it has not embedded with the same model files before. A model's cache is one or
// more segment files: a full build writes one holding exactly its passages' vectors; an incremental build appends a
// small segment of what it embedded, and folds the segments into one once they hold as much garbage as vectors.

import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import { open, readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeSections, encodeSections, headerBytes, SECTION_PREFIX_BYTES, sectionLayout } from '../binary/sections.js'
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
  kept?: KeptTexts
}

/** The texts of `EmbedOptions.kept`, read only when needed (a build takes 100k of them over and reads none). */
export interface KeptTexts {
  /** How many there are. */
  count: number
  /**
   * At most how many distinct ones there are, known without reading them (`count`, or less: the last build's
   * `EmbeddedTexts.distinct`). Counting them costs 0.2 s at 100k texts: a cache holding this many vectors is not
   * checked, as it would not be once they were counted.
   */
  distinctAtMost: number
  /** How many distinct ones there are. */
  distinct(): number
  /** The texts themselves: read when the cache lacks some of their vectors, or is folded into one segment. */
  texts(): readonly string[]
}

/** What `embedWithCache` gives. */
export interface EmbeddedTexts {
  /** Each text's vector, in order. */
  vectors: Float32Array[]
  /**
   * At most how many distinct texts there are among `texts` and the kept ones: exact after a build that kept none
   * (the next build's `KeptTexts.distinctAtMost`).
   */
  distinct: number
}

/**
 * Each text's vector, in order: read from the cache in `dir` where the same model embedded the same text before,
 * embedded now otherwise (`onProgress` counts only those). See `EmbedOptions.kept` for what the cache then holds.
 */
export async function embedWithCache(dir: string, embedder: Embedder, texts: readonly string[], options: EmbedOptions = {}): Promise<EmbeddedTexts> {
  const { onProgress, kept } = options
  const prefix = prefixOf(EMBEDDING_CACHE_VERSION, embedder)
  const segments = await readSegments(dir, prefix, embedder.dimension)
  const legacy = segments.length === 0 ? await readLegacy(join(dir, `${prefixOf(LEGACY_VERSION, embedder)}.bin`), embedder.dimension) : undefined
  if (legacy) segments.push(legacy)
  // The kept texts' vectors should all be cached. Hashing every kept text to check costs 0.65 s at 100k passages, so
  // they are checked only when the segments hold fewer vectors than there are distinct kept texts (a cache lost,
  // damaged or of an older layout); those missing are then embedded too. A vector missed otherwise is embedded by a
  // later build.
  const stored = segments.reduce((n, s) => n + s.count, 0)
  let keptDistinct = kept?.distinctAtMost ?? 0
  const keptKeys = kept && stored < keptDistinct && stored < (keptDistinct = kept.distinct()) ? kept.texts().map(keyOf) : []
  const keptFound = keptKeys.length > 0 ? lookUp(segments, keptKeys) : []
  const lost = kept && keptKeys.length > 0 ? kept.texts().filter((_, i) => !keptFound[i]) : []
  const wanted = lost.length > 0 ? [...texts, ...lost] : texts
  const keys = wanted.map(keyOf)
  const vectors = lookUp(segments, keys)
  const missing: number[] = []
  for (let i = 0; i < vectors.length; i++) if (!vectors[i]) missing.push(i)
  if (missing.length > 0) {
    const embedded = await embedder.embedPassages(missing.map((i) => wanted[i]!), onProgress)
    missing.forEach((i, n) => (vectors[i] = embedded[n]!))
  } else onProgress?.(0, 0)
  const result = { vectors: vectors.slice(0, texts.length) as Float32Array[], distinct: keptDistinct + texts.length }
  // Vectors of the wrong width are the index's to refuse, with its message; they are never cached.
  if (vectors.some((v) => v?.length !== embedder.dimension)) return result
  if (kept && lost.length === 0 && !legacy && segments.length < MAX_SEGMENTS && stored + missing.length <= 2 * (texts.length + kept.count)) {
    if (missing.length > 0) await writeSegment(join(dir, `${prefix}-${Date.now().toString(36)}-${process.pid}.bin`), missing.map((i) => keys[i]!), missing.map((i) => vectors[i]!), embedder.dimension)
    await removeOthers(dir, prefix, false)
    return result
  }
  // One segment holding exactly the build's vectors: those of `kept` recalled from the segments.
  const all = new Map<string, Float32Array>()
  keys.forEach((key, i) => all.set(key, vectors[i]!))
  const others = (kept && keptKeys.length === 0 ? kept.texts().map(keyOf) : keptKeys).filter((key) => !all.has(key))
  lookUp(segments, others).forEach((vector, i) => vector && all.set(others[i]!, vector))
  await writeSegment(join(dir, `${prefix}.bin`), [...all.keys()], [...all.values()], embedder.dimension)
  await removeOthers(dir, prefix, true)
  // Keyed by text: with nothing kept, the vectors written are the texts' distinct ones.
  return kept ? result : { ...result, distinct: all.size }
}

function prefixOf(version: number, embedder: Embedder): string {
  return createHash('sha256').update(`${version}\0${embedder.fingerprint}\0${embedder.dimension}`).digest('hex')
}

interface Segment {
  count: number
  /** `count` keys of `KEY_BYTES` each, and as many checksums of `SUM_BYTES`. */
  keys: Buffer
  sums: Buffer
  dimension: number
  /** The vectors of entries `rows`, read from the file (or from memory for the legacy layout). */
  read(rows: readonly number[]): Float32Array[]
}

// Above this share of a segment's entries, its vectors are read in one go rather than one by one.
const READ_WHOLE = 1 / 16

/**
 * Each key's vector from the first segment holding it with a matching checksum; undefined where none does (a damaged
 * vector is no vector: its passage is embedded again). The segments' keys are scanned once, not put in a map: an
 * add looks up a few hundred keys among a hundred thousand.
 */
function lookUp(segments: readonly Segment[], keys: readonly string[]): Array<Float32Array | undefined> {
  const found = new Array<Float32Array | undefined>(keys.length).fill(undefined)
  const wanted = new Map<string, number[]>()
  keys.forEach((key, i) => (wanted.get(key) ?? wanted.set(key, []).get(key)!).push(i))
  for (const segment of segments) {
    if (wanted.size === 0) break
    // A key's first four bytes screen the entries before a key is made a string.
    const heads = new Set<number>()
    for (const key of wanted.keys()) heads.add(Buffer.from(key, 'latin1').readUInt32LE(0))
    const rows: number[] = []
    const at: number[][] = []
    for (let row = 0; row < segment.count; row++) {
      if (!heads.has(segment.keys.readUInt32LE(row * KEY_BYTES))) continue
      const key = segment.keys.toString('latin1', row * KEY_BYTES, (row + 1) * KEY_BYTES)
      const places = wanted.get(key)
      if (!places) continue
      rows.push(row)
      at.push(places)
    }
    let read: Float32Array[]
    try {
      read = segment.read(rows)
    } catch {
      continue // a segment cut short since it was opened: its passages are embedded again
    }
    read.forEach((vector, n) => {
      const row = rows[n]!
      if (!sumOf(vector).equals(segment.sums.subarray(row * SUM_BYTES, (row + 1) * SUM_BYTES))) return
      for (const i of at[n]!) found[i] = vector
      wanted.delete(keys[at[n]![0]!]!)
    })
  }
  return found
}

// The model's segments (a text's vector is the same in each); one unreadable or of another width is left out. Only
// their keys and checksums are read here: their vectors are read when looked up.
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
      segments.push(await readSegment(join(dir, name), name, dimension))
    } catch {
      // A damaged segment is no segment: its passages are embedded again.
    }
  }
  return segments
}

async function readSegment(path: string, name: string, dimension: number): Promise<Segment> {
  const file = await open(path, 'r')
  try {
    const readAt = async (offset: number, length: number) => {
      const bytes = Buffer.alloc(length)
      const { bytesRead } = await file.read(bytes, 0, length, offset)
      if (bytesRead !== length) throw new Error(`${name} is truncated`)
      return bytes
    }
    const prefix = await readAt(0, SECTION_PREFIX_BYTES)
    const layout = sectionLayout(await readAt(0, headerBytes(prefix)), 'embeddings', EMBEDDING_CACHE_VERSION, name)
    const span = (section: string, type: string, length?: number) => {
      const found = layout.sections.get(section)
      if (!found || found.type !== type || (length !== undefined && found.length !== length)) throw new Error(`${name} has no section ${section} of the expected shape`)
      return found
    }
    const keySpan = span('keys', 'u8')
    const count = keySpan.length / KEY_BYTES
    if (!Number.isInteger(count)) throw new Error(`${name} has a partial key`)
    const sumSpan = span('sums', 'u8', count * SUM_BYTES)
    const vectorSpan = span('vectors', 'f32', count * dimension)
    if ((await file.stat()).size !== layout.fileLength) throw new Error(`${name} does not have the length its header gives`)
    const keys = await readAt(keySpan.offset, keySpan.length)
    const sums = await readAt(sumSpan.offset, sumSpan.length)
    if ((layout.meta as { sha256?: string } | null)?.sha256 !== createHash('sha256').update(keys).update(sums).digest('hex')) throw new Error(`${name} is damaged`)
    const vectorBytes = dimension * Float32Array.BYTES_PER_ELEMENT
    const read = (rows: readonly number[]): Float32Array[] => {
      if (rows.length === 0) return []
      const fd = openSync(path, 'r')
      try {
        if (rows.length > count * READ_WHOLE) {
          const all = Buffer.alloc(count * vectorBytes)
          if (readSync(fd, all, 0, all.length, vectorSpan.offset) !== all.length) throw new Error(`${name} is truncated`)
          return rows.map((row) => new Float32Array(all.buffer.slice(all.byteOffset + row * vectorBytes, all.byteOffset + (row + 1) * vectorBytes)))
        }
        return rows.map((row) => {
          const vector = new Float32Array(dimension)
          if (readSync(fd, vector, 0, vectorBytes, vectorSpan.offset + row * vectorBytes) !== vectorBytes) throw new Error(`${name} is truncated`)
          return vector
        })
      } finally {
        closeSync(fd)
      }
    }
    return { count, keys, sums, dimension, read }
  } finally {
    await file.close()
  }
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
    const sums: Buffer[] = []
    for (let i = 0; i < count; i++) sums.push(sumOf(values.subarray(i * dimension, (i + 1) * dimension)))
    const read = (rows: readonly number[]) => rows.map((row) => values.slice(row * dimension, (row + 1) * dimension))
    return { count, keys, sums: Buffer.concat(sums), dimension, read }
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
