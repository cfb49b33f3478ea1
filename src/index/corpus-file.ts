// The corpus as an index file: every passage's text in one UTF-8 blob, the rest of a passage in columns, documents
// and skipped files in the header. Read back once at start into the engine's passages; the file is then let go.

import { Crc32 } from '../binary/checksum.js'
import { decodeSections, decodeStrings, encodeSections, encodeStrings, type ByteRuns } from '../binary/sections.js'
import { SearchError } from '../errors.js'
import type { DocumentMeta, Passage, PassageKind, PassageNote } from '../types.js'

/** The corpus an index was built from: what `corpus.bin` holds. */
export interface CorpusFile {
  documents: DocumentMeta[]
  passages: Passage[]
  problems: Array<{ file: string; message: string }>
}

/** Bumped whenever the layout of `corpus.bin` changes. */
export const CORPUS_FILE_VERSION = 1

export const KINDS: readonly PassageKind[] = ['recommendation', 'deliberation', 'narrative']
// The fields stored in columns; any other field a passage carries (pages, notes, …) is kept as JSON beside it.
const COLUMNS = new Set(['id', 'docId', 'file', 'paragraph', 'section', 'start', 'end', 'text', 'kind', 'order'])

export interface CorpusMeta {
  documents: DocumentMeta[]
  problems: CorpusFile['problems']
  /** Distinct section paths; each passage names one by number. */
  sections: string[][]
}

/** The chunks of `corpus.bin`. Passages must be grouped by document, documents in the order listed. */
export function encodeCorpus(corpus: CorpusFile): Uint8Array[] {
  const { documents, passages, problems } = corpus
  const documentIndex = new Map(documents.map((d, i) => [d.id, i]))
  const sectionIndex = new Map<string, number>()
  // Passages of one document mostly share their section path's array: it is looked up by identity first.
  const sectionOf = new Map<readonly string[], number>()
  const sections: string[][] = []
  const count = passages.length
  const columns = emptyColumns(count)
  const extras = new Array<string>(count)
  let lastDocId: string | undefined
  let document = -1
  for (let i = 0; i < count; i++) {
    const passage = passages[i]!
    if (passage.docId !== lastDocId) {
      const found = documentIndex.get(passage.docId)
      if (found === undefined) throw new SearchError('INDEX_BUILD_FAILED', `Passage ${passage.id} names an unknown document ${passage.docId}.`)
      document = found
      lastDocId = passage.docId
    }
    let section = sectionOf.get(passage.section)
    if (section === undefined) {
      const key = JSON.stringify(passage.section)
      section = sectionIndex.get(key)
      if (section === undefined) {
        sectionIndex.set(key, (section = sections.length))
        sections.push(passage.section)
      }
      sectionOf.set(passage.section, section)
    }
    columns.document[i] = document
    columns.section[i] = section
    columns.start[i] = passage.start
    columns.end[i] = passage.end
    columns.order[i] = passage.order
    columns.kind[i] = KINDS.indexOf(passage.kind)
    extras[i] = extraOf(passage)
  }
  return corpusChunks({ documents, problems, sections }, {
    text: encodeStrings(passages.map((p) => p.text)),
    ids: encodeStrings(passages.map((p) => p.id)),
    paragraphs: encodeStrings(passages.map((p) => p.paragraph)),
    extras: encodeStrings(extras),
  }, columns)
}

/** A string table of `corpus.bin`: the strings' UTF-8 bytes one after the other, and where each ends. */
export interface StringTable {
  bytes: Uint8Array
  ends: Uint32Array
}

/** A string table to write whose bytes are pieces of other tables' (see `spliceCorpus`). */
export interface StringRuns {
  bytes: ByteRuns
  ends: Uint32Array
}

/** The per-passage columns of `corpus.bin`. */
export interface CorpusColumns {
  document: Uint32Array
  section: Uint32Array
  start: Uint32Array
  end: Uint32Array
  order: Uint32Array
  kind: Uint8Array
}

