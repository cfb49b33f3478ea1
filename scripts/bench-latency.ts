// Query latency per mode, in process, against raw MiniSearch over the same passages (built and timed in the same run).
// The engine is warmed up first, as the server does before it listens; the repeated queries find their words' typo
// and prefix expansions remembered from the second round, so keyword queries never seen before are timed apart, once
// each (`firstSeenQueries`).
// Usage: node --expose-gc --import tsx scripts/bench-latency.ts [--rounds 30] [--tiny-model] [--seeds DIR --index DIR]
// (default: the seeds; with --seeds and --index, a corpus built before, e.g. bench-scale's synthetic 100k).

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { loadTransformersEmbedder } from '../src/index/embedder.js'
import { openEngine } from '../src/search/open.js'
import { warmUp } from '../src/search/warm-up.js'
import type { Engine } from '../src/search/engine.js'
import { benchModes, firstSeenQueries, freeQueries, requestsFor } from './lib/queries.js'
import { rawMiniSearch } from './lib/reference.js'
import { ms, percentiles, ratio, table, timeEach } from './lib/stats.js'
import { randomEmbedder } from './lib/synthetic.js'

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '30' }, 'tiny-model': { type: 'boolean', default: false }, seeds: { type: 'string' }, index: { type: 'string' } },
})
const rounds = Number(values.rounds)

const work = await mkdtemp(join(tmpdir(), 'bench-latency-'))
try {
  const seedDir = values.seeds ?? 'seeds'
  const embedder = values['tiny-model'] ? await loadTransformersEmbedder({ localPath: 'test/fixtures/tiny-model' }) : seedDir === 'seeds' ? null : randomEmbedder()
  const { engine } = await openEngine({ seedDir, indexDir: values.index ?? work, model: null, embedder, ...(values.index ? { build: 'never' as const } : {}) })
  await warmUp(engine)
  const unseen = firstSeenQueries(engine.passages)
  const firstSeen = percentiles(await timeEach(unseen, (q) => engine.search({ q, mode: 'keyword' }), { rounds: 1, warmup: 0 }))
  const modes = []
  for (const mode of benchModes) modes.push({ mode, t: percentiles(await timeEach(requestsFor(mode), (request) => engine.search(request), { rounds })) })
  const page = await pageWork(engine, rounds)
  // The references are built after the engine is timed: two more indexes of the whole corpus in the heap would
  // slow the engine's own collections (at 100k passages, several times).
  let raw: ReturnType<typeof rawMiniSearch> | null = rawMiniSearch(engine.passages)
  const reference = percentiles(await timeEach(freeQueries, raw.analysed, { rounds }))
  const defaults = percentiles(await timeEach(freeQueries, raw.defaults, { rounds }))
  raw = null

  console.log(`${seedDir}: ${engine.documents.length} documents, ${engine.passages.length} passages; dense channel: ${engine.semanticStatus.dense ? engine.semanticStatus.model : 'none'}; ${rounds} rounds.\n`)
  const rows = [
    ['raw MiniSearch, its defaults', ms(defaults.p50), ms(defaults.p95), ms(defaults.p99), ratio(defaults.p50, reference.p50)],
    ['raw MiniSearch, our analysis and tolerance (reference)', ms(reference.p50), ms(reference.p95), ms(reference.p99), '1.00×'],
  ]
  for (const { mode, t } of modes) rows.push([`engine ${mode}`, ms(t.p50), ms(t.p95), ms(t.p99), ratio(t.p50, reference.p50)])
  rows.push([`engine keyword, ${unseen.length} queries never seen before, once each`, ms(firstSeen.p50), ms(firstSeen.p95), ms(firstSeen.p99), ratio(firstSeen.p50, reference.p50)])
  rows.push(...page)
  console.log(table(['query path (in process)', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 vs reference'], rows))
} finally {
  await rm(work, { recursive: true, force: true })
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
