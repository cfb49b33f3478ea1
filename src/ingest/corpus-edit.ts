// Adding reports to the corpus folder and taking them out (`npm run add`, `npm run remove`). Every file is checked
// before the folder changes: it exists, its format is read, it parses, its content and its document id are new. A
// removed file is moved to `.removed/` in the corpus folder, never deleted. Rebuilding the index is the caller's.

import { constants } from 'node:fs'
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { SearchError } from '../errors.js'
import { documentId } from './metadata.js'
import { formatOf, listCorpus, listFiles, parseBytes, sha256Hex, unsupportedFormat, type CorpusFile, type ListOptions, type LoadOptions } from './load.js'
import { UnreadableFile } from './unreadable.js'

/** Where removed files go, inside the corpus folder (hidden, so never read as part of the corpus). */
export const REMOVED_FOLDER = '.removed'

/** A file (or a name) that was not added or removed, and why. */
export interface Refused {
  file: string
  reason: string
}

export interface AddedDocument {
  /** The file as named on the command line (or found in a named folder). */
  source: string
  /** Its path in the corpus folder. */
  path: string
  id: string
  symbol: string
  title: string
  passages: number
}

export interface RemovedDocument {
  /** What was asked for: an id, a file or a symbol. */
  target: string
  path: string
  id: string
  /** Where the file now is (inside the corpus folder's `.removed/`). */
  movedTo: string
}

export interface EditOptions extends LoadOptions, ListOptions {
  /** The folder that relative file names are relative to (where the user typed the command). Defaults to the process's. */
  cwd?: string
}

export interface RemoveOptions extends ListOptions {
  cwd?: string
  /** Symbol → paths in the corpus folder (the index knows them); asked only when a name is no id or file. */
  symbols?: () => Promise<ReadonlyMap<string, string[]>>
}

interface Finder {
  root: string
  cwd: string
  symbols: () => Promise<ReadonlyMap<string, string[]>>
}

/** What an edit did; `undo` puts the folder back as it was (when the index cannot be rebuilt). */
export interface CorpusEdit<T> {
  done: T[]
  refused: Refused[]
  undo: () => Promise<void>
}

/**
 * Copies reports into the corpus folder (created if missing). A file goes to the top of the folder under its
 * name; a named folder keeps its name and subfolders. Refused, each with its reason and nothing copied: a file
 * that does not exist, an unsupported format, one that cannot be read (empty, encrypted, damaged, not in French…),
 * a duplicate of a document already there (same content), a name or document id already taken.
 * `options.cacheDir` should be the index's cache, so that the build reuses the parse (and the OCR) done here.
 */
export async function addToCorpus(corpusDir: string, files: readonly string[], options: EditOptions = {}): Promise<CorpusEdit<AddedDocument>> {
  const root = resolve(corpusDir)
  await mkdir(root, { recursive: true })
  const { documents } = await listCorpus(root, { known: options.known })
  const byHash = new Map(documents.map((d) => [d.sha256, `already in the corpus as ${d.path} (same content).`]))
  const byId = new Map(documents.map((d) => [documentId(d.path), d.path]))
  const { candidates, refused } = await expand(files, options.cwd ?? process.cwd())
  const accepted: Array<AddedDocument & { from: string }> = []
  for (const { source, from, path } of candidates) {
    const refuse = (reason: string) => refused.push({ file: source, reason })
    const format = formatOf(path)
    if (!format) {
      refuse(unsupportedFormat(path))
      continue
    }
    const bytes = await readFile(from).catch((error: NodeJS.ErrnoException) => error)
    if (bytes instanceof Error) {
      refuse(`cannot be read (${bytes.code ?? bytes.message}).`)
      continue
    }
    const sha256 = sha256Hex(bytes)
    const twin = byHash.get(sha256)
    if (twin) {
      refuse(twin)
      continue
    }
    if (await exists(join(root, path))) {
      refuse(`name clash: the corpus already has another file at ${path}; rename yours, or take the old one out first (npm run remove -- ${path}).`)
      continue
    }
    const id = documentId(path)
    const holder = byId.get(id)
    if (holder) {
      const sameName = withoutExtension(holder) === withoutExtension(path)
      refuse(`its document id "${id}" is taken by ${holder}${sameName ? ' (the same report in another format? one is enough)' : ''}; rename it.`)
      continue
    }
    try {
      const { document, passages } = await parseBytes({ path, format, sha256, bytes: bytes.length }, bytes, undefined, options)
      accepted.push({ source, from, path, id, symbol: document.symbol, title: document.title, passages: passages.length })
      byHash.set(sha256, `same content as ${source}, added once.`)
      byId.set(id, path)
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error
      refuse(error.message)
    }
  }
  // OCR workers keep a process alive: stop them once the files are read (the build starts them again if needed).
  if (candidates.some((candidate) => formatOf(candidate.path) === 'pdf')) await (await import('./ocr.js')).closeOcr()
  const copied: string[] = []
  const undo = async () => {
    for (const path of copied.splice(0)) await rm(join(root, path), { force: true })
  }
  try {
    for (const document of accepted) {
      await copyInto(root, document.from, document.path)
      copied.push(document.path)
    }
  } catch (error) {
    await undo()
    throw error
  }
  return { done: accepted.map(({ from: _, ...document }) => document), refused, undo }
}

/**
 * Takes documents out of the corpus folder, named by document id, path in the folder, file name, a file with the
 * same content anywhere, or symbol (`symbols` gives symbol → paths, from the index; asked only when needed). The file is moved to
 * `.removed/<time>/<path>` in the corpus folder. A name that matches no document, or several, is refused.
 */