/** The columns of `count` passages, zeroed. */
export function emptyColumns(count: number): CorpusColumns {
  return {
    document: new Uint32Array(count),
    section: new Uint32Array(count),
    start: new Uint32Array(count),
    end: new Uint32Array(count),
    order: new Uint32Array(count),
    kind: new Uint8Array(count),
  }
}

/** The chunks of `corpus.bin` from its parts, in the one order its sections are written in. */
export function corpusChunks(meta: CorpusMeta, tables: Record<'text' | 'ids' | 'paragraphs' | 'extras', StringTable | StringRuns>, columns: CorpusColumns): Uint8Array[] {
  const { text, ids, paragraphs, extras } = tables
  return encodeSections('corpus', CORPUS_FILE_VERSION, meta, {
    text: text.bytes,
    textEnds: text.ends,
    ids: ids.bytes,
    idEnds: ids.ends,
    paragraphs: paragraphs.bytes,
    paragraphEnds: paragraphs.ends,
    extras: extras.bytes,
    extraEnds: extras.ends,
    document: columns.document,
    section: columns.section,
    start: columns.start,
    end: columns.end,
    order: columns.order,
    kind: columns.kind,
  })
}

/** The fields of a passage outside the columns (pages, notes, …) as JSON, or '' when it has none. */
export function extraOf(passage: Passage): string {
  let extra: Record<string, unknown> | undefined
  for (const field in passage) {
    if (!Object.hasOwn(passage, field) || COLUMNS.has(field)) continue
    ;(extra ??= {})[field] = passage[field as keyof Passage]
  }
  return extra ? JSON.stringify(extra) : ''
}

/** How `decodeCorpus` reads. */
export interface DecodeOptions {
  /**
   * Decode a passage's text when it is first read, not all at once: a build takes the last build's passages over but
   * reads few of their texts (decoding the 100k texts of the 100k corpus costs 0.2 s of CPU and 75 MB of heap).
   * Defaults to false.
   */
  lazyTexts?: boolean
}

/** Reads `corpus.bin` into documents and passages. Throws INDEX_CORRUPT when it does not hold together. */
export function decodeCorpus(file: Uint8Array, options: DecodeOptions = {}): CorpusFile {
  const stored = decodeSections(file, 'corpus', CORPUS_FILE_VERSION, 'corpus.bin')
  const corrupt = (why: string, cause?: unknown) => new SearchError('INDEX_CORRUPT', `The index file corpus.bin ${why}: rebuild with \`npm run index\`.`, { cause })
  const meta = stored.meta as Partial<CorpusMeta> | null
  if (!meta || !Array.isArray(meta.documents) || !Array.isArray(meta.problems) || !Array.isArray(meta.sections)) throw corrupt('has a malformed header')
  const { documents, sections } = meta
  try {
    const textTable = { bytes: stored.section('text', Uint8Array), ends: stored.section('textEnds', Uint32Array) }
    const texts = options.lazyTexts ? null : decodeStrings(textTable.bytes, textTable.ends)
    const ids = decodeStrings(stored.section('ids', Uint8Array), stored.section('idEnds', Uint32Array))
    const paragraphs = decodeStrings(stored.section('paragraphs', Uint8Array), stored.section('paragraphEnds', Uint32Array))
    const extras = decodeStrings(stored.section('extras', Uint8Array), stored.section('extraEnds', Uint32Array))
    const document = stored.section('document', Uint32Array)
    const section = stored.section('section', Uint32Array)
    const start = stored.section('start', Uint32Array)
    const end = stored.section('end', Uint32Array)
    const order = stored.section('order', Uint32Array)
    const kind = stored.section('kind', Uint8Array)
    const count = textTable.ends.length
    if ([ids, paragraphs, extras, document, section, start, end, order, kind].some((column) => column.length !== count)) throw corrupt('has columns of different lengths')
    if ((textTable.ends[count - 1] ?? 0) > textTable.bytes.length) throw corrupt('has a text table running past its end')
    const passages = new Array<Passage>(count)
    for (let i = 0; i < count; i++) {
      const owner = documents[document[i]!]
      const path = sections[section[i]!]
      const passageKind = KINDS[kind[i]!]
      if (!owner || !path || !passageKind) throw corrupt(`has a passage (${ids[i]}) pointing outside its tables`)
      if (!texts) {
        passages[i] = new StoredPassage(ids[i]!, owner, paragraphs[i]!, path, start[i]!, end[i]!, passageKind, order[i]!, textTable, i)
        if (extras[i]) Object.assign(passages[i]!, JSON.parse(extras[i]!) as object)
        continue
      }
      passages[i] = {
        id: ids[i]!,
        docId: owner.id,
        file: owner.file,
        paragraph: paragraphs[i]!,
        section: path,
        start: start[i]!,
        end: end[i]!,
        text: texts[i]!,
        kind: passageKind,
        order: order[i]!,
        ...(extras[i] ? (JSON.parse(extras[i]!) as object) : {}),
      }
    }
    return { documents, passages, problems: meta.problems }
  } catch (error) {
    if (error instanceof SearchError) throw error
    throw corrupt('is damaged', error)
  }
}

