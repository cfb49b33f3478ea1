// The build's document cache: each document's parse and analysis kept between builds under a key of everything
// they depend on — the file (path, format, content, catalogue entry: the key `loadCorpus` gives) and the code that
// parses and analyses it — so a build parses and analyses only the documents that changed. One file a document.

import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decodeSections, decodeStrings, encodeSections, encodeStrings, type SectionArray } from '../binary/sections.js'
import type { ParsedCache, ParsedDocument } from '../ingest/load.js'
import type { DocumentAnalysis } from './analysis.js'
import { decodeCorpus, encodeCorpus } from './corpus-file.js'
import { writeFileAtomically } from './store.js'

/** Bumped whenever the layout of a cache file changes. */
const DOCUMENT_CACHE_VERSION = 1
const SOURCE = dirname(dirname(fileURLToPath(import.meta.url)))
// The code a cached parse and analysis depend on: when any of it changes, every entry is stale. The build state's
// gram postings depend on how grams are cut and laid out (src/semantic/ngram*.ts, impact-cap.ts).
const CODE = ['ingest', 'text', 'variants', 'binary', 'index/analysis', 'index/corpus-file', ...['ngram', 'ngram-cut', 'ngram-grams', 'ngram-postings', 'ngram-splice', 'ngram-state', 'impact-cap'].map((file) => `semantic/${file}`)]

/** Where a build got a document from: the last build, a cache entry, or a parse of the file now. */
export type DocumentSource = 'previous' | 'cached' | 'parsed'

export class DocumentCache implements ParsedCache {
  private readonly analyses = new Map<string, DocumentAnalysis>()
  private readonly previous = new Map<string, ParsedDocument>()
  private readonly keys = new Map<string, string>()
  private readonly sources = new Map<string, DocumentSource>()
  private readonly fresh = new Set<string>()

  private constructor(
    private readonly dir: string,
    /** The fingerprint of the code cached parses and analyses depend on. */
    readonly code: string,
  ) {}

  /** The cache in `dir` (created when first written). */
  static async open(dir: string): Promise<DocumentCache> {
    return new DocumentCache(dir, await codeFingerprint())
  }

  /** Offers a document of the last build under its key: recalled from there, without reading its entry. */
  remember(key: string, parsed: ParsedDocument): void {
    this.previous.set(key, parsed)
  }

  /** The parse stored under `key`, or undefined when there is none or it is unreadable (then it is parsed again). */
  async get(key: string): Promise<ParsedDocument | undefined> {
    const previous = this.previous.get(key)
    if (previous) {
      this.note(key, previous, 'previous')
      return previous
    }
    let file: Buffer
    try {
      file = await readFile(this.pathOf(key))
    } catch {
      return undefined
    }
    try {
      const { parsed, analysis } = decodeEntry(file)
      this.analyses.set(key, analysis)
      this.note(key, parsed, 'cached')
      return parsed
    } catch {
      return undefined
    }
  }

  set(key: string, parsed: ParsedDocument): void {
    this.note(key, parsed, 'parsed')
    this.fresh.add(key)
  }

  /** The key a document of this build was found under. */
  keyOf(documentId: string): string {
    const key = this.keys.get(documentId)
    if (key === undefined) throw new RangeError(`DocumentCache: no key for document ${documentId}.`)
    return key
  }

  sourceOf(documentId: string): DocumentSource {
    return this.sources.get(documentId) ?? 'parsed'
  }

  private note(key: string, parsed: ParsedDocument, source: DocumentSource): void {
    this.keys.set(parsed.document.id, key)
    this.sources.set(parsed.document.id, source)
  }

  /** The analysis read with a recalled document, or undefined when the document was parsed in this build. */
  analysisOf(documentId: string): DocumentAnalysis | undefined {
    const key = this.keys.get(documentId)
    return key === undefined ? undefined : this.analyses.get(key)
  }

  /** Stores a document parsed in this build with its analysis (a recalled one is already stored). */
  async keep(parsed: ParsedDocument, analysis: DocumentAnalysis): Promise<void> {
    const key = this.keys.get(parsed.document.id)
    if (key === undefined || !this.fresh.has(key)) return
    await writeFileAtomically(this.pathOf(key), encodeEntry(parsed, analysis))
  }

