// Query latency on the seeds, per mode, in process, against raw MiniSearch over the same passages.
// Usage: node --expose-gc --import tsx scripts/bench-latency.ts [--rounds 30] [--tiny-model]

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadTransformersEmbedder } from '../src/index/embedder.js'
import { openEngine } from '../src/index/open.js'
import type { Engine } from '../src/search/engine.js'
import { benchModes, freeQueries, requestsFor } from './lib/queries.js'
import { rawMiniSearch } from './lib/reference.js'
import { ms, percentiles, ratio, table, timeEach } from './lib/stats.js'

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '30' }, 'tiny-model': { type: 'boolean', default: false } } })
const rounds = Number(values.rounds)

const indexDir = await mkdtemp(join(tmpdir(), 'bench-latency-'))
try {
  const embedder = values['tiny-model'] ? await loadTransformersEmbedder({ localPath: 'test/fixtures/tiny-model' }) : null
  const { engine } = await openEngine({ seedDir: 'seeds', indexDir, model: null, embedder })
  const raw = rawMiniSearch(engine.passages)
  const reference = percentiles(await timeEach(freeQueries, raw.analysed, { rounds }))
  const defaults = percentiles(await timeEach(freeQueries, raw.defaults, { rounds }))

  console.log(`Seeds: ${engine.documents.length} documents, ${engine.passages.length} passages; dense channel: ${engine.semanticStatus.dense ? engine.semanticStatus.model : 'none'}; ${rounds} rounds.\n`)
  const rows = [
    ['raw MiniSearch, its defaults', ms(defaults.p50), ms(defaults.p95), ms(defaults.p99), ratio(defaults.p50, reference.p50)],
    ['raw MiniSearch, our analysis and tolerance (reference)', ms(reference.p50), ms(reference.p95), ms(reference.p99), '1.00×'],
  ]
  for (const mode of benchModes) {
    const t = percentiles(await timeEach(requestsFor(mode), (request) => engine.search(request), { rounds }))
    rows.push([`engine ${mode}`, ms(t.p50), ms(t.p95), ms(t.p99), ratio(t.p50, reference.p50)])
  }
  rows.push(...(await pageWork(engine, rounds)))
  console.log(table(['query path (in process)', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 vs reference'], rows))
} finally {
  await rm(indexDir, { recursive: true, force: true })
}

// The other per-request paths a page uses: a passage with its neighbours, and a deep page of results.
async function pageWork(engine: Engine, rounds: number): Promise<string[][]> {
  const ids = engine.passages.filter((_, i) => i % 10 === 0).map((p) => p.id)
  const passage = percentiles(await timeEach(ids, (id) => engine.passage(id), { rounds }))
  const deep = percentiles(await timeEach(freeQueries, (q) => engine.search({ q, k: 100 }), { rounds: Math.ceil(rounds / 3) }))
  return [
    ['engine passage(id) with neighbours', ms(passage.p50), ms(passage.p95), ms(passage.p99), ''],
    ['engine hybrid, k=100', ms(deep.p50), ms(deep.p95), ms(deep.p99), ''],
  ]
}
