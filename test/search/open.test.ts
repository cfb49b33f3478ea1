// The engine from disk: the tiny transformers.js model end to end, rebuilds on stale seeds, a changed model
// or a damaged index, and the last good index kept when a build fails.

import { cp, readFile, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Engine } from '../../src/search/engine.js'
import { openEngine, updateIndex } from '../../src/search/open.js'
import { buildIndex } from '../../src/index/build.js'
import { loadTransformersEmbedder } from '../../src/index/embedder.js'
import { createApp } from '../../src/server/app.js'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ModelConfig } from '../../src/index/model-config.js'
import { tempDir } from '../temp.js'

const tinyModel: ModelConfig = { modelId: 'tiny-model', localPath: resolve('test/fixtures/tiny-model'), allowRemote: false, modelDir: resolve('models') }

async function tempSeeds(): Promise<string> {
  const dir = await tempDir('ctoc-seeds-')
  await cp('seeds', dir, { recursive: true })
  return dir
}
const tempIndex = () => tempDir('ctoc-index-')

describe('openEngine with the tiny transformers.js model', () => {
  it('embeds every passage at build time, and fuses the dense channel at query time', async () => {
    const indexDir = await tempIndex()
    const opened = await openEngine({ seedDir: 'seeds', indexDir, model: tinyModel })
    expect(opened.manifest.model).toEqual({ id: 'tiny-model', dimension: 64, quantized: true, fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(opened.manifest.files['vectors.bin']).toBeDefined()
    expect(opened.engine.semanticStatus).toMatchObject({ dense: true, model: 'tiny-model' })
    // No time budget: on a busy machine a fresh engine's first semantic search can pass the 150 ms budget before the
    // dense channel runs (the budget has its own tests); this test is about the vectors, not the clock.
    const engine = new Engine({ ...opened.engine.parts, timeBudgetMs: Infinity })
    const r = await engine.search({ q: 'protection des témoins', mode: 'semantic', k: 5 })
    expect(r.results.length).toBe(5)
    expect(r.results[0]!.scores.dense).toMatchObject({ rank: expect.any(Number) })
    const hybrid = await engine.search({ q: 'protection des témoins', k: 5 })
    expect(hybrid.results[0]!.text).toContain('protection des témoins')

    // Reopening reads the vectors from disk and loads the model again: no rebuild.
    const again = await openEngine({ seedDir: 'seeds', indexDir, model: tinyModel })
    expect(again.rebuiltBecause).toBeNull()
    expect(again.engine.semanticStatus.dense).toBe(true)
  })

  it('says where a person reads which channels run that the vectors are searched through clusters, and how well', async () => {
    const indexDir = await tempIndex()
    // The seeds' 301 passages clustered from 100 and the clusters kept whatever the probe counts, the far one measured
    // on however few queries fall below the floor (by default an index is clustered from 65 536 vectors, only where a
    // quarter of the clusters keep 0.98 of the exact top 100, and a far probe needs 50 such queries).
    const embedder = await loadTransformersEmbedder(tinyModel)
    await buildIndex({ seedDir: 'seeds', indexDir, embedder, modelRequested: 'tiny-model', clusters: { from: 100, maxProbeShare: 1, minFarQueries: 1 } })
    const opened = await openEngine({ seedDir: 'seeds', indexDir, model: tinyModel, build: 'never' })
    const clusters = opened.manifest.model!.clusters!
    expect(clusters.count).toBe(17) // √301
    expect(clusters.farProbe).toBeGreaterThan(0)
    const status = { count: 17, probe: clusters.probe, recall: clusters.recall, farProbe: clusters.farProbe, farRecall: clusters.farRecall, farTopRecall: clusters.farTopRecall }
    const { note } = opened.engine.semanticStatus
    expect(opened.engine.semanticStatus.clusters).toEqual(status)
    expect(note).toContain(`Dense embeddings from tiny-model, searched through 17 clusters (${clusters.probe} visited a query; on average ${clusters.recall.toFixed(2)} of exact search's first 100 found`)
    expect(note).toContain(
      `a query far from every cluster visits ${clusters.farProbe}, on average ${clusters.farRecall!.toFixed(2)} of exact search's first 100 and ${clusters.farTopRecall!.toFixed(2)} of its first 10 found for such queries)`,
    )

    // Over HTTP, the answer carries them, as /openapi.json documents them (its schemas are strict objects).
    const app = createApp(opened.engine)
    const response = await app.request('/search?q=protection%20des%20t%C3%A9moins')
    expect(response.status).toBe(200)
    const body = (await response.json()) as { semantic: { clusters: unknown } }
    expect(body.semantic.clusters).toEqual(status)
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    ajv.addSchema(await (await app.request('/openapi.json')).json(), 'openapi')
    const validate = ajv.getSchema('openapi#/paths/~1search/get/responses/200/content/application~1json/schema')!
    validate(body)
    expect(validate.errors ?? []).toEqual([])

    const flat = await openEngine({ seedDir: 'seeds', indexDir: await tempIndex(), model: tinyModel })
    expect(flat.engine.semanticStatus.note).toBe('Dense embeddings from tiny-model.')
    expect(flat.engine.semanticStatus).not.toHaveProperty('clusters')
  })

  it('a change of model rebuilds the index rather than mixing vectors', async () => {
    const indexDir = await tempIndex()
    await openEngine({ seedDir: 'seeds', indexDir, model: null })
    const withModel = await openEngine({ seedDir: 'seeds', indexDir, model: tinyModel })
    expect(withModel.rebuiltBecause).toMatch(/embedding model changed \(none → tiny-model\)/)
    const without = await openEngine({ seedDir: 'seeds', indexDir, model: null })
    expect(without.rebuiltBecause).toMatch(/tiny-model → none/)
    expect(without.manifest.model).toBeNull()
    expect(without.engine.semanticStatus.dense).toBe(false)
  })

  it('a model that cannot load leaves keyword and offline semantics running, and says so', async () => {
    const broken: ModelConfig = { ...tinyModel, modelId: 'missing', localPath: resolve('test/fixtures/no-such-model') }
    const { engine, manifest } = await openEngine({ seedDir: 'seeds', indexDir: await tempIndex(), model: broken })
    expect(manifest.model).toBeNull()
    expect(engine.semanticStatus.note).toMatch(/missing could not be loaded/)
    const r = await engine.search({ q: 'protection des témoins' })
    expect(r.results.length).toBe(10)
  })
})

describe('openEngine keeps the index fresh and safe', () => {
  it('rebuilds when a seed changes', async () => {
    const seedDir = await tempSeeds()
    const indexDir = await tempIndex()
    await openEngine({ seedDir, indexDir, model: null })
    const file = join(seedDir, '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    const reopened = await openEngine({ seedDir, indexDir, model: null })
    expect(reopened.rebuiltBecause).toBe('the seed documents changed')
    const r = await reopened.engine.search({ q: '"Royaume de Thaïlande"' })
    expect(r.total).toBe(1)
  })

  it('reports and rebuilds a damaged index', async () => {
    const indexDir = await tempIndex()
    const first = await openEngine({ seedDir: 'seeds', indexDir, model: null })
    await writeFile(join(indexDir, 'builds', first.manifest.buildId, 'keyword.bin'), '{"truncated":')
    const lines: string[] = []
    const reopened = await openEngine({ seedDir: 'seeds', indexDir, model: null, log: (l) => lines.push(l) })
    expect(reopened.rebuiltBecause).toMatch(/unreadable/)
    expect(lines.join('\n')).toMatch(/damaged/)
    // The rebuilt index answers as a fresh one: `trafic` is in 232 passages (keyword mode).
    expect((await reopened.engine.search({ q: 'trafic', mode: 'keyword' })).total).toBe(232)
  })

  it('keeps the last good index when the seeds can no longer be read', async () => {
    const seedDir = await tempSeeds()
    const indexDir = await tempIndex()
    const good = await openEngine({ seedDir, indexDir, model: null })
    for (const file of await readdir(seedDir)) if (file.endsWith('.txt')) await writeFile(join(seedDir, file), Buffer.from([0xff, 0xfe, 0x00, 0x01]))
    await expect(openEngine({ seedDir, indexDir, model: null })).rejects.toMatchObject({ code: 'INDEX_BUILD_FAILED', message: expect.stringMatching(/last good index is kept/) })
    const stillThere = await openEngine({ seedDir, indexDir, model: null, build: 'never' })
    expect(stillThere.manifest.buildId).toBe(good.manifest.buildId)
    expect(stillThere.engine.passages.length).toBe(75 + 92 + 75 + 53 + 6) // the five seeds' passages
  })
})

describe('updateIndex (what `npm run add` and `npm run remove` call): the index brought up to date, no engine opened', () => {
  it('builds a missing index, leaves an up-to-date one alone, and rebuilds when the corpus changes, giving the live build', async () => {
    const seedDir = await tempSeeds()
    const indexDir = await tempIndex()
    const live = async () => (await readFile(join(indexDir, 'CURRENT'), 'utf8')).trim()

    const first = await updateIndex({ seedDir, indexDir, model: null })
    expect(first.rebuiltBecause).toBe('no index was built yet')
    expect(first.manifest.buildId).toBe(await live())
    expect(first.manifest.passages).toBe(75 + 92 + 75 + 53 + 6)

    const same = await updateIndex({ seedDir, indexDir, model: null })
    expect(same.rebuiltBecause).toBeNull()
    expect(same.manifest.buildId).toBe(first.manifest.buildId)

    const file = join(seedDir, '004_af4c96732193f7cc.txt')
    await writeFile(file, (await readFile(file, 'utf8')).replace('La Thaïlande', 'Le Royaume de Thaïlande'))
    const after = await updateIndex({ seedDir, indexDir, model: null })
    expect(after.rebuiltBecause).toBe('the seed documents changed')
    expect(after.manifest.buildId).not.toBe(first.manifest.buildId)
    expect(after.manifest.buildId).toBe(await live())
    expect(after.manifest.documents).toBe(5)
  })
})
