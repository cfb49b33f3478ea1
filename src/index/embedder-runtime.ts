// The two ways transformers.js can hurt us, contained: its global `env` settings, and a hub that never answers.

import { SearchError } from '../errors.js'

/** The settings of transformers.js's global `env` that decide where model files come from. */
export interface ModelSourceSettings {
  allowRemoteModels: boolean
  allowLocalModels: boolean
  localModelPath: string
  useFSCache: boolean
  cacheDir: string
  remoteHost: string
}

const settingKeys = [
  'allowRemoteModels',
  'allowLocalModels',
  'localModelPath',
  'useFSCache',
  'cacheDir',
  'remoteHost',
] as const satisfies ReadonlyArray<keyof ModelSourceSettings>

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs `load` with `settings` applied to the transformers.js `env`, then puts the previous values back.
 * transformers.js reads `env` while it fetches files, so loads run one at a time: two loads with different
 * folders must not see each other's settings. Once a model is loaded it no longer reads `env`.
 */
export function withModelSource<T>(env: object, settings: ModelSourceSettings, load: () => Promise<T>): Promise<T> {
  const target = env as Record<string, unknown>
  const run = queue.then(async () => {
    const saved = settingKeys.map((key) => [key, target[key]] as const)
    for (const key of settingKeys) target[key] = settings[key]
    try {
      return await load()
    } finally {
      for (const [key, value] of saved) target[key] = value
    }
  })
  queue = run.catch(() => undefined)
  return run
}

/** Rejects with MODEL_UNAVAILABLE after `ms` milliseconds; the work itself goes on, but nobody waits for it. */
export async function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SearchError('MODEL_UNAVAILABLE', message)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** How to install a model without network, for every message that says a model could not be had. */
export function offlineInstallHint(modelId: string, modelDir: string): string {
  return (
    `To install it offline, copy the model folder (config.json, tokenizer.json, tokenizer_config.json, ` +
    `onnx/model_quantized.onnx or onnx/model.onnx) from a machine that has it to ${modelDir}/${modelId}/, ` +
    `or point EMBEDDING_MODEL at a folder; EMBEDDING_MODEL=none runs without dense vectors (keyword, character n-gram and English→French search still run).`
  )
}

/**
 * Asks the hub for the model's config.json, giving up after `timeoutMs`, so a hub that is unreachable
 * (offline machine, firewall that drops packets) fails in seconds instead of hanging a download.
 */
export async function checkHubReachable(remoteHost: string, modelId: string, modelDir: string, timeoutMs: number): Promise<void> {
  const url = `${remoteHost.replace(/\/+$/, '')}/${modelId}/resolve/main/config.json`
  const hint = offlineInstallHint(modelId, modelDir)
  let response: Response
  try {
    response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    const why = cause instanceof Error && cause.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : errorText(cause)
    throw new SearchError('MODEL_UNAVAILABLE', `Embedding model ${modelId}: the model hub at ${remoteHost} is unreachable (${why}). ${hint}`, {
      cause,
    })
  }
  if (!response.ok) {
    throw new SearchError(
      'MODEL_UNAVAILABLE',
      `Embedding model ${modelId}: the model hub answered ${response.status} for ${url}; check the model id. ${hint}`,
    )
  }
}

/** An error's message and its cause's, without a final period, to sit inside a sentence. */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`.replace(/\.+$/, '')
}
