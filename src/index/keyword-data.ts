// The keyword index's data: per-field postings of stems (for BM25) and positional postings of words (for phrases
// and exclusions), all in typed arrays; and their binary file, read back as views without a second copy.

import { SearchError } from '../errors.js'

/** The postings of one field (`text`, `section`): for each stem, the passages holding it and how often. */
export interface FieldPostings {
  /** Per passage: distinct stems in the field (MiniSearch's field length). */
  lengths: Uint32Array
  /** Mean of `lengths`, accumulated in passage order exactly as MiniSearch does. */
  averageLength: number
  /** Stem id → start of its postings in `docs`/`tfs`; one more entry than stems. */
  offsets: Uint32Array
  /** Passage numbers, ascending within each stem. */
  docs: Uint32Array
  /** Occurrences of the stem in the field of that passage. */
  tfs: Uint16Array | Uint32Array
  /** Stem id → its best BM25+ score in this field over all passages (the bound that lets top-k stop early). */
  maxScore: Float64Array
}

/** Positional postings of folded words, stop words included: what an exact phrase is checked against. */
export interface WordPostings {
  /** Word id → start of its passages in `docs`; one more entry than words. */
  offsets: Uint32Array
  docs: Uint32Array
  /** Posting (word, passage) → start of its positions in `positions`; one more entry than postings. */
  positionOffsets: Uint32Array
  /** Token positions in the passage text, ascending within a posting. */
  positions: Uint16Array | Uint32Array
}

export interface KeywordData {
  /** Passage number → passage id, in the order the passages were given. */
  ids: string[]
  /** Passage number → rank of its id in string order: ties in score are broken by id. */
  idOrder: Uint32Array
  /** Stem id → stem, in order of first occurrence (the order MiniSearch would insert them in). */
  terms: string[]
  /** `text` then `section`. */
  fields: [FieldPostings, FieldPostings]
  /** Word id → folded word. */
  words: string[]
  /**
   * Word id → term id of the word's stem, or `NO_STEM` when that stem is no index term (a stop word's, mostly): where
   * a query's stems sit in a passage is read from its words' positions without stemming the vocabulary at query time.
   */
  wordStems: Uint32Array
  wordPostings: WordPostings
}

/** `KeywordData.wordStems` of a word whose stem is no index term. */
export const NO_STEM = 0xffffffff

/** Bumped whenever the layout below changes; a file of another version is refused. */
export const KEYWORD_FORMAT_VERSION = 2
const MAGIC = 'CTOCKWD\n'

type Typed = Uint16Array | Uint32Array | Float64Array
const kinds = { u16: Uint16Array, u32: Uint32Array, f64: Float64Array } as const
type KindName = keyof typeof kinds
const kindOf = (array: Typed): KindName => (array instanceof Uint16Array ? 'u16' : array instanceof Uint32Array ? 'u32' : 'f64')

interface Header {
  version: number
  averageLengths: [number, number]
  strings: Record<'ids' | 'terms' | 'words', { offset: number; bytes: number; count: number }>
  arrays: Record<string, { kind: KindName; offset: number; length: number }>
}

function arraysOf(data: KeywordData): Record<string, Typed> {
  const [text, section] = data.fields
  const w = data.wordPostings
  return {
    idOrder: data.idOrder,
    textLengths: text.lengths, textOffsets: text.offsets, textDocs: text.docs, textTfs: text.tfs, textMax: text.maxScore,
    sectionLengths: section.lengths, sectionOffsets: section.offsets, sectionDocs: section.docs, sectionTfs: section.tfs, sectionMax: section.maxScore,
    wordOffsets: w.offsets, wordDocs: w.docs, wordPositionOffsets: w.positionOffsets, wordPositions: w.positions,
    wordStems: data.wordStems,
  }
}

const align8 = (n: number) => (n + 7) & ~7

/** The binary file: magic, header length, JSON header, then strings and 8-byte-aligned typed arrays. */
export function encodeKeywordData(data: KeywordData): Buffer {
  return Buffer.concat(keywordFileChunks(data))
}

/**
 * The bytes of `encodeKeywordData` as chunks written one after the other: the typed arrays as they are, zero padding
 * between them, so a build writes its file without copying its 78 MB (at 100k) into one buffer first.
 */
