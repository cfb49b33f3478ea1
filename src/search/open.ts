// Opening the engine from disk: read the live index, rebuild it when missing, stale, damaged or
// built for another model, and wire the optional semantic parts (n-grams, translation, dense vectors).

import { resolve } from 'node:path'
import { SearchError } from '../errors.js'
import { corpusHash } from '../ingest/load.js'
import type { OcrProgress } from '../ingest/ocr.js'
import { skippedSummary } from '../ingest/skipped.js'
import { NgramIndex } from '../semantic/ngram.js'
import { englishTranslator } from '../semantic/translator.js'
import { buildIndex, type BuildProgress } from '../index/build.js'
import { decodeCorpus, type CorpusFile } from '../index/corpus-file.js'
import { configuredFingerprint, loadTransformersEmbedder, type Embedder } from '../index/embedder.js'
import { KeywordIndex } from '../index/keyword.js'
import { resolveModelConfig, type ModelConfig } from '../index/model-config.js'
import { readIndex, type StoredManifest } from '../index/store.js'
import { decodeVariants } from '../index/variants-file.js'
import { decodeRepairs } from '../index/repairs-file.js'
import { clusterStatus, VectorIndex } from '../index/vectors.js'
import { Engine, type DenseRetriever } from './engine.js'

export interface OpenOptions {
  seedDir: string
  indexDir: string
  /** `if-needed` rebuilds a missing, stale, damaged or re-configured index; `never` only reads; `always` rebuilds. Defaults to `if-needed`. */
  build?: 'if-needed' | 'never' | 'always'
  /** The embedding model; undefined reads the configuration (`resolveModelConfig`), null means none. */
  model?: ModelConfig | null
  /** Hand in an embedder (tests); skips loading one from `model`. */
  embedder?: Embedder | null
  log?: (line: string) => void
  onProgress?: BuildProgress
  /** OCR of scanned pages during a build, page by page. */
  onOcrProgress?: OcrProgress
}

export interface OpenedEngine {
  engine: Engine
  manifest: StoredManifest
  /** Why the index was rebuilt, or null when the one on disk was used. */
  rebuiltBecause: string | null
  problems: CorpusFile['problems']
}

export async function openEngine(options: OpenOptions): Promise<OpenedEngine> {
  const { build = 'if-needed', log = () => {} } = options
  const model = options.model === undefined ? resolveModelConfig() : options.model
  const found = await upToDate(options, model)
  let reason: string
  if (typeof found === 'string') reason = found
  else {
    // Reading the files checks them: one found damaged is rebuilt as when the manifest is.
    try {
      return { ...(await loadEngine(found, model, options.embedder, log)), rebuiltBecause: null }
    } catch (error) {
      reason = whyUnreadable(error, build, log)
    }
  }
  const embedder = await rebuild(options, model, reason)
  return { ...(await loadEngine(await readIndex(options.indexDir), model, embedder, log)), rebuiltBecause: reason }
}

/** What `updateIndex` did: the manifest of the live build, and why it was rebuilt (null when it was up to date). */
export interface UpdatedIndex {
  manifest: StoredManifest
  rebuiltBecause: string | null
}

/**
 * Brings the index on disk up to date as `openEngine` does, without opening an engine on it: for the commands that
 * only change the corpus (`npm run add`, `npm run remove`). Opening would read and decode every index file again,
 * about a second at 100k passages, only to print the manifest.
 */
export async function updateIndex(options: OpenOptions): Promise<UpdatedIndex> {
  const model = options.model === undefined ? resolveModelConfig() : options.model
  const found = await upToDate(options, model)
  if (typeof found !== 'string') return { manifest: found.manifest, rebuiltBecause: null }
  await rebuild(options, model, found)
  return { manifest: (await readIndex(options.indexDir)).manifest, rebuiltBecause: found }
}

type LoadedIndex = Awaited<ReturnType<typeof readIndex>>

/** The index on disk when it can be used as it is, else why it must be built. */
async function upToDate(options: OpenOptions, model: ModelConfig | null): Promise<LoadedIndex | string> {
  const { seedDir, indexDir, build = 'if-needed', log = () => {} } = options
  if (build === 'always') return 'a rebuild was asked for'
  try {
    const index = await readIndex(indexDir)
    if (build === 'never') return index
    return (await staleness(index.manifest, seedDir, model?.modelId ?? null)) ?? modelFilesChanged(index.manifest, model, options.embedder) ?? index
  } catch (error) {
    return whyUnreadable(error, build, log)
  }
}

/** Why an index that could not be read must be built again; rethrows what a rebuild cannot cure, and anything when building is not allowed. */
function whyUnreadable(error: unknown, build: OpenOptions['build'], log: (line: string) => void): string {
  if (!(error instanceof SearchError) || build === 'never') throw error
  if (error.code === 'INDEX_CORRUPT') log(`The index on disk is damaged (${error.message}); rebuilding it.`)
  return error.code === 'INDEX_MISSING' ? 'no index was built yet' : `the index was unreadable: ${error.message}`
}

