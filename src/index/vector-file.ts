// The on-disk form of the vector index: a 64-byte header, the vectors in one block, the ids as JSON.

import { createHash } from 'node:crypto'
import { Crc32 } from '../binary/checksum.js'
import { SearchError } from '../errors.js'
import { clusterSpread } from './cluster-spread.js'

export type VectorDtype = 'float32' | 'int8'

/** The vectors of an index as stored: `float32` holds the values; `int8` holds codes and one scale per vector. */
export interface VectorData {
  dtype: VectorDtype
  dimension: number
  ids: string[]
  /** `ids.length × dimension` values (float32) or codes (int8), vector after vector. */
  values: Float32Array | Int8Array
  /** One scale per vector for int8 (value = code × scale); empty for float32. */
  scales: Float32Array
  /** The inverted file over the vectors (int8 only), or null (or absent) for an index searched flat. */
  clusters?: VectorClusters | null
}

/** Clusters of the vectors, and how many a query visits: what the build trained and measured (`vector-clusters.ts`). */
export interface VectorClusters {
  /** `count × dimension` unit centroids, cluster after cluster. */
  centroids: Float32Array
  /**
   * `count × dimension` variances of each cluster's vectors along each dimension (`clusterSpread`): what orders the
   * clusters for a query below the floor. Computed from the vectors on reading a file before version 5.
   */
  spread: Float32Array
  /** The cluster of each vector, by position. */
  assignment: Uint32Array
  /** How many clusters a query visits, best first, before its top k may be final: 1 to the count of clusters. */
  probe: number
  /** The mean recall@100 the build measured for `probe` against exact search, 0–1. */
  recall: number
  /**
   * The least cosine with its nearest centroid of a query `probe` serves: one farther from every centroid than the
   * calibration's queries were (the recall measured does not hold for it) visits `farProbe` clusters instead.
   */
  floor: number
  /**
   * How many clusters a query below the floor visits, in the order their spread gives (`clusterOrder`): measured on
   * the calibration's queries below it, kept when it reaches the target recall at 100 and at 10 within the share of
   * clusters allowed; 0 for such a query searched exactly, and in files before version 5 (version 4's far probe was
   * measured at 100 alone, in centroid order, and lost rare words' own passages).
   */
  farProbe: number
  /** The mean recall@100 the build measured for `farProbe` on queries below the floor, 0–1; 0 when `farProbe` is. */
  farRecall: number
  /** The same at 10, a page's first results, 0–1; 0 when `farProbe` is. */
  farTopRecall: number
}

/**
 * Layout, little-endian:
 *
 *   0  8  magic `CTOCVEC` + 0x1A
 *   8  4  format version (u32)
 *  12  4  dtype (u32): 1 = float32, 2 = int8
 *  16  4  count of vectors (u32)
 *  20  4  dimension (u32)
 *  24  4  byte length of the ids block (u32)
 *  28  4  count of clusters (u32): 0 for an index searched flat (always 0 before version 3)
 *  32 32  checksum of everything after the header: from version 2, its CRC-32 (u32) then 28 zero bytes; version 1
 *         (still read), its SHA-256
 *  64     float32: count × dimension float32 values
 *         int8:    count float32 scales, then count × dimension int8 codes
 *   …     ids: UTF-8 JSON array of strings, in vector order
 *   …     with clusters, from the next 4-byte boundary of the file: probe (u32), recall (f32), floor (f32), from
 *         version 4 far probe (u32) and far recall (f32), from version 5 far recall at 10 (f32), 4 zero bytes,
 *         clusters × dimension float32 centroids, from version 5 clusters × dimension float32 spreads, count u32
 *         clusters of the vectors in vector order
 *
 * Scales come before codes so that every float32 block starts on a 4-byte boundary and can be read in place.
 */
export const vectorFormatVersion = 5
/**
 * Versions this program reads: 1 differs from 2 only by its checksum, 2 from 3 by its clusters (never any), 3 from 4
 * by its cluster section's far probe and recall, 4 from 5 by the far recall at 10 and the spreads. Before version 5 a
 * query below the floor is searched exactly (version 4's far probe was measured in another order, at 100 alone).
 */
