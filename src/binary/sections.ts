// Index files as named typed-array sections: written as a list of chunks, read back as views over the file's bytes
// (no copy, no parse), so a loaded index is the file itself.
//
// Layout, little-endian:
//   0  8  magic `CTOCIDX` + 0x1A
//   8  4  byte length of the header (u32)
//  12  …  header: UTF-8 JSON { kind, version, meta, sections: [{ name, type, length }] }
//   …     each section in header order, starting on an 8-byte boundary, `length` elements of `type`

import { isAscii } from 'node:buffer'
import { SearchError } from '../errors.js'

export type SectionArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array | Int8Array

/** A byte section given as pieces written one after the other: a file spliced from another's bytes, not copied. */
export type ByteRuns = readonly Uint8Array[]
const isRuns = (array: SectionArray | ByteRuns): array is ByteRuns => Array.isArray(array)

const types = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array, f64: Float64Array, i8: Int8Array }
type TypeName = keyof typeof types

interface SectionEntry {
  name: string
  type: TypeName
  length: number
}

interface Header {
  kind: string
  version: number
  meta: unknown
  sections: SectionEntry[]
}

const MAGIC = Buffer.from('CTOCIDX\x1a', 'latin1')
const ALIGN = 8
const hostIsLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

function typeName(array: SectionArray | ByteRuns): TypeName {
  if (isRuns(array)) return 'u8'
  const name = (Object.keys(types) as TypeName[]).find((t) => array instanceof types[t])
  if (!name) throw new TypeError('binary: unsupported section type')
  return name
}

/**
 * The chunks of a file holding `sections` (in the given order) with `meta` (small, JSON) in its header: hand them
 * to `writeIndex` as they are, so a large index is never copied into one buffer.
 */
export function encodeSections(kind: string, version: number, meta: unknown, sections: Record<string, SectionArray | ByteRuns>): Uint8Array[] {
  requireLittleEndian()
  const entries = Object.entries(sections).map(([name, array]) => ({ name, type: typeName(array), length: isRuns(array) ? chunksLength(array) : array.length }))
  const header = Buffer.from(JSON.stringify({ kind, version, meta, sections: entries } satisfies Header), 'utf8')
  const prefix = Buffer.alloc(12)
  MAGIC.copy(prefix, 0)
  prefix.writeUInt32LE(header.length, 8)
  const chunks: Uint8Array[] = [prefix, header]
  let at = prefix.length + header.length
  for (const array of Object.values(sections)) {
    const pad = (ALIGN - (at % ALIGN)) % ALIGN
    if (pad) chunks.push(new Uint8Array(pad))
    const pieces = isRuns(array) ? array : [new Uint8Array(array.buffer, array.byteOffset, array.byteLength)]
    for (const bytes of pieces) if (bytes.length) chunks.push(bytes)
    at += pad + chunksLength(pieces)
  }
  return chunks
}

/** A file read back: its meta and a view per section. */
export interface DecodedSections {
  meta: unknown
  section<T extends SectionArray>(name: string, type: new (...args: never[]) => T): T
}

/** Where a section of a file lies: its element type, its byte offset in the file and its length in elements. */
export interface SectionSpan {
  type: TypeName
  offset: number
  length: number
}

/** A file's header as `sectionLayout` reads it: its meta, each section's span, and the file's length they imply. */
export interface SectionLayout {
  meta: unknown
  sections: Map<string, SectionSpan>
  fileLength: number
}

/** How many bytes of a file `sectionLayout` needs: the fixed prefix, then the header whose length it gives. */
export const SECTION_PREFIX_BYTES = 12
export function headerBytes(prefix: Uint8Array): number {
  return SECTION_PREFIX_BYTES + new DataView(prefix.buffer, prefix.byteOffset, SECTION_PREFIX_BYTES).getUint32(8, true)
}

/**
 * The layout of a file `encodeSections` wrote, from its first bytes (at least `headerBytes` of them), so that a
 * reader of a large file can read only the sections it needs. Throws INDEX_CORRUPT, naming `source`, as
 * `decodeSections` does.
 */
export function sectionLayout(head: Uint8Array, kind: string, version: number, source: string): SectionLayout {
  const corrupt = (why: string) => new SearchError('INDEX_CORRUPT', `The index file ${source} ${why}: rebuild with \`npm run index\`.`)
  requireLittleEndian()
  if (head.length < SECTION_PREFIX_BYTES || !MAGIC.equals(head.subarray(0, 8))) throw corrupt('is not an index file of this program (wrong magic bytes)')
  const headerEnd = headerBytes(head)
  if (headerEnd > head.length) throw corrupt('is truncated (its header runs past its end)')
  let header: Header
  try {
    header = JSON.parse(Buffer.from(head.buffer, head.byteOffset + SECTION_PREFIX_BYTES, headerEnd - SECTION_PREFIX_BYTES).toString('utf8')) as Header
  } catch {
    throw corrupt('has an unreadable header')
  }
  if (header.kind !== kind) throw corrupt(`holds ${String(header.kind)}, not ${kind}`)
  if (header.version !== version) throw corrupt(`is in version ${String(header.version)} of its format, and this program reads version ${version}`)
  if (!Array.isArray(header.sections)) throw corrupt('lists no sections')
  const sections = new Map<string, SectionSpan>()
  let at = headerEnd
  for (const entry of header.sections) {
    const Type = types[entry.type]
    if (!Type || !Number.isInteger(entry.length) || entry.length < 0) throw corrupt(`has a malformed section ${String(entry.name)}`)
    at += (ALIGN - (at % ALIGN)) % ALIGN
    sections.set(entry.name, { type: entry.type, offset: at, length: entry.length })
    at += entry.length * Type.BYTES_PER_ELEMENT
  }
  return { meta: header.meta, sections, fileLength: at }
}