export function keywordFileChunks(data: KeywordData): Uint8Array[] {
  const strings = { ids: data.ids, terms: data.terms, words: data.words }
  const blobs = Object.fromEntries(Object.entries(strings).map(([name, list]) => [name, Buffer.from(list.join('\n'), 'utf8')])) as Record<keyof typeof strings, Buffer>
  const arrays = arraysOf(data)
  const header: Header = { version: KEYWORD_FORMAT_VERSION, averageLengths: [data.fields[0].averageLength, data.fields[1].averageLength], strings: {} as Header['strings'], arrays: {} }
  const body: Uint8Array[] = []
  let offset = 0
  const append = (bytes: Uint8Array) => {
    if (bytes.length > 0) body.push(bytes)
    const end = offset + bytes.length
    if (align8(end) > end) body.push(new Uint8Array(align8(end) - end))
    offset = align8(end)
  }
  for (const name of ['ids', 'terms', 'words'] as const) {
    header.strings[name] = { offset, bytes: blobs[name].length, count: strings[name].length }
    append(blobs[name])
  }
  for (const [name, array] of Object.entries(arrays)) {
    header.arrays[name] = { kind: kindOf(array), offset, length: array.length }
    append(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
  }
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8')
  const head = Buffer.alloc(align8(MAGIC.length + 4 + headerBytes.length))
  head.write(MAGIC, 0, 'latin1')
  head.writeUInt32LE(headerBytes.length, MAGIC.length)
  headerBytes.copy(head, MAGIC.length + 4)
  return [head, ...body]
}

const corrupt = (why: string, cause?: unknown) =>
  new SearchError('INDEX_CORRUPT', `The keyword index file is unreadable (${why}): run \`npm run index\` to rebuild it.`, cause ? { cause } : undefined)

/** Reads the file back; the typed arrays are views into `bytes` (copied once only if it is not 8-byte aligned). */
export function decodeKeywordData(bytes: Uint8Array): KeywordData {
  if (bytes.length < MAGIC.length + 4 || Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') !== MAGIC) throw corrupt('not a keyword index')
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : new Uint8Array(bytes)
  const view = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
  const headerLength = view.readUInt32LE(MAGIC.length)
  let header: Header
  try {
    header = JSON.parse(view.toString('utf8', MAGIC.length + 4, MAGIC.length + 4 + headerLength)) as Header
  } catch (cause) {
    throw corrupt('damaged header', cause)
  }
  if (header.version !== KEYWORD_FORMAT_VERSION) throw corrupt(`format ${String(header.version)}, this program reads ${KEYWORD_FORMAT_VERSION}`)
  const start = align8(MAGIC.length + 4 + headerLength)
  const strings = (name: 'ids' | 'terms' | 'words'): string[] => {
    const { offset, bytes: length, count } = header.strings[name]
    if (start + offset + length > view.length) throw corrupt(`${name} past the end`)
    const list = count === 0 ? [] : view.toString('utf8', start + offset, start + offset + length).split('\n')
    if (list.length !== count) throw corrupt(`${name}: ${list.length} of ${count}`)
    return list
  }
  const array = <K extends KindName>(name: string, kind?: K): InstanceType<(typeof kinds)[K]> => {
    const entry = header.arrays[name]
    if (!entry || (kind && entry.kind !== kind)) throw corrupt(`array ${name} missing`)
    const Kind = kinds[entry.kind]
    const byteStart = buffer.byteOffset + start + entry.offset
    if (start + entry.offset + entry.length * Kind.BYTES_PER_ELEMENT > buffer.byteLength) throw corrupt(`array ${name} past the end`)
    return new Kind(buffer.buffer as ArrayBuffer, byteStart, entry.length) as InstanceType<(typeof kinds)[K]>
  }
  const field = (prefix: 'text' | 'section', averageLength: number): FieldPostings => ({
    lengths: array(`${prefix}Lengths`, 'u32'),
    averageLength,
    offsets: array(`${prefix}Offsets`, 'u32'),
    docs: array(`${prefix}Docs`, 'u32'),
    tfs: array(`${prefix}Tfs`) as Uint16Array | Uint32Array,
    maxScore: array(`${prefix}Max`, 'f64'),
  })
  const data: KeywordData = {
    ids: strings('ids'),
    idOrder: array('idOrder', 'u32'),
    terms: strings('terms'),
    fields: [field('text', header.averageLengths[0]), field('section', header.averageLengths[1])],
    words: strings('words'),
    wordStems: array('wordStems', 'u32'),
    wordPostings: {
      offsets: array('wordOffsets', 'u32'),
      docs: array('wordDocs', 'u32'),
      positionOffsets: array('wordPositionOffsets', 'u32'),
      positions: array('wordPositions') as Uint16Array | Uint32Array,
    },
  }
  checkShape(data)
  return data
}

// Cheap consistency checks, so a damaged file is refused at load rather than read out of bounds at query time.
function checkShape(data: KeywordData): void {
  const n = data.ids.length
  if (data.idOrder.length !== n) throw corrupt('id order')
  for (const f of data.fields) {
    if (f.lengths.length !== n || f.offsets.length !== data.terms.length + 1 || f.maxScore.length !== data.terms.length) throw corrupt('field shape')
    if (f.offsets[f.offsets.length - 1] !== f.docs.length || f.docs.length !== f.tfs.length) throw corrupt('field postings')
  }
  if (data.wordStems.length !== data.words.length) throw corrupt('word stems')
  const w = data.wordPostings
  if (w.offsets.length !== data.words.length + 1 || w.offsets[w.offsets.length - 1] !== w.docs.length) throw corrupt('word postings')
  if (w.positionOffsets.length !== w.docs.length + 1 || w.positionOffsets[w.positionOffsets.length - 1] !== w.positions.length) throw corrupt('positions')
}
