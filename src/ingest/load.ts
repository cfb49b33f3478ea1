// The corpus folder → documents and passages: the one ingest module that touches the disk (the folder, the
// parse cache, the OCR page cache). Readers are pure; this lists, hashes, reads, caches and reports.

import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { extname, join, relative, resolve, sep } from 'node:path'
import { SearchError } from '../errors.js'
import type { CorpusListing, DocumentFormat, DocumentMeta, Passage } from '../types.js'
import type { ReadDocument } from './blocks.js'
import { parseCatalogue, type Catalogue } from './catalogue.js'
import { notFrench } from './language.js'
import { documentId } from './metadata.js'
import type { OcrProgress } from './ocr.js'
import { parseBlocks, parseDocument } from './parse.js'
import { UnreadableFile } from './unreadable.js'

/** The catalogue's file name at the top of the corpus folder. */
export const CATALOGUE_FILE = 'catalogue.json'
/** Bumped when the readers change what they make of a file, so cached parses are not reused. */
const PARSE_CACHE_VERSION = 1
const FORMATS: Record<string, DocumentFormat> = { '.txt': 'txt', '.md': 'md', '.pdf': 'pdf', '.docx': 'docx' }

export interface Corpus {
  documents: DocumentMeta[]
  passages: Passage[]
  /** Files that were skipped, and why; the good ones are still loaded. */
  problems: Array<{ file: string; message: string }>
}

export interface LoadOptions {
  /**
   * Folder for the parse cache (each PDF and Word file's blocks by content hash) and the OCR page cache.
   * Without it nothing is cached.
   */
  cacheDir?: string
  /** Progress of OCR, page by page. */
  onOcrProgress?: OcrProgress
  /** Folder of the French OCR model; defaults to the one `@tesseract.js-data/fra` installs. */
  ocrLangPath?: string
  /** Documents parsed by an earlier build, recalled instead of parsed again (the index build keeps them). */
  parsed?: ParsedCache
  /** The folder as `listCorpus` just listed it, so it is not listed again. */
  listed?: Listed
}

/** A document as parsed: its metadata and passages. */
export interface ParsedDocument {
  document: DocumentMeta
  passages: Passage[]
}

/**
 * Parsed documents kept between builds. `key` names everything a parse depends on in the corpus (the file's path,
 * format and content, its catalogue entry, the readers' version); the cache adds what depends on the code.
 */
export interface ParsedCache {
  get(key: string): Promise<ParsedDocument | undefined>
  set(key: string, parsed: ParsedDocument): void
}

/** A listed file: its path relative to the corpus folder (with `/`), its format, hash and size. */
export interface CorpusFile {
  path: string
  format: DocumentFormat
  sha256: string
  bytes: number
}

/** The format a file's extension says it has, or undefined when the corpus does not read it. */
export function formatOf(path: string): DocumentFormat | undefined {
  return FORMATS[extname(path).toLowerCase()]
}

/** Why a file of another format is left out. */
export function unsupportedFormat(path: string): string {
  return `unsupported format (${extname(path) || 'no extension'}): the corpus reads .pdf, .docx, .txt and .md.`
}

/** Where a build keeps its caches (each PDF and Word file's parse, each OCR'd page) in its index folder. */
export function cacheDirOf(indexDir: string): string {
  return join(indexDir, 'cache')
}

/**
 * How long before the last listing a file must have been written for the hash that listing recorded to be trusted
 * (see `ListOptions.known`): a file written within this window of the listing may have changed again without its
 * times moving (file systems keep times to the second, or two).
 */
export const RACY_MS = 2000

export interface ListOptions {
  /**
   * The last build's listing of the same folder. A file whose size, modification and change times are those it
   * recorded, and older than it by `RACY_MS`, keeps its recorded hash without being read (git's index does the same).
   * The change time cannot be set back, so a file rewritten with the same size and touched back to its old
   * modification time is still read; what this misses is a file changed with neither time moving.
   */
  known?: CorpusListing | undefined
}

/** What `listCorpus` finds: the listing a manifest records, the documents to read, the files skipped. */
export interface Listed {
  listing: CorpusListing
  documents: CorpusFile[]
  skipped: Corpus['problems']
}

/**
 * Lists the corpus folder, recursively (hidden files and folders left out): every document with its SHA-256
 * (`files`, in path order) and every file that is not a supported format (`skipped`, with the reason). The
 * listing also names the catalogue when there is one. What a build records to tell corpora and versions apart.
 */