/**
 * Reads what `encodeSections` wrote, as views over `file` (copied only where a section is not aligned, which a file
 * read whole never is). Throws INDEX_CORRUPT, naming `source`, on another kind or version or on damaged structure.
 */
export function decodeSections(file: Uint8Array, kind: string, version: number, source: string): DecodedSections {
  const corrupt = (why: string) => new SearchError('INDEX_CORRUPT', `The index file ${source} ${why}: rebuild with \`npm run index\`.`)
  const layout = sectionLayout(file, kind, version, source)
  const views = new Map<string, SectionArray>()
  for (const [name, { type, offset, length }] of layout.sections) {
    const Type = types[type]
    const bytes = length * Type.BYTES_PER_ELEMENT
    if (offset + bytes > file.length) throw corrupt(`is truncated (section ${name} runs past its end)`)
    const aligned = (file.byteOffset + offset) % Type.BYTES_PER_ELEMENT === 0
    views.set(name, aligned ? new Type(file.buffer as ArrayBuffer, file.byteOffset + offset, length) : new Type(new Uint8Array(file.subarray(offset, offset + bytes)).buffer as ArrayBuffer))
  }
  if (layout.fileLength !== file.length) throw corrupt(`has ${file.length - layout.fileLength} unexpected bytes at its end`)
  return {
    meta: layout.meta,
    section<T extends SectionArray>(name: string, type: new (...args: never[]) => T): T {
      const view = views.get(name)
      if (!(view instanceof type)) throw corrupt(`has no section ${name} of the expected type`)
      return view
    },
  }
}

/** The byte length of what `encodeSections` returned. */
export const chunksLength = (chunks: readonly Uint8Array[]): number => chunks.reduce((sum, chunk) => sum + chunk.length, 0)

/** Strings as one UTF-8 blob and their end offsets: how a file stores a list of words, ids or labels. */
export function encodeStrings(strings: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  let characters = 0
  for (const s of strings) characters += s.length
  if (characters > JOINED_AT_MOST) return writeEach(strings)
  // One encoding of the joined strings (a buffer per string cost a third of the corpus's encoding); each string's
  // bytes are its own unless a lone surrogate at one's end pairs with one at the next's start, which changes the total.
  const joined = strings.join('')
  const bytes = Buffer.from(joined, 'utf8')
  const ends = new Uint32Array(strings.length)
  const ascii = bytes.length === joined.length
  let length = 0
  for (let i = 0; i < strings.length; i++) {
    length += ascii ? strings[i]!.length : Buffer.byteLength(strings[i]!, 'utf8')
    ends[i] = length
  }
  if (length === bytes.length) return { bytes, ends }
  return writeEach(strings)
}

/**
 * Past this many characters a table is not joined first: the joined copy, two bytes a character once one is past
 * Latin-1, was the largest transient of `corpus.bin` (75 MB for the passages' texts at 100k). Below it, one join
 * and one encoding cost less than a call per string.
 */
const JOINED_AT_MOST = 1 << 22

// Each string encoded on its own, into one buffer of the exact size.
function writeEach(strings: readonly string[]): { bytes: Uint8Array; ends: Uint32Array } {
  const ends = new Uint32Array(strings.length)
  let length = 0
  for (let i = 0; i < strings.length; i++) ends[i] = length += Buffer.byteLength(strings[i]!, 'utf8')
  const bytes = Buffer.allocUnsafeSlow(length)
  for (let i = 0, at = 0; i < strings.length; i++) at += bytes.write(strings[i]!, at, 'utf8')
  return { bytes, ends }
}

/** The strings `encodeStrings` stored. */
export function decodeStrings(bytes: Uint8Array, ends: Uint32Array): string[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const strings = new Array<string>(ends.length)
  let start = 0
  if (isAscii(bytes)) {
    // Ids and paragraph numbers: one decoding of the whole table, then slices (a decoding per string costs a call each).
    const whole = text.toString('latin1')
    for (let i = 0; i < ends.length; i++) {
      strings[i] = whole.slice(start, ends[i])
      start = ends[i]!
    }
    return strings
  }
  for (let i = 0; i < ends.length; i++) {
    strings[i] = text.toString('utf8', start, ends[i])
    start = ends[i]!
  }
  return strings
}

function requireLittleEndian(): void {
  if (!hostIsLittleEndian) throw new SearchError('INTERNAL', 'Index files are little-endian and this machine is big-endian; it is not supported.')
}
