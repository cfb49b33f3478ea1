// Passage embeddings kept between builds by the hash of the passage's text and the model's fingerprint, so a
// build embeds only the passages it has not embedded with the same model files before. One file a model, holding
// the vectors of the passages of the last build.

import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { decodeSections, encodeSections } from '../binary/sections.js'
import { writeFileAtomically } from './store.js'
import type { Embedder } from './embedder.js'

/** Bumped whenever the layout of a cache file, or what an embedder's vectors depend on besides its fingerprint, changes. */
const EMBEDDING_CACHE_VERSION = 1
const KEY_BYTES = 16

const keyOf = (text: string): string => createHash('sha256').update(text).digest().toString('latin1', 0, KEY_BYTES)

/**
 * Each text's vector, in order: read from the cache in `dir` where the same model embedded the same text before,
 * embedded now otherwise (`onProgress` counts only those). The cache is then rewritten to hold exactly these.
 */
export async function embedWithCache(
  dir: string,
  embedder: Embedder,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const path = join(dir, `${createHash('sha256').update(`${EMBEDDING_CACHE_VERSION}\0${embedder.fingerprint}\0${embedder.dimension}`).digest('hex')}.bin`)
  const cached = await readCache(path, embedder.dimension)
  const keys = texts.map(keyOf)
  const vectors = new Array<Float32Array>(texts.length)
  const missing: number[] = []
  keys.forEach((key, i) => {
    const vector = cached.get(key)
    if (vector) vectors[i] = vector
    else missing.push(i)
  })
  if (missing.length > 0) {
    const embedded = await embedder.embedPassages(missing.map((i) => texts[i]!), onProgress)
    missing.forEach((i, n) => (vectors[i] = embedded[n]!))
  } else onProgress?.(0, 0)
  // Vectors of the wrong width are the index's to refuse, with its message; they are never cached.
  if (vectors.some((v) => v?.length !== embedder.dimension)) return vectors
  await writeCache(path, keys, vectors, embedder.dimension)
  // One model's cache at a time: the files of models no longer used go.
  for (const entry of await readdir(dir)) if (join(dir, entry) !== path) await rm(join(dir, entry), { force: true })
  return vectors
}

async function readCache(path: string, dimension: number): Promise<Map<string, Float32Array>> {
  const found = new Map<string, Float32Array>()
  let file: Buffer
  try {
    file = await readFile(path)
  } catch {
    return found
  }
  try {
    const stored = decodeSections(file, 'embeddings', EMBEDDING_CACHE_VERSION, path)
    const keys = Buffer.from(stored.section('keys', Uint8Array))
    const values = stored.section('vectors', Float32Array)
    const count = keys.length / KEY_BYTES
    if (!Number.isInteger(count) || values.length !== count * dimension) return found
    if ((stored.meta as { sha256?: string } | null)?.sha256 !== digest(keys, values)) return found
    for (let i = 0; i < count; i++) found.set(keys.toString('latin1', i * KEY_BYTES, (i + 1) * KEY_BYTES), values.slice(i * dimension, (i + 1) * dimension))
  } catch {
    // A damaged cache is no cache: every passage is embedded again.
  }
  return found
}

async function writeCache(path: string, keys: readonly string[], vectors: readonly Float32Array[], dimension: number): Promise<void> {
  const unique = new Map<string, Float32Array>()
  keys.forEach((key, i) => unique.set(key, vectors[i]!))
  const keyBytes = Buffer.from([...unique.keys()].join(''), 'latin1')
  const values = new Float32Array(unique.size * dimension)
  let at = 0
  for (const vector of unique.values()) {
    values.set(vector, at)
    at += dimension
  }
  const chunks = encodeSections('embeddings', EMBEDDING_CACHE_VERSION, { sha256: digest(keyBytes, values) }, { keys: keyBytes, vectors: values })
  await writeFileAtomically(path, chunks)
}

function digest(keys: Uint8Array, values: Float32Array): string {
  return createHash('sha256').update(keys).update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex')
}