const readableVersions = [1, 2, 3, 4, 5]
export const vectorHeaderBytes = 64
const magic = Uint8Array.of(0x43, 0x54, 0x4f, 0x43, 0x56, 0x45, 0x43, 0x1a)
const dtypeCodes: Record<VectorDtype, number> = { float32: 1, int8: 2 }

const hostIsLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

export function encodeVectors(data: VectorData): Buffer {
  const { dtype, dimension, ids } = data
  const file = emptyVectorFile(dtype, dimension, ids, data.clusters ?? null)
  if (dtype === 'int8') file.scales.set(data.scales.subarray(0, ids.length))
  file.values.set(data.values.subarray(0, ids.length * dimension))
  return file.finish()
}

// The file of vectors `ids` laid out with its blocks left to fill (views into the file), and `finish` to write its
// header and checksum once they are: a build fills it in place instead of making the blocks and copying them in.
function emptyVectorFile(dtype: VectorDtype, dimension: number, ids: readonly string[], clusters: VectorClusters | null): { scales: Float32Array; values: Float32Array | Int8Array; finish(): Buffer } {
  requireLittleEndian()
  const count = ids.length
  const idBytes = Buffer.from(JSON.stringify(ids), 'utf8')
  const scaleBytes = dtype === 'int8' ? count * 4 : 0
  const valueBytes = count * dimension * (dtype === 'int8' ? 1 : 4)
  const idsEnd = vectorHeaderBytes + scaleBytes + valueBytes + idBytes.length
  const tail = clusters ? clusterSection(clusters, idsEnd) : []
  // Its own buffer (not the shared pool), so the blocks after the 64-byte header are 4-byte aligned.
  const file = Buffer.from(new ArrayBuffer(idsEnd + tail.reduce((sum, chunk) => sum + chunk.length, 0)))
  const scales = new Float32Array(file.buffer, vectorHeaderBytes, dtype === 'int8' ? count : 0)
  const values = dtype === 'int8' ? new Int8Array(file.buffer, vectorHeaderBytes + scaleBytes, count * dimension) : new Float32Array(file.buffer, vectorHeaderBytes, count * dimension)
  const finish = () => {
    file.set(idBytes, vectorHeaderBytes + scaleBytes + valueBytes)
    let at = idsEnd
    for (const chunk of tail) {
      file.set(chunk, at)
      at += chunk.length
    }
    writeHeader(file, dtype, count, dimension, idBytes.length, clusters)
    file.set(digest([file.subarray(vectorHeaderBytes)], vectorFormatVersion), 32)
    return file
  }
  return { scales, values, finish }
}

// The header's fields but its checksum (see the layout above).
function writeHeader(file: Buffer, dtype: VectorDtype, count: number, dimension: number, idBytes: number, clusters: VectorClusters | null): void {
  file.set(magic, 0)
  file.writeUInt32LE(vectorFormatVersion, 8)
  file.writeUInt32LE(dtypeCodes[dtype], 12)
  file.writeUInt32LE(count, 16)
  file.writeUInt32LE(dimension, 20)
  file.writeUInt32LE(idBytes, 24)
  file.writeUInt32LE(clusters ? clusters.centroids.length / dimension : 0, 28)
}

// Bytes before the centroids in a cluster section, by format version.
const clusterHeadBytes = (version: number) => (version >= 5 ? 28 : version === 4 ? 24 : 16)

// The cluster section's chunks, starting with the padding that takes a section written at byte `at` of the file to a
// 4-byte boundary.
function clusterSection(clusters: VectorClusters, at: number): Uint8Array[] {
  const head = new DataView(new ArrayBuffer(clusterHeadBytes(vectorFormatVersion)))
  head.setUint32(0, clusters.probe, true)
  head.setFloat32(4, clusters.recall, true)
  head.setFloat32(8, clusters.floor, true)
  head.setUint32(12, clusters.farProbe, true)
  head.setFloat32(16, clusters.farRecall, true)
  head.setFloat32(20, clusters.farTopRecall, true)
  return [new Uint8Array((4 - (at % 4)) % 4), new Uint8Array(head.buffer), asBytes(clusters.centroids), asBytes(clusters.spread), asBytes(clusters.assignment)]
}

