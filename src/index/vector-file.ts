// The on-disk form of the vector index: a 64-byte header, the vectors in one block, the ids as JSON.

import { createHash } from 'node:crypto'
import { Crc32 } from '../binary/checksum.js'
import { SearchError } from '../errors.js'

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
 *  28  4  reserved, 0
 *  32 32  checksum of everything after the header: version 2, its CRC-32 (u32) then 28 zero bytes; version 1 (still
 *         read), its SHA-256
 *  64     float32: count × dimension float32 values
 *         int8:    count float32 scales, then count × dimension int8 codes
 *   …     ids: UTF-8 JSON array of strings, in vector order
 *
 * Scales come before codes so that every float32 block starts on a 4-byte boundary and can be read in place.
 */
export const vectorFormatVersion = 2
/** Versions this program reads: 1 differs from 2 only by its checksum. */
const readableVersions = [1, 2]
export const vectorHeaderBytes = 64
const magic = Uint8Array.of(0x43, 0x54, 0x4f, 0x43, 0x56, 0x45, 0x43, 0x1a)
const dtypeCodes: Record<VectorDtype, number> = { float32: 1, int8: 2 }

const hostIsLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

export function encodeVectors(data: VectorData): Buffer {
  const { dtype, dimension, ids } = data
  const file = emptyVectorFile(dtype, dimension, ids)
  if (dtype === 'int8') file.scales.set(data.scales.subarray(0, ids.length))
  file.values.set(data.values.subarray(0, ids.length * dimension))
  return file.finish()
}

// The file of vectors `ids` laid out with its blocks left to fill (views into the file), and `finish` to write its
// header and checksum once they are: a build fills it in place instead of making the blocks and copying them in.
function emptyVectorFile(dtype: VectorDtype, dimension: number, ids: readonly string[]): { scales: Float32Array; values: Float32Array | Int8Array; finish(): Buffer } {
  requireLittleEndian()
  const count = ids.length
  const idBytes = Buffer.from(JSON.stringify(ids), 'utf8')
  const scaleBytes = dtype === 'int8' ? count * 4 : 0
  const valueBytes = count * dimension * (dtype === 'int8' ? 1 : 4)
  // Its own buffer (not the shared pool), so the blocks after the 64-byte header are 4-byte aligned.
  const file = Buffer.from(new ArrayBuffer(vectorHeaderBytes + scaleBytes + valueBytes + idBytes.length))
  const scales = new Float32Array(file.buffer, vectorHeaderBytes, dtype === 'int8' ? count : 0)
  const values = dtype === 'int8' ? new Int8Array(file.buffer, vectorHeaderBytes + scaleBytes, count * dimension) : new Float32Array(file.buffer, vectorHeaderBytes, count * dimension)
  const finish = () => {
    file.set(idBytes, vectorHeaderBytes + scaleBytes + valueBytes)
    file.set(magic, 0)
    file.writeUInt32LE(vectorFormatVersion, 8)
    file.writeUInt32LE(dtypeCodes[dtype], 12)
    file.writeUInt32LE(count, 16)
    file.writeUInt32LE(dimension, 20)
    file.writeUInt32LE(idBytes.length, 24)
    file.set(digest(file.subarray(vectorHeaderBytes), vectorFormatVersion), 32)
    return file
  }
  return { scales, values, finish }
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
  if (dimension === 0) throw corrupt('has dimension 0')

  const scaleBytes = dtype === 'int8' ? count * 4 : 0
  const valueBytes = count * dimension * (dtype === 'int8' ? 1 : 4)
  const expected = vectorHeaderBytes + scaleBytes + valueBytes + idLength
  if (file.length < expected) throw corrupt(`is truncated (${file.length} of ${expected} bytes)`)
  if (file.length > expected) throw corrupt(`has ${file.length - expected} unexpected bytes at the end`)
  const body = file.subarray(vectorHeaderBytes)
  if (!options.checked && !Buffer.from(digest(body, version)).equals(file.subarray(32, 64))) throw corrupt('is damaged (checksum mismatch)')

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
  return { dtype, dimension, ids, values, scales }
}

function asBytes(array: Float32Array | Int8Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

// The header's 32-byte checksum of the body, as the file's format version writes it (see the layout above).
function digest(bytes: Uint8Array, version: number): Uint8Array {
  if (version === 1) return createHash('sha256').update(bytes).digest()
  const field = new Uint8Array(32)
  new DataView(field.buffer).setUint32(0, new Crc32().update(bytes).value, true)
  return field
}

function requireLittleEndian(): void {
  if (!hostIsLittleEndian) {
    throw new SearchError('INTERNAL', 'Vector files are little-endian and this machine is big-endian; it is not supported.')
  }
}

/**
 * The vector file of a build made from the last one's: its rows moved to their new positions (`renumber[p]`, −1 for a
 * row gone) and the rows of `added` at positions `addedAt`, under `ids`. Rows are copied as they are stored, in runs
 * of consecutive rows, straight into the file, so the result is the file a build quantising every vector again would
 * write. Null when a row would land on another passage.
 */
export function spliceVectorFile(previous: VectorData, renumber: Int32Array, added: VectorData, addedAt: Uint32Array, ids: readonly string[]): Buffer | null {
  const { dtype, dimension } = added
  if (previous.dtype !== dtype || previous.dimension !== dimension || renumber.length !== previous.ids.length || addedAt.length !== added.ids.length) {
    throw new RangeError('spliceVectorFile: the vectors do not match.')
  }
  const file = emptyVectorFile(dtype, dimension, ids)
  // Rows `from.ids` placed at `to(row)` (−1: dropped), each run of rows going to consecutive places copied at once.
  const place = (from: VectorData, rows: number, to: (row: number) => number): boolean => {
    for (let row = 0; row < rows; ) {
      const at = to(row)
      let end = row + 1
      if (at < 0) {
        row = end
        continue
      }
      while (end < rows && to(end) === at + end - row) end++
      for (let r = row; r < end; r++) if (from.ids[r] !== ids[at + r - row]) return false
      file.values.set(from.values.subarray(row * dimension, end * dimension), at * dimension)
      if (dtype === 'int8') file.scales.set(from.scales.subarray(row, end), at)
      row = end
    }
    return true
  }
  if (!place(previous, renumber.length, (row) => renumber[row]!) || !place(added, addedAt.length, (row) => addedAt[row]!)) return null
  return file.finish()
}
