// Building the indexes from the seeds: passages → keyword, n-gram and vector indexes → one atomic swap.

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SearchError } from '../errors.js'
import { cacheDirOf, listCorpus, listingHash, loadCorpus, type Corpus } from '../ingest/load.js'
import type { OcrProgress } from '../ingest/ocr.js'
import { defaultNgramOptions, NgramIndex } from '../semantic/ngram.js'
import { gramPostings, type GramPostings } from '../semantic/ngram-postings.js'
import { updateGramPostings } from '../semantic/ngram-splice.js'
import type { IndexManifest, Passage } from '../types.js'
import { changedVariantComponents } from '../variants/changed.js'
import { corpusVariantGroups, termHash, variantComponents } from '../variants/group.js'
import { analyseDocument, contentWords, mergeAnalyses, mergeOnto, textStemSets, type AnalysedCorpus, type AnalysedRange, type DocumentAnalysis } from './analysis.js'
import { previousBuild, settledComponents, spellingCounts, STATE_FILE, type PreviousBuild } from './build-previous.js'
import { writeBuildState } from './build-state.js'
import { encodeCorpus, type CorpusFile } from './corpus-file.js'
import { spliceCorpus } from './corpus-splice.js'
import { DocumentCache, type DocumentSource } from './document-cache.js'
import { spliceKeywordData, type LastAnalysis } from './build-keyword.js'
import { buildVectors } from './build-vectors.js'
import type { ClusterOptions } from './vector-clusters.js'
import type { Embedder } from './embedder.js'
import { keywordDataFromAnalysis } from './keyword-build.js'
import { decodeKeywordData, keywordFileChunks, type KeywordData } from './keyword-data.js'
import { readIndex, writeIndex, type FileContent, type StoredManifest } from './store.js'
import { encodeVariants } from './variants-file.js'
import { decodeRepairs, encodeRepairs } from './repairs-file.js'
import { countWords, repairsFromCounts, updateRepairs } from '../text/spelling.js'

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
  /** How the int8 vectors are clustered (see `ClusterOptions`). Defaults to `{}`: from 65 536 passages. */
  clusters?: ClusterOptions
  onProgress?: BuildProgress
  /** OCR of scanned pages while the corpus is read, page by page. */
  onOcrProgress?: OcrProgress
}

/** What the keyword index reads of a passage: its text, and its headings as a lighter field. */
export const keywordDocument = (p: Passage) => ({ id: p.id, text: p.text, section: p.section.join(' ') })

/** What the n-gram channel reads of a passage: headings first (they carry the theme), then the text. */
export const ngramDocument = (p: Passage) => ({ id: p.id, text: `${p.section.join(' ')}\n${p.text}` })

/** What a build did: the stored manifest, the files it skipped, and where each document came from. */
export interface BuildResult extends StoredManifest {
  problems: CorpusFile['problems']
  /** Documents taken over from the last build, recalled from the cache, and read now. */
  sources: Record<DocumentSource, number>
}