/** Builds the index from the corpus folder and swaps it in; the embedder it used, for the engine opened on it. */
async function rebuild(options: OpenOptions, model: ModelConfig | null, reason: string): Promise<Embedder | null> {
  const { seedDir, indexDir, log = () => {} } = options
  log(`Building the index: ${reason}.`)
  const { embedder, note } = options.embedder !== undefined ? { embedder: options.embedder, note: 'No embedder was handed in.' } : await tryLoadEmbedder(model, log)
  const built = await buildIndex({ seedDir, indexDir, embedder, modelRequested: model?.modelId ?? null, modelNote: note, onProgress: options.onProgress, onOcrProgress: options.onOcrProgress })
  if (built.problems.length > 0) log(skippedSummary(built.problems))
  return embedder
}

/** Why the index on disk no longer fits the seeds or the configuration, or null when it does. */
async function staleness(manifest: StoredManifest, seedDir: string, requested: string | null): Promise<string | null> {
  if (manifest.corpus && manifest.corpus.dir !== resolve(seedDir)) return `the corpus folder changed (${manifest.corpus.dir} → ${resolve(seedDir)})`
  if (manifest.corpusHash !== (await corpusHash(seedDir, manifest.corpus))) return 'the seed documents changed'
  if ((manifest.modelRequested ?? null) !== requested) return `the embedding model changed (${manifest.modelRequested ?? 'none'} → ${requested ?? 'none'})`
  return null
}

/** Why the vectors on disk are not the configured model's, judged by the fingerprint of its files; null when they are or it cannot tell yet. */
function modelFilesChanged(manifest: StoredManifest, model: ModelConfig | null, handed: Embedder | null | undefined): string | null {
  if (!manifest.model) return null
  const expected = handed !== undefined ? (handed?.fingerprint ?? null) : model ? configuredFingerprint(model) : null
  if (expected === null || expected === manifest.model.fingerprint) return null
  return `the embedding model's files changed (${manifest.model.id}: ${manifest.model.fingerprint?.slice(0, 12) ?? 'no fingerprint'} → ${expected.slice(0, 12)})`
}

async function tryLoadEmbedder(model: ModelConfig | null, log: (line: string) => void): Promise<{ embedder: Embedder | null; note: string }> {
  if (!model) return { embedder: null, note: 'No embedding model is configured (EMBEDDING_MODEL=none).' }
  try {
    return { embedder: await loadTransformersEmbedder(model), note: '' }
  } catch (error) {
    log(`The embedding model could not be loaded: ${(error as Error).message}`)
    const note = `The embedding model ${model.modelId} could not be loaded, so semantic search uses the offline channels only (character n-grams, English→French). To install a model offline, see README › Embedding models.`
    return { embedder: null, note }
  }
}

async function loadEngine(
  index: LoadedIndex,
  model: ModelConfig | null,
  handed: Embedder | null | undefined,
  log: (line: string) => void,
): Promise<Omit<OpenedEngine, 'rebuiltBecause'>> {
  const corpus = decodeCorpus(await index.read('corpus.bin'))
  const ids = corpus.passages.map((p) => p.id)
  const keyword = KeywordIndex.fromBuffer(await index.read('keyword.bin'))
  const ngram = NgramIndex.fromBinary(await index.read('ngram.bin'), ids)
  const translator = englishTranslator(keyword)
  let dense: DenseRetriever | null = null
  let semanticNote = index.manifest.modelNote
  if (index.manifest.model) {
    // The store has compared the whole file with the manifest's checksum: the body's own is not computed again.
    const vectors = VectorIndex.fromBuffer(await index.read('vectors.bin'), 'vectors.bin', { checked: true })
    const loaded = handed !== undefined ? { embedder: handed, note: '' } : await tryLoadEmbedder(model, log)
    if (loaded.embedder && loaded.embedder.fingerprint === index.manifest.model.fingerprint) dense = denseRetriever(loaded.embedder, vectors)
    else semanticNote = loaded.note || `The index was built with other files of ${index.manifest.model.id} than those loaded: semantic search uses the offline channels only until \`npm run index\` rebuilds it.`
  }
  const variantGroups = decodeVariants(await index.read('variants.bin'), ids)
  const repairs = decodeRepairs(await index.read('repairs.bin'))
  const engine = new Engine({ documents: corpus.documents, passages: corpus.passages, keyword, ngram, translator, dense, semanticNote, variantGroups, repairs })
  return { engine, manifest: index.manifest, problems: corpus.problems }
}

function denseRetriever(embedder: Embedder, vectors: VectorIndex): DenseRetriever {
  // A search with filters asks the dense channel again for each facet whose filter is set: embed the query once.
  let last: { query: string; vector: Float32Array } | null = null
  const clusters = vectors.clusters
  return {
    modelId: embedder.id,
    clusters: clusters && clusterStatus(clusters),
    async search(query, limit, filter) {
      const vector = last?.query === query ? last.vector : await embedder.embedQuery(query)
      last = { query, vector }
      return vectors.search(vector, limit, filter)
    },
  }
}