export async function listCorpus(dir: string, options: ListOptions = {}): Promise<Listed> {
  const root = resolve(dir)
  const folder = await stat(root).catch(() => null)
  if (!folder?.isDirectory()) {
    throw new SearchError('CORPUS_MISSING', `The corpus folder ${root} ${folder ? 'is a file, not a folder' : 'does not exist'}: set CORPUS_DIR (or corpusDir in search.config.json) to the folder of your reports.`)
  }
  const listedAt = Date.now()
  const { known } = options
  const trusted = known?.dir === root && known.listedAt !== undefined ? new Map(known.files.map((file) => [file.path, file])) : undefined
  const trustBefore = (known?.listedAt ?? 0) - RACY_MS
  const documents: CorpusFile[] = []
  const skipped: Corpus['problems'] = []
  const listed: CorpusListing['files'] = []
  // Times are taken before the content is read: a file changed in between is read again next time.
  const hashed = async (path: string): Promise<CorpusListing['files'][number]> => {
    const { size, mtimeMs, ctimeMs } = await stat(join(root, path))
    const last = trusted?.get(path)
    if (last && last.bytes === size && last.mtimeMs === mtimeMs && last.ctimeMs === ctimeMs && Math.max(mtimeMs, ctimeMs) < trustBefore) {
      return { path, sha256: last.sha256, bytes: size, mtimeMs, ctimeMs }
    }
    const bytes = await readFile(join(root, path))
    return { path, sha256: sha256Hex(bytes), bytes: bytes.length, mtimeMs, ctimeMs }
  }
  for (const path of await listFiles(root)) {
    const format = formatOf(path)
    if (path === CATALOGUE_FILE) {
      listed.push(await hashed(path))
      continue
    }
    if (!format) {
      skipped.push({ file: path, message: unsupportedFormat(path) })
      continue
    }
    const file = await hashed(path)
    documents.push({ path, format, sha256: file.sha256, bytes: file.bytes })
    listed.push(file)
  }
  return { listing: { dir: root, listedAt, files: listed }, documents, skipped }
}

/**
 * Reads every document of the corpus folder (see `listCorpus`) with `catalogue.json` (optional). A file that
 * cannot be read — empty, not what its name says, encrypted, damaged, a zip bomb, too long, not in French, a
 * duplicate of another — is reported in `problems` and skipped. A malformed catalogue is a `SEED_INVALID` error:
 * it would silently change every document's metadata.
 */
export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<Corpus> {
  const { documents: files, skipped } = options.listed ?? (await listCorpus(dir))
  const catalogue = await readCatalogue(dir)
  const corpus: Corpus = { documents: [], passages: [], problems: [...skipped] }
  const ids = new Map<string, string>()
  const hashes = new Map<string, string>()
  for (const file of files) {
    const twin = hashes.get(file.sha256)
    if (twin) {
      corpus.problems.push({ file: file.path, message: `duplicate of ${twin} (same content): left out.` })
      continue
    }
    const id = documentId(file.path)
    const clash = ids.get(id)
    if (clash) {
      corpus.problems.push({ file: file.path, message: `has the same document id "${id}" as ${clash}; rename one of them.` })
      continue
    }
    try {
      const { document, passages } = await parseOrRecall(dir, file, catalogue[file.path], options)
      ids.set(id, file.path)
      hashes.set(file.sha256, file.path)
      corpus.documents.push(document)
      corpus.passages.push(...passages)
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error
      corpus.problems.push({ file: file.path, message: error.message })
    }
  }
  // OCR workers keep a process alive: stop them once the corpus is read (they start again if needed).
  if (files.some((file) => file.format === 'pdf')) await (await import('./ocr.js')).closeOcr()
  for (const file of Object.keys(catalogue)) {
    if (!files.some((listed) => listed.path === file)) corpus.problems.push({ file: CATALOGUE_FILE, message: `has an entry for "${file}", which is not a document in ${dir}.` })
  }
  return corpus
}

/**
 * One document of the corpus folder → its metadata and passages; throws `UnreadableFile` with the reason when
 * it cannot be read. A PDF's or Word file's blocks come from the parse cache when its content was read before.
 */
export async function parseFile(dir: string, file: CorpusFile, catalogueEntry: Catalogue[string] | undefined, options: LoadOptions = {}): Promise<{ document: DocumentMeta; passages: Passage[] }> {
  return parseBytes(file, await readFile(join(dir, file.path)), catalogueEntry, options)
}

/** `parseFile` for bytes already read (a file about to be added to the corpus, read from where it is). */
export async function parseBytes(file: CorpusFile, bytes: Buffer, catalogueEntry: Catalogue[string] | undefined, options: LoadOptions = {}): Promise<{ document: DocumentMeta; passages: Passage[] }> {
  if (bytes.length === 0) throw new UnreadableFile('empty file (0 bytes): nothing to index.')
  let parsed: { document: DocumentMeta; passages: Passage[] }
  if (file.format === 'txt' || file.format === 'md') {
    parsed = parseDocument(file.path, decodeText(bytes), catalogueEntry)
  } else {
    const read = await cachedRead(file, bytes, options)
    parsed = parseBlocks(file.path, file.sha256, read, catalogueEntry)
  }
  if (parsed.passages.length === 0) throw new UnreadableFile('no passage found: the text has no numbered paragraph, recommendation or paragraph under a heading.')
  const language = notFrench(parsed.passages.map((passage) => passage.text).join(' '))
  if (language) throw new UnreadableFile(`not in French (it reads as ${language}): this engine indexes the French reports; add the French version.`)
  return { document: { ...parsed.document, sha256: file.sha256, format: file.format }, passages: parsed.passages }
}

