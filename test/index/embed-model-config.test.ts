import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, describe, expect, it } from 'vitest'
import { loadTransformersEmbedder } from '../../src/index/embedder.js'
import { resolveModelConfig } from '../../src/index/model-config.js'
import { tempDir } from '../temp.js'

const tinyModel = fileURLToPath(new URL('../fixtures/tiny-model', import.meta.url))

async function installModel(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true })
  await writeFile(join(folder, 'config.json'), '{"model_type":"bert"}')
}

describe('resolveModelConfig', () => {
  let cwd: string
  beforeEach(async () => {
    cwd = await tempDir('model-config-')
  })

  it('defaults to multilingual-e5-small from the hub, downloaded into ./models', () => {
    expect(resolveModelConfig({}, cwd)).toEqual({
      modelId: 'Xenova/multilingual-e5-small',
      localPath: null,
      allowRemote: true,
      modelDir: join(cwd, 'models'),
    })
  })

  it('reads EMBEDDING_MODEL=none, in any case, as no model', () => {
    expect(resolveModelConfig({ EMBEDDING_MODEL: 'none' }, cwd)).toBeNull()
    expect(resolveModelConfig({ EMBEDDING_MODEL: ' None ' }, cwd)).toBeNull()
  })

  it('uses an installed copy in MODEL_DIR without the network', async () => {
    await installModel(join(cwd, 'weights', 'Xenova', 'multilingual-e5-small'))
    expect(resolveModelConfig({ MODEL_DIR: 'weights' }, cwd)).toEqual({
      modelId: 'Xenova/multilingual-e5-small',
      localPath: join(cwd, 'weights', 'Xenova', 'multilingual-e5-small'),
      allowRemote: false,
      modelDir: join(cwd, 'weights'),
    })
  })

  it('reads a path as a folder, named after itself, or by its place in the model folder', async () => {
    expect(resolveModelConfig({ EMBEDDING_MODEL: tinyModel }, cwd)).toMatchObject({ modelId: 'tiny-model', localPath: tinyModel, allowRemote: false })
    await installModel(join(cwd, 'models', 'acme', 'french-mini'))
    expect(resolveModelConfig({ EMBEDDING_MODEL: './models/acme/french-mini' }, cwd)).toMatchObject({
      modelId: 'acme/french-mini',
      localPath: join(cwd, 'models', 'acme', 'french-mini'),
    })
    // An existing folder with a config.json is a path even without `./`.
    await installModel(join(cwd, 'local', 'mini'))
    expect(resolveModelConfig({ EMBEDDING_MODEL: 'local/mini' }, cwd)).toMatchObject({ modelId: 'mini', localPath: join(cwd, 'local', 'mini') })
  })

  it('turns downloads off with HF_HUB_OFFLINE=1 or TRANSFORMERS_OFFLINE=1', () => {
    expect(resolveModelConfig({ HF_HUB_OFFLINE: '1' }, cwd)).toMatchObject({ localPath: null, allowRemote: false })
    expect(resolveModelConfig({ TRANSFORMERS_OFFLINE: '1' }, cwd)).toMatchObject({ localPath: null, allowRemote: false })
  })

  it('reads search.config.json, and the environment wins over it', async () => {
    await writeFile(join(cwd, 'search.config.json'), JSON.stringify({ embeddingModel: 'Xenova/bge-m3', modelDir: 'cache/models' }))
    expect(resolveModelConfig({}, cwd)).toEqual({
      modelId: 'Xenova/bge-m3',
      localPath: null,
      allowRemote: true,
      modelDir: join(cwd, 'cache', 'models'),
    })
    expect(resolveModelConfig({ EMBEDDING_MODEL: 'Xenova/multilingual-e5-small', MODEL_DIR: '/srv/models' }, cwd)).toMatchObject({
      modelId: 'Xenova/multilingual-e5-small',
      modelDir: '/srv/models',
    })
    expect(resolveModelConfig({ EMBEDDING_MODEL: 'none' }, cwd)).toBeNull()
    // An empty variable is unset, not a model called ''.
    expect(resolveModelConfig({ EMBEDDING_MODEL: '' }, cwd)).toMatchObject({ modelId: 'Xenova/bge-m3' })
  })

  it('honours "none" in search.config.json', async () => {
    await writeFile(join(cwd, 'search.config.json'), '{ "embeddingModel": "none" }')
    expect(resolveModelConfig({}, cwd)).toBeNull()
  })

  it('refuses a malformed search.config.json with a message naming the file', async () => {
    await writeFile(join(cwd, 'search.config.json'), '{ embeddingModel: none }')
    expect(() => resolveModelConfig({}, cwd)).toThrow(expect.objectContaining({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('search.config.json is not valid JSON') }))
    await writeFile(join(cwd, 'search.config.json'), '{ "modelDir": 3 }')
    expect(() => resolveModelConfig({}, cwd)).toThrow(/"modelDir" must be a string/)
  })

  it('gives a config the embedder loads as is', async () => {
    const config = resolveModelConfig({ EMBEDDING_MODEL: tinyModel }, cwd)
    const embedder = await loadTransformersEmbedder({ ...config!, batchSize: 4 })
    expect(embedder.id).toBe('tiny-model')
    expect(embedder.dimension).toBe(64)
  })
})
