// Facets counted in one pass against their definition, computed the slow way from the engine's own match lists: a
// value a facet's filter keeps counts the request's matches; a value it leaves out counts the matches of the
// request without that filter. In hybrid and semantic modes, with and without a dense channel (the tiny model).

import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Engine, type SearchRequest } from '../../src/search/engine.js'
import { openEngine } from '../../src/search/open.js'
import { loadTransformersEmbedder } from '../../src/index/embedder.js'
import type { ModelConfig } from '../../src/index/model-config.js'
import { seedEngine } from '../helpers.js'
import { tempDir } from '../temp.js'

const tinyModel: ModelConfig = { modelId: 'tiny-model', localPath: resolve('test/fixtures/tiny-model'), allowRemote: false, modelDir: resolve('models') }

let offline: Engine
let dense: Engine
/** Queries the tiny model embedded. */
const embedded: string[] = []
beforeAll(async () => {
  // No time budget: a search cut by it on a loaded machine counts less than `matches`, which has none.
  const unbounded = (engine: Engine) => new Engine({ ...engine.parts, timeBudgetMs: Infinity })
  offline = unbounded((await seedEngine()).engine)
  const tiny = await loadTransformersEmbedder(tinyModel)
  const counting = { id: tiny.id, fingerprint: tiny.fingerprint, dimension: tiny.dimension, embedPassages: tiny.embedPassages.bind(tiny), embedQuery: (text: string) => (embedded.push(text), tiny.embedQuery(text)) }
  dense = unbounded((await openEngine({ seedDir: 'seeds', indexDir: await tempDir('ctoc-index-'), model: tinyModel, embedder: counting })).engine)
}, 120_000)

const queries = ['protection des témoins', 'trafic illicite de migrants par mer', 'witness protection programmes', 'blanchiment -argent', '« coopération internationale » enquêtes']

/** What the facets must say, from `matches` runs: per facet, value → count. */
async function expectedFacets(engine: Engine, request: SearchRequest, documentId: string | undefined) {
  const valueOf = {
    year: (id: string) => engine.yearOf(id),
    document: (id: string) => engine.passage(id)!.passage.docId,
    kind: (id: string) => engine.passage(id)!.passage.kind as string,
  }
  const keeps = {
    year: (v: unknown) => request.yearFrom === undefined || (v !== null && (v as number) >= request.yearFrom && (v as number) <= request.yearTo!),
    document: (v: unknown) => !documentId || v === documentId,
    kind: (v: unknown) => !request.kind || request.kind.includes(v as never),
  }
  const without = {
    year: { ...request, yearFrom: undefined, yearTo: undefined },
    document: { ...request, doc: undefined },
    kind: { ...request, kind: undefined },
  }
  const all = await engine.matches(request)
  const expected: Record<string, Array<[unknown, number]>> = {}
  for (const facet of ['year', 'document', 'kind'] as const) {
    const counts = new Map<unknown, number>()
    for (const id of all) counts.set(valueOf[facet](id), (counts.get(valueOf[facet](id)) ?? 0) + 1)
    for (const id of await engine.matches(without[facet])) {
      const value = valueOf[facet](id)
      if (!keeps[facet](value)) counts.set(value, (counts.get(value) ?? 0) + 1)
    }
    expected[facet] = [...counts].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
  }
  return expected
}

describe('facets counted in one pass are the definition’s counts', () => {
  for (const [name, engineOf] of [['n-grams and translation', () => offline], ['with the tiny dense model', () => dense]] as const) {
    it(`in hybrid and semantic modes, under each combination of filters (${name})`, async () => {
      const engine = engineOf()
      const documentId = engine.documents[1]!.id
      const filterSets: SearchRequest[] = [
        { q: '', kind: ['recommendation'] },
        { q: '', kind: ['recommendation', 'narrative'], yearFrom: 2012, yearTo: 2015 },
        { q: '', doc: [documentId], kind: ['deliberation'] },
        { q: '', yearFrom: 2019, yearTo: 2022 },
      ]
      let leftOut = 0
      for (const q of queries) {
        for (const mode of ['hybrid', 'semantic'] as const) {
          for (const filters of filterSets) {
            const request = { ...filters, q, mode }
            const response = await engine.search({ ...request, k: 5 })
            const got = {
              year: response.facets.year.map((f) => [f.value, f.count]),
              document: response.facets.document.map((f) => [f.value, f.count]),
              kind: response.facets.kind.map((f) => [f.value, f.count]),
            }
            for (const facet of Object.keys(got) as Array<keyof typeof got>) got[facet].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
            const expected = await expectedFacets(engine, request, filters.doc ? documentId : undefined)
            expect(got, `${q} ${mode} ${JSON.stringify(filters)}`).toEqual(expected)
            leftOut += got.kind.length + got.year.length
          }
        }
      }
      expect(leftOut).toBeGreaterThan(0)
    }, 120_000)
  }
})

describe('the dense channel under facet filters', () => {
  it('embeds the query once for a search whose three filters each ask it again', async () => {
    embedded.length = 0
    const response = await dense.search({ q: 'protection des victimes', kind: ['recommendation'], yearFrom: 2012, yearTo: 2015, doc: [dense.documents[1]!.id] })
    expect(response.results.some((hit) => hit.scores.dense)).toBe(true)
    expect(embedded).toEqual(['protection des victimes'])
  })
})