  /** Removes every entry this build did not use (documents removed or changed, code changed). */
  async prune(): Promise<void> {
    const used = new Set([...this.keys.values()].map((key) => this.fileOf(key)))
    let entries: string[]
    try {
      entries = await readdir(this.dir)
    } catch {
      return
    }
    for (const entry of entries) if (!used.has(entry)) await rm(join(this.dir, entry), { force: true })
  }

  private fileOf(key: string): string {
    return `${createHash('sha256').update(`${DOCUMENT_CACHE_VERSION}\0${this.code}\0${key}`).digest('hex')}.bin`
  }

  private pathOf(key: string): string {
    return join(this.dir, this.fileOf(key))
  }
}

function encodeEntry(parsed: ParsedDocument, analysis: DocumentAnalysis): Uint8Array[] {
  const words = encodeStrings(analysis.words)
  const stems = encodeStrings(analysis.stems)
  const sections: Record<string, SectionArray> = {
    corpus: Buffer.concat(encodeCorpus({ documents: [parsed.document], passages: parsed.passages, problems: [] })),
    words: words.bytes,
    wordEnds: words.ends,
    stems: stems.bytes,
    stemEnds: stems.ends,
    stemOf: analysis.stemOf,
    sectionStart: analysis.sectionStart,
    sectionWords: analysis.sectionWords,
    textStart: analysis.textStart,
    textWords: analysis.textWords,
    bandKeys: analysis.bandKeys,
  }
  return encodeSections('document-cache', DOCUMENT_CACHE_VERSION, { sha256: digest(Object.values(sections)) }, sections)
}

// Throws on any damage; the caller then parses the document again.
function decodeEntry(file: Uint8Array): { parsed: ParsedDocument; analysis: DocumentAnalysis } {
  const stored = decodeSections(file, 'document-cache', DOCUMENT_CACHE_VERSION, 'document cache entry')
  const u32 = (name: string) => stored.section(name, Uint32Array)
  const corpus = stored.section('corpus', Uint8Array)
  const wordBytes = stored.section('words', Uint8Array)
  const stemBytes = stored.section('stems', Uint8Array)
  const stemOf = stored.section('stemOf', Int32Array)
  const arrays = [corpus, wordBytes, u32('wordEnds'), stemBytes, u32('stemEnds'), stemOf, u32('sectionStart'), u32('sectionWords'), u32('textStart'), u32('textWords'), u32('bandKeys')]
  if ((stored.meta as { sha256?: string } | null)?.sha256 !== digest(arrays)) throw new Error('document cache entry: checksum mismatch')
  const { documents, passages } = decodeCorpus(corpus)
  const analysis: DocumentAnalysis = {
    words: decodeStrings(wordBytes, u32('wordEnds')),
    stems: decodeStrings(stemBytes, u32('stemEnds')),
    // Copies: the entry's bytes are let go once the build has what it needs.
    stemOf: stemOf.slice(),
    sectionStart: u32('sectionStart').slice(),
    sectionWords: u32('sectionWords').slice(),
    textStart: u32('textStart').slice(),
    textWords: u32('textWords').slice(),
    bandKeys: u32('bandKeys').slice(),
  }
  if (documents.length !== 1 || analysis.textStart.length !== passages.length + 1) throw new Error('document cache entry: malformed')
  return { parsed: { document: documents[0]!, passages }, analysis }
}

function digest(arrays: readonly SectionArray[]): string {
  const hash = createHash('sha256')
  for (const array of arrays) hash.update(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
  return hash.digest('hex')
}

let fingerprint: Promise<string> | undefined
/** A hash of the source of the code the cached data depends on, and of the Unicode tables its regexes use. */
function codeFingerprint(): Promise<string> {
  fingerprint ??= (async () => {
    const hash = createHash('sha256').update(`${process.versions.unicode}\0${process.versions.icu}\0`)
    for (const part of CODE) {
      for (const file of (await sourceFiles(join(SOURCE, part))).sort()) hash.update(file.slice(SOURCE.length)).update(await readFile(file))
    }
    return hash.digest('hex')
  })()
  return fingerprint
}

// The .ts or .js files of a folder (recursively), or of the one module `path` names without its extension.
async function sourceFiles(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, { withFileTypes: true, recursive: true })
    return entries.filter((e) => e.isFile() && /\.(?:ts|js)$/.test(e.name)).map((e) => join(e.parentPath, e.name))
  } catch {
    const found: string[] = []
    for (const extension of ['.ts', '.js']) {
      try {
        await readFile(path + extension)
        found.push(path + extension)
      } catch {
        // not this extension
      }
    }
    return found
  }
}