/** How a vector file is read. */
export interface DecodeVectorsOptions {
  /**
   * The caller has already compared the whole file with a checksum (the index store's manifest does, for every file it
   * reads): the body's own checksum is then not computed a second time. Defaults to false.
   */
  checked?: boolean
}

/** Reads a vector file, in place where alignment allows; `source` names it in error messages. */
export function decodeVectors(file: Uint8Array, source: string, options: DecodeVectorsOptions = {}): VectorData {
  const corrupt = (why: string) =>
    new SearchError('INDEX_CORRUPT', `The vector index ${source} ${why}: run \`npm run index\` to rebuild it.`)
  if (file.length < vectorHeaderBytes) throw corrupt(`is truncated (${file.length} bytes, shorter than its header)`)
  if (!magic.every((byte, i) => file[i] === byte)) throw corrupt('is not a vector index file (wrong magic bytes)')
  const header = new DataView(file.buffer, file.byteOffset, vectorHeaderBytes)
  const version = header.getUint32(8, true)
  if (!readableVersions.includes(version)) {
    throw corrupt(`has format version ${version}, and this program reads version ${vectorFormatVersion}`)
  }
  const dtypeCode = header.getUint32(12, true)
  const dtype = (Object.keys(dtypeCodes) as VectorDtype[]).find((d) => dtypeCodes[d] === dtypeCode)
  if (!dtype) throw corrupt(`has an unknown value type (${dtypeCode})`)
  const count = header.getUint32(16, true)
  const dimension = header.getUint32(20, true)
  const idLength = header.getUint32(24, true)
  const clusterCount = header.getUint32(28, true)
  if (dimension === 0) throw corrupt('has dimension 0')
  if (clusterCount > 0 && (dtype !== 'int8' || clusterCount > count)) throw corrupt(`has ${clusterCount} clusters for ${count} ${dtype} vectors`)

  const scaleBytes = dtype === 'int8' ? count * 4 : 0
  const valueBytes = count * dimension * (dtype === 'int8' ? 1 : 4)
  const idsEnd = vectorHeaderBytes + scaleBytes + valueBytes + idLength
  const clusterAt = idsEnd + ((4 - (idsEnd % 4)) % 4)
  const headBytes = clusterHeadBytes(version)
  const spreadBytes = version >= 5 ? clusterCount * dimension * 4 : 0
  const expected = clusterCount > 0 ? clusterAt + headBytes + clusterCount * dimension * 4 + spreadBytes + count * 4 : idsEnd
  if (file.length < expected) throw corrupt(`is truncated (${file.length} of ${expected} bytes)`)
  if (file.length > expected) throw corrupt(`has ${file.length - expected} unexpected bytes at the end`)
  const body = file.subarray(vectorHeaderBytes)
  if (!options.checked && !Buffer.from(digest([body], version)).equals(file.subarray(32, 64))) throw corrupt('is damaged (checksum mismatch)')

  requireLittleEndian()
  // A view needs its start aligned to 4 bytes; a file read whole always is, a slice of a larger buffer may not be.
  // (`new Uint8Array(body)` copies; Buffer's own `slice` would not.)
  const block = (file.byteOffset + vectorHeaderBytes) % 4 === 0 ? body : new Uint8Array(body)
  const at = block.byteOffset
  const scales = dtype === 'int8' ? new Float32Array(block.buffer, at, count) : new Float32Array(0)
  const values =
    dtype === 'int8'
      ? new Int8Array(block.buffer, at + scaleBytes, count * dimension)
      : new Float32Array(block.buffer, at, count * dimension)

  let ids: unknown
  try {
    ids = JSON.parse(Buffer.from(block.buffer, at + scaleBytes + valueBytes, idLength).toString('utf8'))
  } catch {
    throw corrupt('has an unreadable id list')
  }
  if (!Array.isArray(ids) || ids.length !== count || !ids.every((id) => typeof id === 'string')) {
    throw corrupt(`has an id list that does not match its ${count} vectors`)
  }
  if (clusterCount === 0) return { dtype, dimension, ids, values, scales, clusters: null }
  // The section starts on a 4-byte boundary of the file, so it is aligned wherever the body is.
  const section = new DataView(block.buffer, at + clusterAt - vectorHeaderBytes, headBytes)
  const probe = section.getUint32(0, true)
  const recall = section.getFloat32(4, true)
  const floor = section.getFloat32(8, true)
  // Before version 5 there is no far probe to follow: version 3 measured none, and version 4's was measured in
  // centroid order at 100 alone (it lost rare words' own passages). Its queries below the floor are searched exactly.
  const farProbe = version >= 5 ? section.getUint32(12, true) : 0
  const farRecall = version >= 5 ? section.getFloat32(16, true) : 0
  const farTopRecall = version >= 5 ? section.getFloat32(20, true) : 0
  const centroids = new Float32Array(block.buffer, section.byteOffset + headBytes, clusterCount * dimension)
  const stored = new Float32Array(block.buffer, centroids.byteOffset + centroids.byteLength, spreadBytes / 4)
  const assignment = new Uint32Array(block.buffer, stored.byteOffset + stored.byteLength, count)
  if (!(probe >= 1 && probe <= clusterCount) || !(recall >= 0 && recall <= 1) || !(floor >= -1 && floor <= 1)) throw corrupt(`has a damaged cluster section (probe ${probe}, recall ${recall}, floor ${floor})`)
  const farRecalls = [farRecall, farTopRecall]
  if (!(farProbe <= clusterCount) || !farRecalls.every((r) => r >= 0 && r <= 1) || (farProbe === 0 && farRecalls.some((r) => r !== 0))) {
    throw corrupt(`has a damaged cluster section (far probe ${farProbe}, far recall ${farRecall} at 100, ${farTopRecall} at 10)`)
  }
  for (let p = 0; p < count; p++) if (assignment[p]! >= clusterCount) throw corrupt(`has a damaged cluster section (vector ${p} in cluster ${assignment[p]} of ${clusterCount})`)
  for (let i = 0; i < centroids.length; i++) if (!Number.isFinite(centroids[i]!)) throw corrupt('has a damaged cluster section (a centroid is not finite)')
  // A variance of a unit vector's values lies within 0–1.
  for (let i = 0; i < stored.length; i++) if (!(stored[i]! >= 0 && stored[i]! <= 1)) throw corrupt(`has a damaged cluster section (spread ${stored[i]} outside 0–1)`)
  const spread = version >= 5 ? stored : clusterSpreadOf(values, scales, assignment, clusterCount, dimension)
  return { dtype, dimension, ids, values, scales, clusters: { centroids, spread, assignment, probe, recall, floor, farProbe, farRecall, farTopRecall } }
}

