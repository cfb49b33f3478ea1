// Text → unit vectors: the Embedder interface and its transformers.js implementation (mean pooling, e5 prefixes).

import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { SearchError } from '../errors.js'
import { meanPool, type TensorView } from './embedder-pooling.js'
import type { ModelSourceSettings } from './embedder-runtime.js'
import { checkHubReachable, errorText, offlineInstallHint, withModelSource, withTimeout } from './embedder-runtime.js'
import { defaultModelDir, defaultModelId } from './model-config.js'
import { modelFingerprint, weightsFile } from './model-fingerprint.js'

/** Turns text into unit-length vectors; the engine and the index builder only ever see this. */
export interface Embedder {
  /** Model id or folder name, recorded in the index manifest. */
  readonly id: string
  /**
   * What the vectors depend on, hashed: the model's files (config, tokenizer, weights) and the prefixes. Recorded in
   * the manifest; vectors are only ever compared with a query embedded by a model of the same fingerprint.
   */
  readonly fingerprint: string
  readonly dimension: number
  /** One query, with the model's query prefix; unit length. */
  embedQuery(text: string): Promise<Float32Array>
  /** Passages in batches, with the model's passage prefix; unit length, in input order. Text past the model's window (512 tokens for e5) is cut. */
  embedPassages(texts: string[], onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>
}

/** What a model expects in front of a text: e5 models were trained with `query: ` and `passage: `. */
export interface EmbeddingPrefixes {
  query: string
  passage: string
}

/** Accepts a `ModelConfig` from `resolveModelConfig` as is, plus tuning. */
export interface EmbedderOptions {
  /** Hub id, recorded as `Embedder.id`. Defaults to the folder name of `localPath`, else `Xenova/multilingual-e5-small`. */
  modelId?: string
  /** Folder in the transformers.js layout; when set, nothing is fetched. Defaults to null (use the hub). */
  localPath?: string | null
  /** Whether a model not found locally may be downloaded. Defaults to false. */
  allowRemote?: boolean
  /** Where downloads are stored, as `<modelDir>/<modelId>/`, ready for offline use. Defaults to `models`. */
  modelDir?: string
  /** Base URL of the model hub (a mirror, or a test server). Defaults to `https://huggingface.co/`. */
  remoteHost?: string
  /** Load `onnx/model_quantized.onnx` rather than `onnx/model.onnx`. Defaults to true when the quantized file is there (always, remotely). */
  quantized?: boolean
  /** Texts per model call in `embedPassages`, 1–1024. Defaults to 16. */
  batchSize?: number
  /** Overrides the prefixes found in `embedding.json` or guessed from the id (see `resolvePrefixes`). */
  prefixes?: EmbeddingPrefixes
  /** How long the hub may take to answer before we give up, in ms. Defaults to 10 000. */
  timeoutMs?: number
  /** How long a whole download may take, in ms. Defaults to 600 000. */
  downloadTimeoutMs?: number
}

export const defaultEmbedderOptions = {
  modelDir: defaultModelDir,
  allowRemote: false,
  remoteHost: 'https://huggingface.co/',
  batchSize: 16,
  timeoutMs: 10_000,
  downloadTimeoutMs: 600_000,
}

export const e5Prefixes: EmbeddingPrefixes = { query: 'query: ', passage: 'passage: ' }
export const noPrefixes: EmbeddingPrefixes = { query: '', passage: '' }

/** The optional file in a model folder that says how to prefix texts, e.g. `{ "queryPrefix": "query: ", "passagePrefix": "passage: " }`. */
export const embeddingConfigFileName = 'embedding.json'

const localOnly = { allowRemoteModels: false, allowLocalModels: true, useFSCache: false }
const hubThenCache = { allowRemoteModels: true, allowLocalModels: true, useFSCache: true }

const e5Pattern = /(^|[^a-z0-9])e5([^a-z0-9]|$)/i

/**
 * The prefixes to apply, first found wins: `embedding.json` in the model folder (`queryPrefix`,
 * `passagePrefix`, each optional, default ''), then e5 prefixes when the id names an e5 model
 * (`multilingual-e5-small`, `e5-base-v2`), then none.
 */
export function resolvePrefixes(modelId: string, folder: string | null): EmbeddingPrefixes {
  const file = folder === null ? null : join(folder, embeddingConfigFileName)
  if (file !== null && existsSync(file)) {
    let config: unknown
    try {
      config = JSON.parse(readFileSync(file, 'utf8'))
    } catch (cause) {
      throw new SearchError('MODEL_UNAVAILABLE', `${file} is not valid JSON: fix or remove it.`, { cause })
    }
    const { queryPrefix = '', passagePrefix = '' } = (config ?? {}) as Record<string, unknown>
    if (typeof queryPrefix !== 'string' || typeof passagePrefix !== 'string') {
      throw new SearchError('MODEL_UNAVAILABLE', `${file}: "queryPrefix" and "passagePrefix" must be strings.`)
    }
    return { query: queryPrefix, passage: passagePrefix }
  }
  return e5Pattern.test(modelId) ? e5Prefixes : noPrefixes
}

/**
 * Loads a feature-extraction model through transformers.js, from a local folder or (when allowed) the hub,
 * and checks it by embedding one text. Fails with MODEL_UNAVAILABLE, saying how to install the model offline.
 */
export async function loadTransformersEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const settings = { ...defaultEmbedderOptions, ...withoutUndefined(options) }
  const localPath = settings.localPath ? resolve(settings.localPath) : null
  const modelId = settings.modelId ?? (localPath ? basename(localPath) : defaultModelId)
  const modelDir = resolve(settings.modelDir)
  const { batchSize } = settings
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 1024) {
    throw new SearchError('BAD_PARAMETER', `Embedder: batchSize must be an integer from 1 to 1024, got ${batchSize}.`)
  }

  let source: ModelSourceSettings
  let quantized: boolean
  if (localPath !== null) {
    quantized = settings.quantized ?? existsSync(join(localPath, 'onnx', 'model_quantized.onnx'))
    checkModelFolder(localPath, modelId, modelDir, quantized)
    // transformers.js looks for `<localModelPath>/<name>/<file>`, so the folder's parent is the model path.
    source = { ...localOnly, localModelPath: dirname(localPath), cacheDir: modelDir, remoteHost: settings.remoteHost }
  } else {
    if (!settings.allowRemote) {
      throw new SearchError(
        'MODEL_UNAVAILABLE',
        `Embedding model ${modelId} is not installed in ${modelDir} and downloads are off. ${offlineInstallHint(modelId, modelDir)}`,
      )
    }
    quantized = settings.quantized ?? true
    await checkHubReachable(settings.remoteHost, modelId, modelDir, settings.timeoutMs)
    // The download cache is the model folder itself, so what is downloaded once is installed for offline use.
    source = { ...hubThenCache, localModelPath: modelDir, cacheDir: modelDir, remoteHost: settings.remoteHost }
  }

  const { env, AutoModel, AutoTokenizer } = await import('@xenova/transformers')
  const name = localPath !== null ? basename(localPath) : modelId
  const failed = (error: unknown) => {
    if (error instanceof SearchError) return error
    const hint =
      localPath !== null
        ? `Check that the folder is a complete transformers.js export, or set EMBEDDING_MODEL=none to run without dense vectors (keyword, character n-gram and English→French search still run).`
        : offlineInstallHint(modelId, modelDir)
    const from = localPath ?? settings.remoteHost
    return new SearchError('MODEL_UNAVAILABLE', `Embedding model ${modelId} could not be loaded from ${from}: ${errorText(error)}. ${hint}`, {
      cause: error,
    })
  }
  let parts: ModelParts
  try {
    const loading = withModelSource(env, source, async () => {
      const [tokenizer, model] = await Promise.all([
        AutoTokenizer.from_pretrained(name, { quantized }),
        AutoModel.from_pretrained(name, { quantized }),
      ])
      return { tokenize: tokenizer as unknown as Tokenize, run: model as unknown as RunModel }
    })
    const tooLong = `Embedding model ${modelId}: the download took longer than ${settings.downloadTimeoutMs} ms. ${offlineInstallHint(modelId, modelDir)}`
    parts = await (localPath !== null ? loading : withTimeout(loading, settings.downloadTimeoutMs, tooLong))
  } catch (error) {
    throw failed(error)
  }
  const folder = localPath ?? join(modelDir, modelId)
  const prefixes = settings.prefixes ?? resolvePrefixes(modelId, folder)
  const fingerprint = embedderFingerprint(modelFingerprint(folder, quantized) ?? `not hashed: ${modelId}`, prefixes)
  const embed = async (texts: string[]): Promise<Float32Array[]> => {
    const inputs = parts.tokenize(texts, { padding: true, truncation: true })
    const outputs = await parts.run(inputs)
    // Feature-extraction exports name their token vectors in one of these ways.
    const hidden = outputs.last_hidden_state ?? outputs.token_embeddings ?? outputs.logits
    if (!hidden) throw new Error(`the model has no token vectors among its outputs (${Object.keys(outputs).join(', ')})`)
    return meanPool(hidden, inputs.attention_mask)
  }
  let dimension: number
  try {
    dimension = (await embed([`${prefixes.passage}modèle`]))[0]!.length
  } catch (error) {
    throw failed(error)
  }
  return createEmbedder(embed, { id: modelId, fingerprint, dimension, batchSize, prefixes })
}

