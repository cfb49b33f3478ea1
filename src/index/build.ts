// Building the indexes from the seeds: passages → keyword, n-gram and vector indexes → one atomic swap.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SearchError } from '../errors.js'
import { cacheDirOf, corpusHash, listCorpus, loadCorpus, type Corpus } from '../ingest/load.js'
import type { OcrProgress } from '../ingest/ocr.js'
import { NgramIndex } from '../semantic/ngram.js'
import type { IndexManifest, Passage } from '../types.js'
import { corpusVariantGroups, termHash, variantComponents } from '../variants/group.js'
import { analyseDocument, contentWords, mergeAnalyses, textStemSets, type AnalysedCorpus, type DocumentAnalysis } from './analysis.js'
import { encodeCorpus, type CorpusFile } from './corpus-file.js'
import { DocumentCache } from './document-cache.js'
import { embedWithCache } from './embedding-cache.js'
import type { Embedder } from './embedder.js'
import { keywordDataFromAnalysis } from './keyword-build.js'
import { encodeKeywordData } from './keyword-data.js'
import { writeIndex, type FileContent, type StoredManifest } from './store.js'
import { encodeVariants } from './variants-file.js'
import { VectorIndex } from './vectors.js'

export type { CorpusFile } from './corpus-file.js'

/** Stage and progress of a build, for a progress bar. */
export type BuildProgress = (stage: 'read' | 'analyse' | 'keyword' | 'ngram' | 'variants' | 'embed' | 'write', done: number, total: number) => void

export interface BuildOptions {
  seedDir: string
  indexDir: string
  /** The embedder for the vector index, or null for none (then `modelNote` says why). */
  embedder: Embedder | null
  /** The model the configuration asked for, recorded so a configuration change triggers a rebuild. */
  modelRequested: string | null
  modelNote?: string
  /** Store vectors as int8 (4× smaller, same ranking at this size). Defaults to true. */
  quantize?: boolean
  onProgress?: BuildProgress
  /** OCR of scanned pages while the corpus is read, page by page. */
  onOcrProgress?: OcrProgress
}

/** What the keyword index reads of a passage: its text, and its headings as a lighter field. */
export const keywordDocument = (p: Passage) => ({ id: p.id, text: p.text, section: p.section.join(' ') })

/** What the n-gram channel reads of a passage: headings first (they carry the theme), then the text. */
export const ngramDocument = (p: Passage) => ({ id: p.id, text: `${p.section.join(' ')}\n${p.text}` })

