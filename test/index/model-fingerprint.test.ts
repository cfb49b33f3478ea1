// A model is its files, not its folder's name: two `tiny-model` folders with different weights never share vectors.

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/search/open.js'
import type { ModelConfig } from '../../src/index/model-config.js'
import { modelFingerprint } from '../../src/index/model-fingerprint.js'
import { buildTinyModel } from '../../scripts/build-tiny-model.js'

let work: string
let modelA: ModelConfig
let modelB: ModelConfig
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ctoc-fingerprint-'))
  await cp('test/fixtures/tiny-model', join(work, 'a', 'tiny-model'), { recursive: true })
  // Same builder, other weights: a different model in a folder of the same name.
  await buildTinyModel(join(work, 'b', 'tiny-model'), { seed: 7 })
  const config = (folder: string): ModelConfig => ({ modelId: 'tiny-model', localPath: join(work, folder, 'tiny-model'), allowRemote: false, modelDir: join(work, 'models') })
  modelA = config('a')
  modelB = config('b')
})
afterAll(() => rm(work, { recursive: true, force: true }))

describe('modelFingerprint', () => {
  it('is the same for a copy, and changes with the weights or the configuration', async () => {
    const a = join(work, 'a', 'tiny-model')
    const copy = join(work, 'copy', 'tiny-model')
    await cp(a, copy, { recursive: true })
    expect(modelFingerprint(copy, true)).toBe(modelFingerprint(a, true))
    expect(modelFingerprint(join(work, 'b', 'tiny-model'), true)).not.toBe(modelFingerprint(a, true))

    const weights = join(copy, 'onnx', 'model_quantized.onnx')
    const bytes = await readFile(weights)
    bytes[bytes.length - 1]! ^= 1
    await writeFile(weights, bytes)
    const flipped = modelFingerprint(copy, true)
    expect(flipped).not.toBe(modelFingerprint(a, true))
    await writeFile(join(copy, 'config.json'), (await readFile(join(copy, 'config.json'), 'utf8')).replace('}', ', "note": "x" }'))
    expect(modelFingerprint(copy, true)).not.toBe(flipped)
    expect(modelFingerprint(join(work, 'no-model'), true)).toBeNull()
  })
})

describe('an index built with one model is never searched with another of the same name (issue #11)', () => {
  it('rebuilds when the folder of the same name holds other files', async () => {
    const indexDir = join(work, 'index-rebuild')
    const built = await openEngine({ seedDir: 'seeds', indexDir, model: modelA })
    expect(built.manifest.model).toMatchObject({ id: 'tiny-model' })
    const again = await openEngine({ seedDir: 'seeds', indexDir, model: modelA })
    expect(again.rebuiltBecause).toBeNull()

    const switched = await openEngine({ seedDir: 'seeds', indexDir, model: modelB })
    expect(switched.rebuiltBecause).toMatch(/embedding model's files changed \(tiny-model: /)
    expect(switched.manifest.model!.fingerprint).not.toBe(built.manifest.model!.fingerprint)
    expect(switched.engine.semanticStatus.dense).toBe(true)
  })

  it('turns dense search off, and says so, when told not to rebuild', async () => {
    const indexDir = join(work, 'index-never')
    await openEngine({ seedDir: 'seeds', indexDir, model: modelA })
    const opened = await openEngine({ seedDir: 'seeds', indexDir, model: modelB, build: 'never' })
    expect(opened.engine.semanticStatus.dense).toBe(false)
    expect(opened.engine.semanticStatus.note).toMatch(/other files of tiny-model.*npm run index/)
    const r = await opened.engine.search({ q: 'protection des témoins', mode: 'semantic' })
    expect(r.results[0]!.scores.dense).toBeUndefined()
  })
})
