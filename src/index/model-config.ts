// Which embedding model to use and where it lives: environment, then search.config.json, then defaults.

import { existsSync, readFileSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { SearchError } from '../errors.js'

/** Where to find the embedding model; pass it (spread) to `loadTransformersEmbedder`. */
export interface ModelConfig {
  /** Hub id (`Xenova/multilingual-e5-small`) or, for a folder outside `modelDir`, the folder's name. Recorded in the index manifest. */
  modelId: string
  /** Absolute path of a folder in the transformers.js layout, or null when the model must come from the hub. */
  localPath: string | null
  /** Whether the model may be downloaded from the hub; never true when `localPath` is set. */
  allowRemote: boolean
  /** Absolute path of the folder holding installed models as `<modelDir>/<owner>/<name>/`; downloads land there too. */
  modelDir: string
}

/** The optional `search.config.json` in the working directory; relative paths in it are read from that directory. */
export interface SearchConfigFile {
  embeddingModel?: string
  modelDir?: string
}

export const defaultModelId = 'Xenova/multilingual-e5-small'
export const defaultModelDir = 'models'
export const searchConfigFileName = 'search.config.json'

/** The value of `EMBEDDING_MODEL` (or `embeddingModel`) that turns the semantic channel off. */
export const noModel = 'none'

type Environment = Record<string, string | undefined>

/**
 * Decides which embedding model to load, or `null` for none.
 *
 * Precedence, first set wins:
 * - model: `EMBEDDING_MODEL`, then `embeddingModel` in `search.config.json`, then `Xenova/multilingual-e5-small`.
 *   `none` (any case) means no model: the result is `null` and search is keyword-only.
 * - model folder: `MODEL_DIR`, then `modelDir` in `search.config.json`, then `models/`; relative to `cwd`.
 *
 * The model value is a folder path when it is absolute, starts with `.`, or names an existing folder (relative to
 * `cwd`) holding a `config.json`; anything else is a hub id (`owner/name`).
 * A hub id is used from `<modelDir>/<id>/` when its `config.json` is there (no network needed); otherwise it may
 * be downloaded into that same folder, unless `HF_HUB_OFFLINE` or `TRANSFORMERS_OFFLINE` is set to `1`.
 */
export function resolveModelConfig(env: Environment = process.env, cwd: string = process.cwd()): ModelConfig | null {
  const file = readSearchConfig(cwd)
  const spec = (nonEmpty(env.EMBEDDING_MODEL) ?? nonEmpty(file.embeddingModel) ?? defaultModelId).trim()
  if (spec.toLowerCase() === noModel) return null
  const modelDir = resolve(cwd, nonEmpty(env.MODEL_DIR) ?? nonEmpty(file.modelDir) ?? defaultModelDir)

  if (looksLikePath(spec, cwd)) {
    const localPath = resolve(cwd, spec)
    return { modelId: modelIdOfFolder(localPath, modelDir), localPath, allowRemote: false, modelDir }
  }
  const installed = resolve(modelDir, spec)
  if (existsSync(resolve(installed, 'config.json'))) {
    return { modelId: spec, localPath: installed, allowRemote: false, modelDir }
  }
  const offline = env.HF_HUB_OFFLINE === '1' || env.TRANSFORMERS_OFFLINE === '1'
  return { modelId: spec, localPath: null, allowRemote: !offline, modelDir }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined
}

function readSearchConfig(cwd: string): SearchConfigFile {
  const path = resolve(cwd, searchConfigFileName)
  if (!existsSync(path)) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'))
  } catch (cause) {
    throw new SearchError('MODEL_UNAVAILABLE', `${path} is not valid JSON: fix it or remove it.`, { cause })
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SearchError('MODEL_UNAVAILABLE', `${path} must hold an object like { "embeddingModel": "…", "modelDir": "…" }.`)
  }
  const config = parsed as Record<string, unknown>
  for (const key of ['embeddingModel', 'modelDir'] as const) {
    if (config[key] !== undefined && typeof config[key] !== 'string') {
      throw new SearchError('MODEL_UNAVAILABLE', `${path}: "${key}" must be a string.`)
    }
  }
  return config as SearchConfigFile
}

function looksLikePath(spec: string, cwd: string): boolean {
  if (spec.startsWith('.') || isAbsolute(spec) || spec.includes('\\')) return true
  const candidate = resolve(cwd, spec)
  return existsSync(resolve(candidate, 'config.json')) && statSync(candidate).isDirectory()
}

/** `Xenova/multilingual-e5-small` for `<modelDir>/Xenova/multilingual-e5-small`, else the folder's own name. */
function modelIdOfFolder(localPath: string, modelDir: string): string {
  const inside = relative(modelDir, localPath)
  if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) return inside.split(sep).join('/')
  return localPath.split(sep).filter(Boolean).pop() ?? localPath
}