/** What is used of the transformers.js tokenizer and model, both callable objects. */
type Tokenize = (texts: string[], options: { padding: boolean; truncation: boolean }) => Record<string, TensorView> & { attention_mask: TensorView }
type RunModel = (inputs: Record<string, TensorView>) => Promise<Record<string, TensorView | undefined>>
interface ModelParts {
  tokenize: Tokenize
  run: RunModel
}

/**
 * The fingerprint the configured model will have once loaded, read from its files without loading it; null when
 * its files are not on disk yet (a hub model before its download). Cheap after the first call per process.
 */
export function configuredFingerprint(options: Pick<EmbedderOptions, 'modelId' | 'localPath' | 'modelDir' | 'quantized' | 'prefixes'>): string | null {
  const localPath = options.localPath ? resolve(options.localPath) : null
  const modelId = options.modelId ?? (localPath ? basename(localPath) : defaultModelId)
  const folder = localPath ?? join(resolve(options.modelDir ?? defaultEmbedderOptions.modelDir), modelId)
  const quantized = options.quantized ?? (localPath === null || existsSync(join(folder, weightsFile(true))))
  const files = modelFingerprint(folder, quantized)
  return files === null ? null : embedderFingerprint(files, options.prefixes ?? resolvePrefixes(modelId, folder))
}

