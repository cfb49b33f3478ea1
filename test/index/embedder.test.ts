import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AutoTokenizer, env } from '@xenova/transformers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { withModelSource } from '../../src/index/embedder-runtime.js'
import { e5Prefixes, loadTransformersEmbedder, noPrefixes, resolvePrefixes, type Embedder } from '../../src/index/embedder.js'
import { resolveModelConfig } from '../../src/index/model-config.js'

const tinyModel = fileURLToPath(new URL('../fixtures/tiny-model/', import.meta.url))

function norm(vector: Float32Array): number {
  return Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0))
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0)
}

function expectSameVector(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 6))
}

const passages = [
  'Les États parties devraient renforcer la coopération judiciaire et l’entraide en matière pénale.',
  'Le trafic illicite de migrants par terre, air et mer constitue une infraction grave.',
  'La formation des agents des services de détection et de répression est essentielle.',
  'Les migrants objet d’un trafic illicite doivent recevoir une protection et une assistance.',
  'Le Groupe de travail a adopté des recommandations sur l’incrimination et les enquêtes.',
]

describe('loadTransformersEmbedder on the tiny model', () => {
  let embedder: Embedder
  beforeAll(async () => {
    embedder = await loadTransformersEmbedder({ localPath: tinyModel })
  })

  it('reports the folder name as id and the hidden size as dimension', () => {
    expect(embedder.id).toBe('tiny-model')
    expect(embedder.dimension).toBe(64)
  })

  it('gives unit vectors of the model dimension, the same on every call', async () => {
    const first = await embedder.embedQuery('Le trafic illicite de migrants')
    const again = await embedder.embedQuery('Le trafic illicite de migrants')
    expect(first).toBeInstanceOf(Float32Array)
    expect(first.length).toBe(64)
    expect(norm(first)).toBeCloseTo(1, 5)
    expect(Array.from(again)).toEqual(Array.from(first))
  })

  it('folds case and accents as its tokenizer does: “États” and “etats” embed alike', async () => {
    expectSameVector(await embedder.embedQuery('ÉTATS parties'), await embedder.embedQuery('etats parties'))
  })

  it('tells different texts apart', async () => {
    const [a, b] = await embedder.embedPassages(['coopération judiciaire', 'protection des victimes'])
    expect(dot(a!, b!)).toBeLessThan(0.9)
  })

  it('batches passages into the same vectors as one at a time, and reports progress per batch', async () => {
    const batched = await loadTransformersEmbedder({ localPath: tinyModel, batchSize: 2 })
    const progress: Array<[number, number]> = []
    const vectors = await batched.embedPassages(passages, (done, total) => progress.push([done, total]))
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ])
    expect(vectors).toHaveLength(5)
    for (const [i, text] of passages.entries()) {
      const [alone] = await embedder.embedPassages([text])
      expectSameVector(vectors[i]!, alone!)
      expect(norm(vectors[i]!)).toBeCloseTo(1, 5)
    }
  })

  it('returns no vectors and no progress for no passages', async () => {
    const progress: number[] = []
    expect(await embedder.embedPassages([], (done) => progress.push(done))).toEqual([])
    expect(progress).toEqual([])
  })

  it('applies the prefixes of embedding.json: query: to queries, passage: to passages', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'prefixed-model-'))
    await cp(tinyModel, folder, { recursive: true })
    await writeFile(join(folder, 'embedding.json'), JSON.stringify({ queryPrefix: 'query: ', passagePrefix: 'passage: ' }))
    const prefixed = await loadTransformersEmbedder({ localPath: folder })
    const text = 'coopération judiciaire'
    expectSameVector(await prefixed.embedQuery(text), (await embedder.embedPassages([`query: ${text}`]))[0]!)
    expectSameVector((await prefixed.embedPassages([text]))[0]!, await embedder.embedQuery(`passage: ${text}`))
    expect(dot(await prefixed.embedQuery(text), (await prefixed.embedPassages([text]))[0]!)).toBeLessThan(0.99)
    await rm(folder, { recursive: true, force: true })
  })

  it('lets the prefixes option override what the folder says', async () => {
    const custom = await loadTransformersEmbedder({ localPath: tinyModel, prefixes: { query: 'Question : ', passage: '' } })
    expectSameVector(await custom.embedQuery('asile'), await embedder.embedQuery('Question : asile'))
  })

  it('loads model.onnx when asked, which is close to but not the same as the int8 model', async () => {
    const full = await loadTransformersEmbedder({ localPath: tinyModel, quantized: false })
    const text = 'Le Groupe de travail a adopté des recommandations'
    const [a, b] = [await full.embedQuery(text), await embedder.embedQuery(text)]
    expect(dot(a, b)).toBeGreaterThan(0.99)
    expect(Array.from(a)).not.toEqual(Array.from(b))
  })

  it('leaves the transformers.js env as it found it', () => {
    expect(env.allowRemoteModels).toBe(true)
    expect(env.localModelPath).toMatch(/@xenova[\\/]transformers[\\/]models[\\/]?$/)
    expect(env.useFSCache).toBe(true)
  })
})