async function parseOrRecall(dir: string, file: CorpusFile, catalogueEntry: Catalogue[string] | undefined, options: LoadOptions): Promise<ParsedDocument> {
  const cache = options.parsed
  if (!cache) return parseFile(dir, file, catalogueEntry, options)
  const key = sha256Hex(Buffer.from(JSON.stringify([PARSE_CACHE_VERSION, file.path, file.format, file.sha256, catalogueEntry ?? null])))
  const recalled = await cache.get(key)
  if (recalled) return recalled
  const parsed = await parseFile(dir, file, catalogueEntry, options)
  cache.set(key, parsed)
  return parsed
}

async function cachedRead(file: CorpusFile, bytes: Buffer, options: LoadOptions): Promise<ReadDocument> {
  const path = options.cacheDir ? join(options.cacheDir, 'parse', `${file.sha256}.v${PARSE_CACHE_VERSION}.json`) : null
  if (path) {
    try {
      return JSON.parse(await readFile(path, 'utf8')) as ReadDocument
    } catch {
      // Not cached yet, or a damaged cache entry: read the file again.
    }
  }
  // The readers load pdf.js and the zip code only when a corpus has such files: a text-only build starts fast.
  const read = file.format === 'pdf'
    ? await (await import('./pdf.js')).readPdf(bytes, await ocrReader(file, options))
    : (await import('./docx.js')).readDocx(bytes)
  if (path) await writeAtomically(path, JSON.stringify(read))
  return read
}

/** The OCR of scanned pages, loaded only when a PDF has one (tesseract.js and its model are heavy). */
async function ocrReader(file: CorpusFile, options: LoadOptions) {
  const { ocrPageReader, OCR_WORKERS } = await import('./ocr.js')
  const ocrPage = ocrPageReader({
    file: file.path,
    ...(options.cacheDir ? { cacheDir: join(options.cacheDir, 'ocr') } : {}),
    ...(options.onOcrProgress ? { onProgress: options.onOcrProgress } : {}),
    ...(options.ocrLangPath ? { langPath: options.ocrLangPath } : {}),
  })
  return { ocrPage, ocrConcurrency: OCR_WORKERS }
}

let writes = 0

export async function writeAtomically(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true })
  // Unique per write: two pages of one scan with the same pixels are cached at the same time under one name.
  const tmp = `${path}.tmp-${process.pid}-${++writes}`
  await writeFile(tmp, data)
  await rename(tmp, path)
}

/**
 * SHA-256 over the corpus folder's documents and catalogue — each file's relative path, size and hash, in path
 * order — so an index can tell that it was built from other files. Reads the files (but those `known` lists
 * unchanged: see `ListOptions`); parses nothing.
 */
export async function corpusHash(dir: string, known?: CorpusListing): Promise<string> {
  return listingHash((await listCorpus(dir, { known })).listing)
}

/** `corpusHash` of a listing already made. */
export function listingHash(listing: CorpusListing): string {
  const hash = createHash('sha256')
  for (const file of listing.files) hash.update(`${file.path}\0${file.bytes}\0${file.sha256}\n`)
  return hash.digest('hex')
}

/** The files under `root`, recursively, as sorted paths relative to it with `/`; hidden files and folders left out. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = []
  const visit = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue
      const path = join(folder, entry.name)
      if (entry.isDirectory()) await visit(path)
      else if (entry.isFile()) found.push(relative(root, path).split(sep).join('/'))
    }
  }
  await visit(root)
  return found.sort()
}

async function readCatalogue(dir: string): Promise<Catalogue> {
  let json: string
  try {
    json = await readFile(join(dir, CATALOGUE_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  return parseCatalogue(json, join(dir, CATALOGUE_FILE))
}

/** A text file's content. A byte-order mark is dropped (offsets start after it). */
function decodeText(bytes: Uint8Array): string {
  if (bytes.includes(0)) throw new UnreadableFile('binary file (contains NUL bytes): a .txt or .md document must be UTF-8 text.')
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new UnreadableFile('not valid UTF-8: re-save the file as UTF-8 text.')
  }
  if (text.trim() === '') throw new UnreadableFile('empty file (whitespace only): nothing to index.')
  return text
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
