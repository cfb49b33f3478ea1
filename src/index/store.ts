// The index on disk: one folder per build, a versioned manifest with checksums, and an atomic swap.
//
// Layout under the index root (default `indexes/`):
//   CURRENT               the name of the live build, replaced by rename(2) so readers see old or new, never half
//   builds/<buildId>/     manifest.json plus the index files it lists with their SHA-256
//   build.lock            held while a build runs, so two builds never interleave
// A build writes into builds/.tmp-<id>, fsyncs, renames the folder into place, then swaps CURRENT.
// A build killed at any point leaves CURRENT naming the last good build.
//
// Files are written over old ones where that is safe (the files of the build about to be pruned, a cache file that
// carries its own checksum): a fresh page-cache page costs the first write 1–2 ms of CPU a MB on this machine (a
// virtual machine hands freed memory back to its host), an old one a fifth of that. At 100k passages a build writes
// ≈ 250 MB and its state ≈ 190 MB.

import { createHash, randomBytes } from 'node:crypto'
import { checksumOf, Crc32 } from '../binary/checksum.js'
import { closeSync, constants, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { SearchError } from '../errors.js'
import type { IndexManifest } from '../types.js'

/** Bumped whenever the files of a build change shape; a build of another version is rebuilt, not read.
 * 2: variant groups are computed at build time and stored in variants.json.
 * 3: the keyword index is binary typed arrays (keyword.bin), with word positions for phrases.
 * 4: corpus, n-grams and variant groups in binary sections too (corpus.bin, ngram.bin, variants.bin), read as views.
 * 5: spelling repairs learned at build time (repairs.bin).
 * 6: n-gram passage lengths without IDF, the corpus-wide part of the n-gram score taken at query time (ngram.bin v4).
 * 7: a capped gram's n-gram postings grouped by impact, strongest first (ngram.bin v5). */
export const INDEX_FORMAT_VERSION = 7
const KEEP_BUILDS = 2

export interface StoredManifest extends IndexManifest {
  buildId: string
  /** Each file's length and checksum (`checksumOf`); builds before CRC-32 listed a `sha256` instead, still read. */
  files: Record<string, { bytes: number; checksum?: string; sha256?: string }>
}

export interface LoadedIndex {
  manifest: StoredManifest
  dir: string
  read(name: string): Promise<Buffer>
}

/** What an index file is written from: a string, bytes, or a list of chunks written one after the other. */
export type FileContent = string | Uint8Array | readonly Uint8Array[]

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

// Writes and fsyncs a file, over what it held (cut to its new length) or created; returns its length. Each chunk is
// handed to `seen` as it is written (a large file is read once, for its checksum).
function writeDurably(path: string, data: FileContent, seen?: (chunk: Uint8Array) => void): number {
  const chunks = typeof data === 'string' ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : data
  let bytes = 0
  // Not truncated first: the pages of a file written over are reused (see the top of this file).
  const fd = openSync(path, constants.O_WRONLY | constants.O_CREAT)
  try {
    for (const chunk of chunks) {
      seen?.(chunk)
      for (let at = 0; at < chunk.length; ) at += writeSync(fd, chunk, at, chunk.length - at)
      bytes += chunk.length
    }
    ftruncateSync(fd, bytes)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return bytes
}

// An index file as its build's manifest lists it: written durably, with its length and checksum.
function writeListed(path: string, data: FileContent): { bytes: number; checksum: string } {
  const hash = new Crc32()
  const bytes = writeDurably(path, data, (chunk) => hash.update(chunk))
  return { bytes, checksum: hash.digest() }
}

/**
 * Writes a file over its last version, in place, for a cache file that carries its own checksum: a write cut short
 * leaves a file whose checksum fails, read as no file. Cheaper than `writeFileAtomically` for a large file (its pages
 * are reused), but a reader may see it half written: only for files no other process reads while it is written.
 */
export async function writeFileInPlace(path: string, data: FileContent): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  writeDurably(path, data)
}

function fsyncDir(path: string): void {
  const fd = openSync(path, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes a file through a temporary one and a rename, so a reader sees the old file or the whole new one. No checksum
 * is summed: the caches written this way carry their own.
 */
export async function writeFileAtomically(path: string, data: FileContent): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.tmp-${process.pid}`
  try {
    writeDurably(tmp, data)
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}

/** Writes a complete build and makes it the live one. Throws, leaving the live build untouched, on any failure. */
export async function writeIndex(root: string, manifest: IndexManifest, files: Record<string, FileContent>): Promise<StoredManifest> {
  const buildsDir = join(root, 'builds')
  await mkdir(buildsDir, { recursive: true })
  // `20261123-150512123-a1b2c3`: sorts by time to the millisecond (builds never overlap: see the build lock).
  const buildId = `${new Date().toISOString().replace(/[-:.Z]/g, '').replace('T', '-')}-${randomBytes(3).toString('hex')}`
  const tmp = join(buildsDir, `.tmp-${buildId}`)
  await mkdir(tmp)
  try {
    const listed: StoredManifest['files'] = {}
    const spare = await spareBuild(root, buildId)
    for (const [name, data] of Object.entries(files)) {
      const path = join(tmp, name)
      // The spare build's file of that name, if any, is written over (see the top of this file).
      if (spare) await rename(join(spare, name), path).catch(() => {})
      listed[name] = writeListed(path, data)
    }
    const stored: StoredManifest = { ...manifest, formatVersion: INDEX_FORMAT_VERSION, buildId, files: listed }
    writeDurably(join(tmp, 'manifest.json'), JSON.stringify(stored, null, 2))
    fsyncDir(tmp)
    await rename(tmp, join(buildsDir, buildId))
    fsyncDir(buildsDir)
    const pointer = join(root, `.CURRENT.tmp-${process.pid}`)
    writeDurably(pointer, `${buildId}\n`)
    await rename(pointer, join(root, 'CURRENT'))
    fsyncDir(root)
    await pruneBuilds(root, buildId)
    return stored
  } catch (cause) {
    await rm(tmp, { recursive: true, force: true })
    throw new SearchError('INDEX_BUILD_FAILED', `Writing the index failed (${(cause as Error).message}); the last good index is kept.`, { cause })
  }
}

/** Reads the live build's manifest and checks its version and files. Throws INDEX_MISSING or INDEX_CORRUPT. */
export async function readIndex(root: string): Promise<LoadedIndex> {
  let buildId: string
  try {
    buildId = (await readFile(join(root, 'CURRENT'), 'utf8')).trim()
  } catch {
    throw new SearchError('INDEX_MISSING', `No index in ${root}: run \`npm run index\` to build it.`)
  }
  if (!/^[\w-]+$/.test(buildId)) throw new SearchError('INDEX_CORRUPT', `${join(root, 'CURRENT')} does not name a build: rebuild with \`npm run index\`.`)
  const dir = join(root, 'builds', buildId)
  let manifest: StoredManifest
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as StoredManifest
  } catch (cause) {
    throw new SearchError('INDEX_CORRUPT', `The manifest of build ${buildId} is missing or unreadable: rebuild with \`npm run index\`.`, { cause })
  }
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    throw new SearchError('INDEX_CORRUPT', `The index is in format ${String(manifest.formatVersion)}, this program reads format ${INDEX_FORMAT_VERSION}: rebuild with \`npm run index\`.`)
  }
  if (!manifest.files || typeof manifest.files !== 'object') throw new SearchError('INDEX_CORRUPT', `The manifest of build ${buildId} lists no files: rebuild with \`npm run index\`.`)
  const cache = new Map<string, Buffer>()
  const read = async (name: string): Promise<Buffer> => {
    const listed = manifest.files[name]
    if (!listed) throw new SearchError('INDEX_CORRUPT', `The index has no file ${name}: rebuild with \`npm run index\`.`)
    let data = cache.get(name)
    if (!data) {
      try {
        data = await readFile(join(dir, name))
      } catch (cause) {
        throw new SearchError('INDEX_CORRUPT', `The index file ${name} is missing: rebuild with \`npm run index\`.`, { cause })
      }
      const intact = listed.checksum !== undefined ? checksumOf([data]) === listed.checksum : listed.sha256 !== undefined && sha256(data) === listed.sha256
      if (data.length !== listed.bytes || !intact) {
        throw new SearchError('INDEX_CORRUPT', `The index file ${name} is damaged (size or checksum differs from the manifest): rebuild with \`npm run index\`.`)
      }
      cache.set(name, data)
    }
    return data
  }
  return { manifest, dir, read }
}