describe('the tiny model tokenizer, through transformers.js', () => {
  it('lowercases, strips accents and splits French text into word pieces', async () => {
    const source = {
      allowRemoteModels: false,
      allowLocalModels: true,
      localModelPath: join(tinyModel, '..'),
      useFSCache: false,
      cacheDir: tmpdir(),
      remoteHost: 'http://127.0.0.1:9/',
    }
    const tokenizer = await withModelSource(env, source, () => AutoTokenizer.from_pretrained('tiny-model'))
    const { input_ids } = tokenizer('Les États parties ont adopté l’Xqzw.')
    const tokens = tokenizer.model.convert_ids_to_tokens(Array.from(input_ids.data as BigInt64Array, Number))
    expect(tokens).toEqual(['[CLS]', 'les', 'etats', 'parties', 'ont', 'adopte', 'l', '’', 'x', '##q', '##z', '##w', '.', '[SEP]'])
  })
})

describe('mini retrieval with the tiny model', () => {
  it('ranks first the passage that shares the most words with the query', async () => {
    const embedder = await loadTransformersEmbedder({ localPath: tinyModel })
    const vectors = await embedder.embedPassages(passages)
    const rank = async (query: string) => {
      const q = await embedder.embedQuery(query)
      return vectors.map((v, i) => [i, dot(q, v)] as const).sort((x, y) => y[1] - x[1]).map(([i]) => i)
    }
    // “coopération”, “judiciaire”, “États”, “parties” all occur in passage 0 and nowhere else.
    expect((await rank('coopération judiciaire entre États parties'))[0]).toBe(0)
    // “formation”, “agents”, “services”, “détection”, “répression” are the vocabulary of passage 2 alone.
    expect((await rank('formation des agents de détection et de répression'))[0]).toBe(2)
    // “recommandations”, “incrimination”, “enquêtes”, “adopté” belong to passage 4.
    expect((await rank('recommandations adoptées sur l’incrimination et les enquêtes'))[0]).toBe(4)
  })
})