// The spread of int8 vectors in position order (`clusterSpread`).
function clusterSpreadOf(values: Float32Array | Int8Array, scales: Float32Array, assignment: Uint32Array, count: number, d: number): Float32Array {
  return clusterSpread(assignment, count, d, (p) => values.subarray(p * d, (p + 1) * d) as Int8Array, (p) => scales[p]!)
}

function asBytes(array: Float32Array | Int8Array | Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

// The header's 32-byte checksum of the body (its chunks, in order), as the file's format version writes it (see the
// layout above).
function digest(body: readonly Uint8Array[], version: number): Uint8Array {
  if (version === 1) {
    const sha = createHash('sha256')
    for (const chunk of body) sha.update(chunk)
    return sha.digest()
  }
  const crc = new Crc32()
  for (const chunk of body) crc.update(chunk)
  const field = new Uint8Array(32)
  new DataView(field.buffer).setUint32(0, crc.value, true)
  return field
}

function requireLittleEndian(): void {
  if (!hostIsLittleEndian) {
    throw new SearchError('INTERNAL', 'Vector files are little-endian and this machine is big-endian; it is not supported.')
  }
}

/**
 * The vector file of a build made from the last one's, as chunks: its rows moved to their new positions
 * (`renumber[p]`, −1 for a row gone) and the rows of `added` at positions `addedAt`, under `ids`. Rows are written as
 * they are stored, one view per run of rows consecutive in their file, so the result is the file a build quantising
 * every vector again would write without copying the last one's. With clusters, the kept rows keep theirs and
 * `added.clusters` gives the added rows' (the last build's centroids, probe, recall, floor and far figures are kept);
 * the spread is taken again over the new file's vectors, as a build of them would. Null when a row would land on
 * another passage or a row of the new file would be missing.
 */
export function spliceVectorFile(previous: VectorData, renumber: Int32Array, added: VectorData, addedAt: Uint32Array, ids: readonly string[]): Uint8Array[] | null {
  const { dtype, dimension } = added
  if (previous.dtype !== dtype || previous.dimension !== dimension || renumber.length !== previous.ids.length || addedAt.length !== added.ids.length) {
    throw new RangeError('spliceVectorFile: the vectors do not match.')
  }
  const count = ids.length
  // Where each row of the new file comes from: row r of the last file as r, row a of `added` as −1 − a.
  const missing = -0x80000000
  const source = new Int32Array(count).fill(missing)
  const place = (to: number, from: number) => to < count && source[to] === missing && ((source[to] = from), true)
  for (let r = 0; r < renumber.length; r++) if (renumber[r]! >= 0 && !place(renumber[r]!, r)) return null
  for (let a = 0; a < addedAt.length; a++) if (!place(addedAt[a]!, -1 - a)) return null
  const scales: Uint8Array[] = []
  const values: Uint8Array[] = []
  for (let p = 0; p < count; ) {
    const first = source[p]!
    if (first === missing) return null
    const step = first >= 0 ? 1 : -1
    let end = p + 1
    while (end < count && source[end] === first + (end - p) * step) end++
    const from = first >= 0 ? previous : added
    const row = first >= 0 ? first : -1 - first
    const rows = end - p
    for (let r = 0; r < rows; r++) if (from.ids[row + r] !== ids[p + r]) return null
    values.push(asBytes(from.values.subarray(row * dimension, (row + rows) * dimension)))
    if (dtype === 'int8') scales.push(asBytes(from.scales.subarray(row, row + rows)))
    p = end
  }
  let clusters: VectorClusters | null = null
  if (previous.clusters) {
    const addedClusters = added.clusters?.assignment
    if (!addedClusters || addedClusters.length !== added.ids.length) throw new RangeError('spliceVectorFile: the added vectors have no clusters.')
    const assignment = Uint32Array.from(source, (from) => (from >= 0 ? previous.clusters!.assignment[from]! : addedClusters[-1 - from]!))
    const rowOf = (p: number) => (source[p]! >= 0 ? { of: previous, row: source[p]! } : { of: added, row: -1 - source[p]! })
    const spread = clusterSpread(
      assignment,
      previous.clusters.centroids.length / dimension,
      dimension,
      (p) => {
        const { of, row } = rowOf(p)
        return of.values.subarray(row * dimension, (row + 1) * dimension) as Int8Array
      },
      (p) => {
        const { of, row } = rowOf(p)
        return of.scales[row]!
      },
    )
    clusters = { ...previous.clusters, spread, assignment }
  }
  return vectorFileChunks(dtype, dimension, ids, scales, values, clusters)
}

// The chunks of the file of vectors `ids` whose blocks are given as pieces: a header with the body's checksum, then
// the pieces as they are.
function vectorFileChunks(dtype: VectorDtype, dimension: number, ids: readonly string[], scales: readonly Uint8Array[], values: readonly Uint8Array[], clusters: VectorClusters | null): Uint8Array[] {
  requireLittleEndian()
  const idBytes = Buffer.from(JSON.stringify(ids), 'utf8')
  const body = [...scales, ...values, idBytes]
  const idsEnd = vectorHeaderBytes + body.reduce((sum, chunk) => sum + chunk.length, 0)
  if (clusters) body.push(...clusterSection(clusters, idsEnd))
  const header = Buffer.alloc(vectorHeaderBytes)
  writeHeader(header, dtype, ids.length, dimension, idBytes.length, clusters)
  header.set(digest(body, vectorFormatVersion), 32)
  return [header, ...body]
}
