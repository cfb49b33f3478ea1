// A model's identity: a hash of the files that decide its vectors, so two folders of the same name never pass for one.

import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'

/** The files hashed, in this order (a missing optional one counts as absent); the weights file is added last. */
const IDENTITY_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'embedding.json'] as const

/** The weights file transformers.js loads from a model folder. */
export const weightsFile = (quantized: boolean): string => join('onnx', quantized ? 'model_quantized.onnx' : 'model.onnx')

// Hashing 100+ MB of weights takes a moment: remember each file set by path, size and modification time.
const remembered = new Map<string, string>()

/**
 * SHA-256 (hex) over the model's configuration, tokenizer, optional `embedding.json` and weights, each as its name,
 * its length and its bytes; null when the folder has no `config.json` (the model is not installed there yet).
 */
export function modelFingerprint(folder: string, quantized: boolean): string | null {
  if (!existsSync(join(folder, 'config.json'))) return null
  const files = [...IDENTITY_FILES, weightsFile(quantized)].map((name) => ({ name, path: join(folder, name) }))
  const stats = files.map(({ path }) => (existsSync(path) ? statSync(path) : null))
  const key = JSON.stringify(files.map(({ path }, i) => [path, stats[i]?.size ?? -1, stats[i]?.mtimeMs ?? -1]))
  const known = remembered.get(key)
  if (known) return known
  const hash = createHash('sha256')
  const chunk = Buffer.alloc(1 << 20)
  files.forEach(({ name, path }, i) => {
    hash.update(`${name}\0${stats[i]?.size ?? 'absent'}\0`)
    if (!stats[i]) return
    const fd = openSync(path, 'r')
    try {
      for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, read))
    } finally {
      closeSync(fd)
    }
  })
  const fingerprint = hash.digest('hex')
  remembered.set(key, fingerprint)
  return fingerprint
}