/** A stand-in for the Hugging Face hub on localhost, serving the tiny model as `acme/tiny-model`. */
async function startHub(options: { stallDownloads?: boolean } = {}): Promise<{ url: string; requests: string[]; close: () => void }> {
  const requests: string[] = []
  const hub: Server = createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`)
    const file = request.url?.match(/^\/acme\/tiny-model\/resolve\/main\/(.+)$/)?.[1]
    if (!file) return response.writeHead(404).end()
    if (request.method === 'GET' && options.stallDownloads) return
    try {
      const body = await readFile(join(tinyModel, decodeURIComponent(file)))
      response.writeHead(200, { 'content-length': body.length }).end(request.method === 'HEAD' ? undefined : body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve))
  const { port } = hub.address() as { port: number }
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => (hub.closeAllConnections(), hub.close()) }
}

describe('loading from a hub', () => {
  it('downloads into <modelDir>/<id>/, which then works offline', async () => {
    const hub = await startHub()
    const modelDir = await mkdtemp(join(tmpdir(), 'models-'))
    try {
      const online = await loadTransformersEmbedder({ modelId: 'acme/tiny-model', allowRemote: true, modelDir, remoteHost: hub.url })
      expect(online.id).toBe('acme/tiny-model')
      expect(hub.requests).toContain('GET /acme/tiny-model/resolve/main/onnx/model_quantized.onnx')
      // The download settings were for this load only.
      expect([env.localModelPath, env.cacheDir]).not.toContain(modelDir)
      const config = resolveModelConfig({ EMBEDDING_MODEL: 'acme/tiny-model', MODEL_DIR: modelDir }, tmpdir())
      expect(config).toMatchObject({ localPath: join(modelDir, 'acme', 'tiny-model'), allowRemote: false })
      hub.close()
      const offline = await loadTransformersEmbedder(config!)
      expect(offline.id).toBe('acme/tiny-model')
      expectSameVector(await offline.embedQuery('asile'), await online.embedQuery('asile'))
    } finally {
      hub.close()
      await rm(modelDir, { recursive: true, force: true })
    }
  })

  it('gives up on a download that stalls after downloadTimeoutMs', async () => {
    const hub = await startHub({ stallDownloads: true })
    const modelDir = await mkdtemp(join(tmpdir(), 'models-'))
    try {
      const loading = loadTransformersEmbedder({ modelId: 'acme/tiny-model', allowRemote: true, modelDir, remoteHost: hub.url, downloadTimeoutMs: 300 })
      await expect(loading).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('download took longer than 300 ms') })
    } finally {
      hub.close()
      await rm(modelDir, { recursive: true, force: true })
    }
  })
})

describe('model loading failures', () => {
  it('fails fast with MODEL_UNAVAILABLE when the hub accepts connections but never answers', async () => {
    const silent = createTcpServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const { port } = silent.address() as { port: number }
    const modelDir = await mkdtemp(join(tmpdir(), 'models-'))
    const started = performance.now()
    try {
      const loading = loadTransformersEmbedder({
        modelId: 'Xenova/multilingual-e5-small',
        allowRemote: true,
        modelDir,
        remoteHost: `http://127.0.0.1:${port}/`,
        timeoutMs: 150,
      })
      await expect(loading).rejects.toMatchObject({
        name: 'SearchError',
        code: 'MODEL_UNAVAILABLE',
        message: expect.stringMatching(/unreachable \(no answer within 150 ms\).*copy the model folder.*Xenova\/multilingual-e5-small\//),
      })
      expect(performance.now() - started).toBeLessThan(2000)
    } finally {
      silent.close()
      await rm(modelDir, { recursive: true, force: true })
    }
  })

  it('says the id is wrong when the hub answers 404', async () => {
    const hub: Server = createServer((_, response) => response.writeHead(404).end())
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve))
    const { port } = hub.address() as { port: number }
    try {
      await expect(
        loadTransformersEmbedder({ modelId: 'nobody/nothing', allowRemote: true, remoteHost: `http://127.0.0.1:${port}` }),
      ).rejects.toMatchObject({ code: 'MODEL_UNAVAILABLE', message: expect.stringContaining('answered 404') })
    } finally {
      hub.close()
    }
  })

  it('does not touch the network when downloads are off and the model is not installed', async () => {
    await expect(loadTransformersEmbedder({ modelId: 'Xenova/multilingual-e5-small', modelDir: '/nonexistent' })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining('not installed in /nonexistent and downloads are off'),
    })
  })

  it('names the missing files of an incomplete model folder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'broken-model-'))
    await cp(tinyModel, folder, { recursive: true })
    await rm(join(folder, 'tokenizer.json'))
    await expect(loadTransformersEmbedder({ localPath: folder, quantized: false })).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
      message: expect.stringContaining('lacks tokenizer.json'),
    })
    await rm(folder, { recursive: true, force: true })
  })

  it('wraps a model file transformers.js cannot read in MODEL_UNAVAILABLE', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'broken-model-'))
    await cp(tinyModel, folder, { recursive: true })
    await writeFile(join(folder, 'onnx', 'model_quantized.onnx'), 'not a model')
    // transformers.js logs the failure and retries with the wasm backend before giving up; keep the output clean.
    const quiet = [vi.spyOn(console, 'warn').mockImplementation(() => {}), vi.spyOn(console, 'error').mockImplementation(() => {})]
    try {
      await expect(loadTransformersEmbedder({ localPath: folder })).rejects.toMatchObject({
        code: 'MODEL_UNAVAILABLE',
        message: expect.stringMatching(/^Embedding model broken-model-\w+ could not be loaded from .*broken-model-\w+: .*complete transformers.js export.*EMBEDDING_MODEL=none to run without dense vectors \(keyword, character n-gram and English→French search still run\)/),
      })
    } finally {
      quiet.forEach((spy) => spy.mockRestore())
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('refuses a batch size out of range', async () => {
    await expect(loadTransformersEmbedder({ localPath: tinyModel, batchSize: 0 })).rejects.toMatchObject({ code: 'BAD_PARAMETER' })
  })
})

describe('resolvePrefixes', () => {
  it('reads embedding.json first, even over an e5 name', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'e5-like-'))
    await writeFile(join(folder, 'embedding.json'), JSON.stringify({ queryPrefix: 'Instruct: find\nQuery: ' }))
    expect(resolvePrefixes('intfloat/e5-mistral-7b-instruct', folder)).toEqual({ query: 'Instruct: find\nQuery: ', passage: '' })
    expect(resolvePrefixes('tiny-model', tinyModel)).toEqual(noPrefixes)
    await rm(folder, { recursive: true, force: true })
  })
  it('knows e5 models by name, and nothing else', () => {
    expect(resolvePrefixes('Xenova/multilingual-e5-small', null)).toEqual(e5Prefixes)
    expect(resolvePrefixes('intfloat/e5-base-v2', null)).toEqual(e5Prefixes)
    expect(resolvePrefixes('Xenova/paraphrase-multilingual-MiniLM-L12-v2', null)).toEqual(noPrefixes)
    expect(resolvePrefixes('Xenova/bge5-small', null)).toEqual(noPrefixes)
  })
})