/** The documents `corpus.bin` lists, read from its header alone. Throws INDEX_CORRUPT as `decodeCorpus`. */
export function corpusDocuments(file: Uint8Array): CorpusFile['documents'] {
  const meta = decodeSections(file, 'corpus', CORPUS_FILE_VERSION, 'corpus.bin').meta as Partial<CorpusMeta> | null
  if (!meta || !Array.isArray(meta.documents)) throw new SearchError('INDEX_CORRUPT', 'The index file corpus.bin has a malformed header: rebuild with `npm run index`.')
  return meta.documents
}

/** The passages' texts of `corpus.bin`, as its table (views over `file`). Throws INDEX_CORRUPT as `decodeCorpus`. */
export function corpusTexts(file: Uint8Array): StringTable {
  const stored = decodeSections(file, 'corpus', CORPUS_FILE_VERSION, 'corpus.bin')
  return { bytes: stored.section('text', Uint8Array), ends: stored.section('textEnds', Uint32Array) }
}

/**
 * How many distinct strings the entries `rows` of `table` hold: what `new Set(their strings).size` counts, without
 * decoding or hashing them as strings (their bytes are equal when they are: 0.03 s against 0.25 s at 100k texts).
 */
export function distinctStrings(table: StringTable, rows: Iterable<number>): number {
  const bytes = Buffer.from(table.bytes.buffer, table.bytes.byteOffset, table.bytes.byteLength)
  const entry = (row: number) => bytes.subarray(row === 0 ? 0 : table.ends[row - 1], table.ends[row])
  // Each checksum met so far → the rows of the distinct strings having it.
  const seen = new Map<number, number[]>()
  let distinct = 0
  for (const row of rows) {
    const value = entry(row)
    const sum = new Crc32().update(value).value
    const same = seen.get(sum)
    if (same?.some((other) => entry(other).equals(value))) continue
    if (same) same.push(row)
    else seen.set(sum, [row])
    distinct++
  }
  return distinct
}

// A passage read with `lazyTexts`: its text decoded from the file's table when first read, and kept. Its own fields
// are those of a passage `decodeCorpus` makes, in the same order, less `text` (the table is held privately).
class StoredPassage implements Passage {
  readonly id: string
  readonly docId: string
  readonly file: string
  readonly paragraph: string
  readonly section: string[]
  readonly start: number
  readonly end: number
  readonly kind: PassageKind
  readonly order: number
  declare pages?: number[]
  declare notes?: PassageNote[]
  readonly #texts: StringTable
  readonly #index: number
  #text: string | undefined

  constructor(id: string, owner: DocumentMeta, paragraph: string, section: string[], start: number, end: number, kind: PassageKind, order: number, texts: StringTable, index: number) {
    this.id = id
    this.docId = owner.id
    this.file = owner.file
    this.paragraph = paragraph
    this.section = section
    this.start = start
    this.end = end
    this.kind = kind
    this.order = order
    this.#texts = texts
    this.#index = index
  }

  get text(): string {
    if (this.#text === undefined) {
      const { bytes, ends } = this.#texts
      const i = this.#index
      this.#text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8', i === 0 ? 0 : ends[i - 1], ends[i])
    }
    return this.#text
  }
}