export async function buildIndex(options: BuildOptions): Promise<BuildResult> {
  const { seedDir, indexDir, embedder, onProgress = () => {}, quantize = true } = options
  const started = performance.now()
  await mkdir(indexDir, { recursive: true })
  const release = acquireLock(indexDir)
  try {
    onProgress('read', 0, 1)
    // Listed once, trusting the hashes the live build recorded for files whose size and times have not moved.
    const listed = await listCorpus(seedDir, { known: await readIndex(indexDir).then((live) => live.manifest.corpus, () => undefined) })
    const { listing } = listed
    const cacheDir = cacheDirOf(indexDir)
    const cache = await DocumentCache.open(join(cacheDir, 'documents'))
    const previous = await previousBuild(indexDir, join(cacheDir, STATE_FILE), cache)
    const corpus = await loadCorpus(seedDir, { cacheDir, parsed: cache, listed, ...(options.onOcrProgress ? { onOcrProgress: options.onOcrProgress } : {}) })
    if (corpus.passages.length === 0) {
      throw new SearchError('INDEX_BUILD_FAILED', `No passage could be read from ${seedDir}${corpus.problems.length ? `: ${corpus.problems.map((p) => `${p.file}: ${p.message}`).join('; ')}` : ''}. The last good index is kept.`)
    }
    onProgress('read', 1, 1)
    const { passages, documents } = corpus
    const ids = passages.map((p) => p.id)
    const { analysed, renumber, addedAt, last } = await analyse(corpus, cache, previous, onProgress)

    // The embed stage first, the analysis alone kept beside it: its working memory (float32 vectors, their int8 copy,
    // the clusters' calibration) is the largest after the n-gram stage's, and each would otherwise have to fit beside
    // the other's output and the keyword file. Measured at 100k passages: peak 873–894 MB this way, 991–1 006 with
    // the embed stage last or between the n-gram and keyword stages, 965–1 008 with the n-gram stage right after it.
    const vectors = embedder ? await embedStage(options, embedder, quantize, passages, previous && { build: previous, renumber, addedAt }, onProgress) : null

    onProgress('keyword', 0, passages.length)
    const keyword = keywordFileChunks((previous && last && (await spliceKeyword(previous, renumber, addedAt, ids, analysed, last))) || keywordDataFromAnalysis(ids, analysed))
    onProgress('keyword', passages.length, passages.length)

    onProgress('ngram', 0, passages.length)
    const postings = gramPostingsOf(analysed, passages.length, previous && { state: previous.state, renumber, addedAt })
    const ngram = NgramIndex.fromPostings(ids, postings)
    onProgress('ngram', passages.length, passages.length)

    onProgress('variants', 0, passages.length)
    const settled = previous ? settledComponents(previous, renumber, passages.length) : undefined
    const variantGroups = corpusVariantGroups(documents, passages, variantRoots(passages, analysed, settled))
    onProgress('variants', passages.length, passages.length)

    // The corpus's word counts, from the last build's when there is one: its spelling repairs are learned from them.
    const counted = previous ? spellingCounts(previous, renumber, passages, addedAt) : null
    const spelling = counted?.counts ?? countWords(passages.map((p) => p.text))
    const whole: CorpusFile = { documents, passages, problems: corpus.problems }
    const files: Record<string, FileContent> = {
      'corpus.bin': (previous && spliceCorpus(await previous.read('corpus.bin'), previous.passages, { renumber, addedAt }, whole)) || encodeCorpus(whole),
      'keyword.bin': keyword,
      'ngram.bin': ngram.toBinary(),
      'variants.bin': encodeVariants(variantGroups, ids),
      'repairs.bin': encodeRepairs((previous && counted && (await repairsAfter(previous, spelling, counted.changed))) || repairsFromCounts(spelling)),
    }
    if (vectors) files['vectors.bin'] = vectors.file
    const model = vectors?.model ?? null
    const distinctTexts = vectors?.distinctTexts
    onProgress('write', 0, 1)
    const manifest: IndexManifest = {
      formatVersion: 0,
      corpusHash: listingHash(listing),
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
    const counts = new Map<string, number>()
    for (const p of passages) counts.set(p.docId, (counts.get(p.docId) ?? 0) + 1)
    const kept = documents.map((d) => ({ key: cache.keyOf(d.id), passages: counts.get(d.id)! }))
    await writeBuildState(join(cacheDir, STATE_FILE), { buildId: stored.buildId, code: cache.code, documents: kept, analysed, postings, spelling, ...(distinctTexts === undefined ? {} : { distinctTexts }) }, previous?.state)
    await cache.prune()
    onProgress('write', 1, 1)
    const sources: Record<DocumentSource, number> = { previous: 0, cached: 0, parsed: 0 }
    for (const document of documents) sources[cache.sourceOf(document.id)]++
    return { ...stored, problems: corpus.problems, sources }
  } finally {
    release()
  }
}

// Each document's passages analysed once (or recalled: from the last build, or with its parse from the cache) and
// merged. With the last build, `renumber` maps its passages to this build's (−1 for those gone), and `addedAt`
// lists this build's passages that it did not have.
async function analyse(corpus: Corpus, cache: DocumentCache, previous: PreviousBuild | null, onProgress: BuildProgress) {
  const { passages } = corpus
  onProgress('analyse', 0, passages.length)
  const parts: Array<DocumentAnalysis | AnalysedRange> = []
  const renumber = new Int32Array(previous?.state.postings.passages ?? 0).fill(-1)
  const addedAt: number[] = []
  let start = 0
  for (const document of corpus.documents) {
    let end = start
    while (end < passages.length && passages[end]!.docId === document.id) end++
    const from = previous && cache.sourceOf(document.id) === 'previous' ? previous.starts.get(cache.keyOf(document.id)) : undefined
    if (from !== undefined) {
      parts.push({ from, to: from + end - start })
      for (let p = start; p < end; p++) renumber[from + p - start] = p
    } else {
      let analysis = cache.analysisOf(document.id)
      if (!analysis) {
        const own = passages.slice(start, end)
        analysis = analyseDocument(own)
        await cache.keep({ document, passages: own }, analysis)
      }
      parts.push(analysis)
      for (let p = start; p < end; p++) addedAt.push(p)
    }
    onProgress('analyse', end, passages.length)
    start = end
  }
  if (start !== passages.length) throw new SearchError('INDEX_BUILD_FAILED', 'The corpus lists passages out of their documents’ order.')
  const { analysed, vocabulary } = previous ? mergeOnto(parts, previous.state.analysed) : { analysed: mergeAnalyses(parts), vocabulary: null }
  const last: LastAnalysis | null = previous && vocabulary ? { analysed: previous.state.analysed, vocabulary } : null
  return { analysed, renumber, addedAt: Uint32Array.from(addedAt), last }
}

// The vector file and the model it records. The stage spans the cache, the model and the quantised vector file: all
// a build without a model skips.
async function embedStage(options: BuildOptions, embedder: Embedder, quantize: boolean, passages: readonly Passage[], previous: { build: PreviousBuild; renumber: Int32Array; addedAt: Uint32Array } | null, onProgress: BuildProgress) {
  onProgress('embed', 0, passages.length)
  const vectors = await buildVectors({
    indexDir: options.indexDir, embedder, quantize, passages, clusters: options.clusters ?? {}, previous,
    onProgress: (done, total) => onProgress('embed', done, total),
  })
  onProgress('embed', passages.length, passages.length)
  return vectors
}

// Every gram's postings: an incremental build reads the added passages' words only (the others' postings are the
// last build's). In a function of its own so that the passages' words, cut out for it, are let go when it returns.
function gramPostingsOf(analysed: AnalysedCorpus, passages: number, previous: { state: PreviousBuild['state']; renumber: Int32Array; addedAt: Uint32Array } | null): GramPostings {
  const content = contentWords(analysed, previous?.addedAt)
  const words = { words: analysed.words, starts: content.starts, tokens: content.words }
  return previous ? updateGramPostings(previous.state.postings, previous.renumber, passages, words, previous.addedAt, defaultNgramOptions) : gramPostings(words, defaultNgramOptions)
}

// The keyword data from the last build's, its kept postings renumbered and the added passages' merged in.
async function spliceKeyword(previous: PreviousBuild, renumber: Int32Array, addedAt: Uint32Array, ids: readonly string[], analysed: AnalysedCorpus, last: LastAnalysis): Promise<KeywordData | null> {
  let lastData: KeywordData
  try {
    lastData = decodeKeywordData(await previous.read('keyword.bin'))
  } catch {
    return null
  }
  return spliceKeywordData(lastData, { renumber, addedAt }, ids, analysed, last)
}

// The spelling repairs from the last build's, learned again for the words whose count changed only (a word's repair
// depends on the words sharing its skeleton); null when the last build's cannot be read.
async function repairsAfter(previous: PreviousBuild, counts: ReadonlyMap<string, number>, changed: readonly string[]): Promise<Map<string, string> | null> {
  try {
    return updateRepairs(decodeRepairs(await previous.read('repairs.bin')), counts, changed)
  } catch {
    return null
  }
}

// The variant components of the passages, from their analysed text stems (after a change, those of the passages
// that can join something only).
function variantRoots(passages: readonly Passage[], analysed: AnalysedCorpus, settled?: Int32Array): Int32Array {
  const documentIds = new Map<string, number>()
  const documents = Int32Array.from(passages, (p) => documentIds.get(p.docId) ?? (documentIds.set(p.docId, documentIds.size), documentIds.size - 1))
  if (settled) return changedVariantComponents({ documents, textStart: analysed.textStart, textWords: analysed.textWords, stemOf: analysed.stemOf, stems: analysed.stems.length }, analysed.bandKeys, settled)
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