function embedderFingerprint(files: string, prefixes: EmbeddingPrefixes): string {
  return createHash('sha256').update(`${files}\0${prefixes.query}\0${prefixes.passage}`).digest('hex')
}

function createEmbedder(
  embed: (texts: string[]) => Promise<Float32Array[]>,
  { id, fingerprint, dimension, batchSize, prefixes }: { id: string; fingerprint: string; dimension: number; batchSize: number; prefixes: EmbeddingPrefixes },
): Embedder {
  return {
    id,
    fingerprint,
    dimension,
    async embedQuery(text) {
      const [vector] = await embed([prefixes.query + text])
      return vector!
    },
    async embedPassages(texts, onProgress) {
      const vectors: Float32Array[] = []
      for (let start = 0; start < texts.length; start += batchSize) {
        const batch = texts.slice(start, start + batchSize).map((text) => prefixes.passage + text)
        vectors.push(...(await embed(batch)))
        onProgress?.(vectors.length, texts.length)
      }
      return vectors
    },
  }
}

function checkModelFolder(folder: string, modelId: string, modelDir: string, quantized: boolean): void {
  const weights = weightsFile(quantized)
  const missing = ['config.json', 'tokenizer.json', 'tokenizer_config.json', weights].filter((f) => !existsSync(join(folder, f)))
  if (missing.length > 0) {
    throw new SearchError(
      'MODEL_UNAVAILABLE',
      `Embedding model folder ${folder} lacks ${missing.join(', ')}. ${offlineInstallHint(modelId, modelDir)}`,
    )
  }
}

function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T
}