export async function removeFromCorpus(corpusDir: string, targets: readonly string[], options: RemoveOptions = {}): Promise<CorpusEdit<RemovedDocument>> {
  const root = resolve(corpusDir)
  let symbols: Promise<ReadonlyMap<string, string[]>> | undefined
  const find: Finder = {
    root,
    cwd: options.cwd ?? process.cwd(),
    symbols: () => (symbols ??= options.symbols?.() ?? Promise.resolve(new Map())),
  }
  const { documents } = await listCorpus(root, { known: options.known })
  const refused: Refused[] = []
  const chosen = new Map<string, { target: string; document: CorpusFile }>()
  for (const target of targets) {
    const found = await findDocument(find, documents, target)
    if (typeof found === 'string') refused.push({ file: target, reason: found })
    else if (!chosen.has(found.path)) chosen.set(found.path, { target, document: found })
  }
  const trash = join(REMOVED_FOLDER, new Date().toISOString().replace(/[:.]/g, '-'))
  const moved: RemovedDocument[] = []
  const undo = async () => {
    for (const { path, movedTo } of moved.splice(0).reverse()) await rename(join(root, movedTo), join(root, path))
  }
  try {
    for (const { target, document } of chosen.values()) {
      const movedTo = `${trash}/${document.path}`
      await mkdir(dirname(join(root, movedTo)), { recursive: true })
      await rename(join(root, document.path), join(root, movedTo))
      moved.push({ target, path: document.path, id: documentId(document.path), movedTo })
    }
  } catch (error) {
    await undo()
    throw error
  }
  return { done: [...moved], refused, undo }
}

/** The one document a name means, or why there is none. */
async function findDocument({ root, cwd, symbols }: Finder, documents: readonly CorpusFile[], target: string): Promise<CorpusFile | string> {
  const byPath = (path: string) => documents.find((d) => d.path === path)
  const one = (matches: CorpusFile[], what: string) =>
    matches.length === 1 ? matches[0]! : `${matches.length} documents have the ${what} "${target}" (${matches.map((d) => d.path).join(', ')}): name one by its path.`
  const byId = documents.filter((d) => documentId(d.path) === target)
  if (byId.length > 0) return one(byId, 'id')
  const inFolder = byPath(target.split(sep).join('/'))
  if (inFolder) return inFolder
  const onDisk = await stat(resolve(cwd, target)).catch(() => null)
  if (onDisk?.isFile()) {
    const inCorpus = byPath(relative(root, resolve(cwd, target)).split(sep).join('/'))
    if (inCorpus) return inCorpus
    const sha256 = sha256Hex(await readFile(resolve(cwd, target)))
    const same = documents.find((d) => d.sha256 === sha256)
    return same ?? `${target} is not in the corpus: no document there has the same content.`
  }
  const byName = documents.filter((d) => basename(d.path) === target)
  if (byName.length > 0) return one(byName, 'file name')
  const bySymbol = ((await symbols()).get(target) ?? []).map(byPath).filter((d): d is CorpusFile => d !== undefined)
  if (bySymbol.length > 0) return one(bySymbol, 'symbol')
  const ids = documents.map((d) => documentId(d.path))
  const near = ids.filter((id) => id.toLowerCase().includes(target.toLowerCase()) || target.toLowerCase().includes(id.toLowerCase()))
  const listed = (near.length > 0 ? near : ids).slice(0, 8)
  return `no document "${target}" in ${root}: name one by its id, file or symbol (${near.length > 0 ? 'did you mean' : 'the documents are'} ${listed.join(', ')}${ids.length > listed.length && near.length === 0 ? `, … ${ids.length} in all` : ''}).`
}

/** The files to add: each named file under its name, each named folder's files under the folder's name. */
async function expand(files: readonly string[], cwd: string): Promise<{ candidates: Array<{ source: string; from: string; path: string }>; refused: Refused[] }> {
  const candidates: Array<{ source: string; from: string; path: string }> = []
  const refused: Refused[] = []
  for (const file of files) {
    const from = resolve(cwd, file)
    const info = await stat(from).catch((error: NodeJS.ErrnoException) => error)
    if (info instanceof Error) {
      refused.push({ file, reason: info.code === 'ENOENT' ? 'no such file.' : `cannot be read (${info.code ?? info.message}).` })
    } else if (info.isDirectory()) {
      const inside = await listFiles(from)
      if (inside.length === 0) refused.push({ file, reason: 'empty folder: no file to add.' })
      for (const path of inside) candidates.push({ source: join(file, path), from: join(from, path), path: `${basename(from)}/${path}` })
    } else if (info.isFile()) {
      candidates.push({ source: file, from, path: basename(from) })
    } else {
      refused.push({ file, reason: 'not a regular file.' })
    }
  }
  return { candidates, refused }
}

/** Copies under a hidden name, then renames: a build that lists the folder meanwhile never sees half a file. */
async function copyInto(root: string, source: string, path: string): Promise<void> {
  const target = join(root, path)
  await mkdir(dirname(target), { recursive: true })
  const partial = join(dirname(target), `.${basename(target)}.adding-${process.pid}`)
  await copyFile(source, partial, constants.COPYFILE_EXCL)
  try {
    if (await exists(target)) throw new SearchError('CORPUS_CONFLICT', `${path} appeared in the corpus folder while it was being added; nothing was added.`)
    await rename(partial, target)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}

const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, '')

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}
