// The seed folder → documents and passages: the one ingest module that touches the disk.

import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { DocumentMeta, Passage } from '../types.js'
import { parseCatalogue, type Catalogue } from './catalogue.js'
import { documentId } from './metadata.js'
import { parseDocument } from './parse.js'

/** The catalogue's file name inside the seed folder. */
export const CATALOGUE_FILE = 'catalogue.json'
const SEED_FILE = /\.(?:txt|md)$/i

export interface Corpus {
  documents: DocumentMeta[]
  passages: Passage[]
  /** Seeds that were skipped, and why; the good ones are still loaded. */
  problems: Array<{ file: string; message: string }>
}

/**
 * Reads every `*.txt` and `*.md` seed in `seedDir` (sorted by name) with `catalogue.json` (optional).
 * An empty, binary or non-UTF-8 seed is reported in `problems` and skipped. A malformed catalogue is a
 * `SEED_INVALID` error: it would silently change every document's metadata.
 */
export async function loadCorpus(seedDir: string): Promise<Corpus> {
  const files = await seedFiles(seedDir)
  const catalogue = await readCatalogue(seedDir)
  const corpus: Corpus = { documents: [], passages: [], problems: [] }
  const ids = new Map<string, string>()
  for (const file of files) {
    const bytes = await readFile(join(seedDir, file))
    const decoded = decodeSeed(bytes)
    if ('problem' in decoded) {
      corpus.problems.push({ file, message: decoded.problem })
      continue
    }
    const id = documentId(file)
    const clash = ids.get(id)
    if (clash) {
      corpus.problems.push({ file, message: `has the same document id "${id}" as ${clash}; rename one of them.` })
      continue
    }
    const { document, passages } = parseDocument(file, decoded.text, catalogue[file])
    if (passages.length === 0) {
      corpus.problems.push({ file, message: 'no passage found: the text has no numbered paragraph, recommendation or paragraph under a heading.' })
      continue
    }
    ids.set(id, file)
    corpus.documents.push({ ...document, sha256: sha256Hex(bytes) })
    corpus.passages.push(...passages)
  }
  for (const file of Object.keys(catalogue)) {
    if (!files.includes(file)) corpus.problems.push({ file: CATALOGUE_FILE, message: `has an entry for "${file}", which is not a seed in ${seedDir}.` })
  }
  return corpus
}

/**
 * SHA-256 over the seeds and the catalogue — each file's name, length and bytes, in name order — so an
 * index can tell that it was built from other seeds. Reads the files; parses nothing.
 */
export async function corpusHash(seedDir: string): Promise<string> {
  const names = await readdir(seedDir)
  const files = names.filter((name) => SEED_FILE.test(name) || name === CATALOGUE_FILE).sort()
  const hash = createHash('sha256')
  for (const file of files) {
    const bytes = await readFile(join(seedDir, file))
    hash.update(`${file}\0${bytes.length}\0`)
    hash.update(bytes)
  }
  return hash.digest('hex')
}

async function seedFiles(seedDir: string): Promise<string[]> {
  const entries = await readdir(seedDir, { withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && SEED_FILE.test(entry.name))
    .map((entry) => entry.name)
    .sort()
}

async function readCatalogue(seedDir: string): Promise<Catalogue> {
  let json: string
  try {
    json = await readFile(join(seedDir, CATALOGUE_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
  return parseCatalogue(json, join(seedDir, CATALOGUE_FILE))
}

/** The seed's text, or why it is not a text seed. A byte-order mark is dropped (offsets start after it). */
function decodeSeed(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length === 0) return { problem: 'empty file (0 bytes): nothing to index.' }
  if (bytes.includes(0)) return { problem: 'binary file (contains NUL bytes): a seed must be UTF-8 text.' }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return { problem: 'not valid UTF-8: re-save the file as UTF-8 text.' }
  }
  if (text.trim() === '') return { problem: 'empty file (whitespace only): nothing to index.' }
  return { text }
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