// The builds kept when `live` is the live build, among the folders `entries` of builds/. Build ids sort by time. The
// builds kept besides the live one are those that were live before it; a newer folder is the orphan of a build
// killed between its rename and the swap of CURRENT, never served.
function keptBuilds(entries: readonly string[], live: string): Set<string> {
  const finished = entries.filter((e) => !e.startsWith('.')).sort()
  return new Set([live, ...finished.filter((e) => e < live).slice(-(KEEP_BUILDS - 1))])
}

// The folder of a finished build that the pruning after build `next` will remove, whose files `next` may take over;
// null when there is none. Never the live build, nor one kept.
async function spareBuild(root: string, next: string): Promise<string | null> {
  try {
    const live = (await readFile(join(root, 'CURRENT'), 'utf8')).trim()
    const entries = await readdir(join(root, 'builds'))
    const kept = keptBuilds(entries, next)
    const spare = entries.filter((e) => !e.startsWith('.') && e < next && e !== live && !kept.has(e)).sort()[0]
    return spare ? join(root, 'builds', spare) : null
  } catch {
    return null
  }
}

// Keeps the live build and the one before it; removes older builds and leftovers of killed builds.
async function pruneBuilds(root: string, live: string): Promise<void> {
  const buildsDir = join(root, 'builds')
  const entries = await readdir(buildsDir)
  const keep = keptBuilds(entries, live)
  for (const entry of entries) {
    if (keep.has(entry)) continue
    if (entry.startsWith('.tmp-') && (await isRecent(join(buildsDir, entry)))) continue
    await rm(join(buildsDir, entry), { recursive: true, force: true })
  }
}

// A temporary folder younger than this may belong to a build still running in another process.
const STALE_TMP_MS = 10 * 60_000
async function isRecent(path: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(path)).mtimeMs < STALE_TMP_MS
  } catch {
    return false
  }
}