export async function buildIndex(options: BuildOptions): Promise<StoredManifest & { problems: CorpusFile['problems'] }> {
  const { seedDir, indexDir, embedder, onProgress = () => {}, quantize = true } = options
  const started = performance.now()
  await mkdir(indexDir, { recursive: true })
  const release = acquireLock(indexDir)
  try {
    onProgress('read', 0, 1)
    const hash = await corpusHash(seedDir)
    const { listing } = await listCorpus(seedDir)
    const cache = await DocumentCache.open(join(cacheDirOf(indexDir), 'documents'))
    const corpus = await loadCorpus(seedDir, { cacheDir: cacheDirOf(indexDir), parsed: cache, ...(options.onOcrProgress ? { onOcrProgress: options.onOcrProgress } : {}) })
    if (corpus.passages.length === 0) {
      throw new SearchError('INDEX_BUILD_FAILED', `No passage could be read from ${seedDir}${corpus.problems.length ? `: ${corpus.problems.map((p) => `${p.file}: ${p.message}`).join('; ')}` : ''}. The last good index is kept.`)
    }
    onProgress('read', 1, 1)
    const { passages, documents } = corpus
    const ids = passages.map((p) => p.id)
    const analysed = await analyse(corpus, cache, onProgress)

    onProgress('keyword', 0, passages.length)
    const keyword = encodeKeywordData(keywordDataFromAnalysis(ids, analysed))
    onProgress('keyword', passages.length, passages.length)

    onProgress('ngram', 0, passages.length)
    const { starts, words } = contentWords(analysed)
    const ngram = NgramIndex.fromWords(ids, analysed.words, starts, words)
    onProgress('ngram', passages.length, passages.length)

    onProgress('variants', 0, passages.length)
    const variantGroups = corpusVariantGroups(documents, passages, variantRoots(passages, analysed))
    onProgress('variants', passages.length, passages.length)

    const files: Record<string, FileContent> = {
      'corpus.bin': encodeCorpus({ documents, passages, problems: corpus.problems }),
      'keyword.bin': keyword,
      'ngram.bin': ngram.toBinary(),
      'variants.bin': encodeVariants(variantGroups, ids),
    }
    let model: IndexManifest['model'] = null
    if (embedder) {
      const vectors = await embedWithCache(join(indexDir, 'cache', 'embeddings'), embedder, passages.map((p) => p.text), (done, total) => onProgress('embed', done, total))
      const index = VectorIndex.build(ids, vectors, { dimension: embedder.dimension, dtype: quantize ? 'int8' : 'float32' })
      files['vectors.bin'] = index.toBuffer()
      model = { id: embedder.id, dimension: embedder.dimension, quantized: quantize, fingerprint: embedder.fingerprint }
    }
    onProgress('write', 0, 1)
    const manifest: IndexManifest = {
      formatVersion: 0,
      corpusHash: hash,
      builtAt: new Date().toISOString(),
      buildMs: Math.round(performance.now() - started),
      documents: documents.length,
      passages: passages.length,
      model,
      modelRequested: options.modelRequested,
      modelNote: model ? `Dense vectors from ${model.id}.` : (options.modelNote ?? 'No embedding model was configured.'),
      corpus: listing,
    }
    const stored = await writeIndex(indexDir, manifest, files)
    await cache.prune()
    onProgress('write', 1, 1)
    return { ...stored, problems: corpus.problems }
  } finally {
    release()
  }
}

// Each document's passages analysed once (or recalled with its parse from the cache, where the parse was), merged.
async function analyse(corpus: Corpus, cache: DocumentCache, onProgress: BuildProgress): Promise<AnalysedCorpus> {
  const { passages } = corpus
  onProgress('analyse', 0, passages.length)
  const analyses: DocumentAnalysis[] = []
  let start = 0
  for (const document of corpus.documents) {
    let end = start
    while (end < passages.length && passages[end]!.docId === document.id) end++
    let analysis = cache.analysisOf(document.id)
    if (!analysis) {
      const own = passages.slice(start, end)
      analysis = analyseDocument(own)
      await cache.keep({ document, passages: own }, analysis)
    }
    analyses.push(analysis)
    onProgress('analyse', end, passages.length)
    start = end
  }
  if (start !== passages.length) throw new SearchError('INDEX_BUILD_FAILED', 'The corpus lists passages out of their documents’ order.')
  return mergeAnalyses(analyses)
}

// The variant components of the passages, from their analysed text stems.
function variantRoots(passages: readonly Passage[], analysed: AnalysedCorpus): Int32Array {
  const documentIds = new Map<string, number>()
  const documents = Int32Array.from(passages, (p) => documentIds.get(p.docId) ?? (documentIds.set(p.docId, documentIds.size), documentIds.size - 1))
  const { offsets, terms } = textStemSets(analysed)
  return variantComponents({ documents, offsets, terms, termHashes: Uint32Array.from(analysed.stems, termHash) }, analysed.bandKeys)
}

// One build at a time per index folder. A lock left by a killed build (its process is gone) is taken over.
function acquireLock(indexDir: string): () => void {
  const path = join(indexDir, 'build.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return () => rmSync(path, { force: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(readFileSync(path, 'utf8').trim())
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new SearchError('INDEX_BUILD_FAILED', `Another build (process ${holder}) is writing ${indexDir}; wait for it to finish.`)
      }
      rmSync(path, { force: true })
    }
  }
  throw new SearchError('INDEX_BUILD_FAILED', `Could not take the build lock ${path}.`)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
