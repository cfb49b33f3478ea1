// Scale: synthetic French corpora of 1k, 10k and 100k passages → build time, index size on disk, resident memory,
// query latency per mode against raw MiniSearch, and the cost of each ranking channel. Dense vectors are random
// unit vectors of 384 dimensions (multilingual-e5-small's width): they measure flat vector search, not a model.
// Usage: node --expose-gc --import tsx scripts/bench-scale.ts [--sizes 1000,10000,100000] [--rounds 10]

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildIndex } from '../src/index/build.js'
import { openEngine } from '../src/index/open.js'
import type { Engine, EngineParts } from '../src/search/engine.js'
import { analyze } from '../src/text/analyzer.js'
import { reply, runChild } from './lib/child.js'
import { benchModes, freeQueries, requestsFor, type BenchMode } from './lib/queries.js'
import { rawMiniSearch } from './lib/reference.js'
import { mb, ms, percentiles, ratio, residentMb, table, timeEach, type Percentiles } from './lib/stats.js'
import { randomEmbedder, writeSyntheticSeeds } from './lib/synthetic.js'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    rounds: { type: 'string', default: '10' },
    phase: { type: 'string' },
    seeds: { type: 'string' },
    index: { type: 'string' },
  },
})
const rounds = Number(values.rounds)
// One untimed round: at 100k passages a round of every mode takes minutes.
const warmup = 1

interface BuildResult {
  stages: Record<string, number>
  totalMs: number
  peakRssMb: number
  files: Record<string, number>
  passages: number
}

interface QueryResult {
  baseRssMb: number
  loadMs: number
  rssMb: number
  heapMb: number
  modes: Record<BenchMode, Percentiles>
  channels: Record<string, Percentiles>
  reference: Percentiles
  defaults: Percentiles
}

if (values.phase === 'build') reply(await buildPhase(values.seeds!, values.index!))
else if (values.phase === 'query') reply(await queryPhase(values.seeds!, values.index!))
else await main()

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number)
  const script = fileURLToPath(import.meta.url)
  const results: Array<{ size: number; build: BuildResult; query: QueryResult }> = []
  for (const size of sizes) {
    const work = await mkdtemp(join(tmpdir(), `bench-scale-${size}-`))
    try {
      const seeds = join(work, 'seeds')
      const index = join(work, 'index')
      const corpus = await writeSyntheticSeeds(seeds, size)
      console.error(`${size} passages: ${corpus.documents} documents, ${mb(corpus.textBytes)} of text; building…`)
      const build = await runChild<BuildResult>(script, ['--phase', 'build', '--seeds', seeds, '--index', index])
      console.error(`  built in ${(build.totalMs / 1000).toFixed(1)} s; querying…`)
      const query = await runChild<QueryResult>(script, ['--phase', 'query', '--seeds', seeds, '--index', index, '--rounds', String(rounds)])
      results.push({ size, build, query })
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  report(results)
}

function report(results: Array<{ size: number; build: BuildResult; query: QueryResult }>): void {
  const s = (msValue: number) => (msValue / 1000).toFixed(1)
  const diskTotal = (b: BuildResult) => Object.values(b.files).reduce((sum, x) => sum + x, 0)
  console.log(`\nBuild (dense: random unit vectors, 384 dims, int8; each phase in a fresh process)\n`)
  console.log(
    table(
      ['passages', 'build s', 'read+parse', 'analyse', 'keyword', 'ngram', 'variants', 'between stages', 'embed', 'write', 'peak RSS', 'on disk', 'corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin', 'vectors.bin'],
      results.map(({ size, build: b }) => [
        size, s(b.totalMs), ...['read', 'analyse', 'keyword', 'ngram', 'variants', 'between', 'embed', 'write'].map((stage) => s(b.stages[stage] ?? 0)),
        `${b.peakRssMb.toFixed(0)} MB`, mb(diskTotal(b)), ...['corpus.bin', 'keyword.bin', 'ngram.bin', 'variants.bin', 'vectors.bin'].map((f) => mb(b.files[f] ?? 0)),
      ]),
    ),
  )
  console.log(`\nServing: load, memory (RSS after load and a full GC; Node + tsx alone ≈ ${results[0]?.query.baseRssMb.toFixed(0)} MB), query p50 / p95 in ms\n`)
  console.log(
    table(
      ['passages', 'load s', 'RSS', 'heap', 'raw MiniSearch, defaults', 'raw MiniSearch, our analysis (reference)', ...benchModes, 'keyword vs reference'],
      results.map(({ size, query: q }) => [
        size, s(q.loadMs), `${q.rssMb.toFixed(0)} MB`, `${q.heapMb.toFixed(0)} MB`, `${ms(q.defaults.p50)} / ${ms(q.defaults.p95)}`, `${ms(q.reference.p50)} / ${ms(q.reference.p95)}`,
        ...benchModes.map((m) => `${ms(q.modes[m].p50)} / ${ms(q.modes[m].p95)}`), ratio(q.modes.keyword.p50, q.reference.p50),
      ]),
    ),
  )
  console.log(`\nWhere a hybrid query's time goes: each ranking channel alone on the free queries (p50 ms)\n`)
  const channelNames = Object.keys(results[0]?.query.channels ?? {})
  console.log(table(['passages', ...channelNames, 'hybrid total'], results.map(({ size, query: q }) => [size, ...channelNames.map((c) => ms(q.channels[c]!.p50)), ms(q.modes.hybrid.p50)])))
  if (results.length > 1) {
    console.log(`\nGrowth from each size to the next (×)\n`)
    const rows = results.slice(1).map(({ size, build, query }, i) => {
      const prev = results[i]!
      const r = (a: number, b: number) => (a / b).toFixed(1)
      return [
        `${prev.size} → ${size}`, r(size, prev.size), r(build.totalMs, prev.build.totalMs), r(diskTotal(build), diskTotal(prev.build)),
        r(query.rssMb - query.baseRssMb, prev.query.rssMb - prev.query.baseRssMb), ...benchModes.map((m) => r(query.modes[m].p50, prev.query.modes[m].p50)),
      ]
    })
    console.log(table(['sizes', 'passages', 'build time', 'on disk', 'RSS above base', ...benchModes.map((m) => `${m} p50`)], rows))
  }
}

async function buildPhase(seedDir: string, indexDir: string): Promise<BuildResult> {
  const started = performance.now()
  const stages: Record<string, number> = { between: 0 }
  let stage = ''
  let stageStart = started
  let stageEnd = started
  const built = await buildIndex({
    seedDir,
    indexDir,
    embedder: randomEmbedder(),
    modelRequested: 'random-unit-384',
    // A stage runs from its first report to its last; time between stages (variant grouping) is counted apart.
    onProgress: (name, done, total) => {
      const now = performance.now()
      if (name !== stage) {
        if (stage) stages.between! += now - stageEnd
        stage = name
        stageStart = now
      }
      if (done >= total) stages[stage] = (stageEnd = now) - stageStart
    },
  })
  const files = Object.fromEntries(Object.entries(built.files).map(([name, f]) => [name, f.bytes]))
  return { stages, totalMs: performance.now() - started, peakRssMb: process.resourceUsage().maxRSS / 1024, files, passages: built.passages }
}

async function queryPhase(seedDir: string, indexDir: string): Promise<QueryResult> {
  const baseRssMb = residentMb()
  const started = performance.now()
  const { engine } = await openEngine({ seedDir, indexDir, build: 'never', model: null, embedder: randomEmbedder() })
  const loadMs = performance.now() - started
  const rssMb = residentMb()
  const heapMb = process.memoryUsage().heapUsed / 1e6
  const modes = {} as Record<BenchMode, Percentiles>
  for (const mode of benchModes) modes[mode] = percentiles(await timeEach(requestsFor(mode), (request) => engine.search(request), { rounds, warmup }))
  const channels = await channelCosts(engine)
  const raw = rawMiniSearch(engine.passages)
  const reference = percentiles(await timeEach(freeQueries, raw.analysed, { rounds, warmup }))
  const defaults = percentiles(await timeEach(freeQueries, raw.defaults, { rounds, warmup }))
  return { baseRssMb, loadMs, rssMb, heapMb, modes, channels, reference, defaults }
}

// Each channel alone on the free queries: the engine's parts are private, so the bench reads them directly.
async function channelCosts(engine: Engine): Promise<Record<string, Percentiles>> {
  const parts = (engine as unknown as { parts: EngineParts }).parts
  const time = async (run: (q: string) => unknown) => percentiles(await timeEach(freeQueries, run, { rounds, warmup }))
  return {
    'keyword index': await time((q) => parts.keyword.search(analyze(q))),
    'ngram': await time((q) => parts.ngram?.search(q, 100)),
    'dense (flat, 384-d int8)': await time((q) => parts.dense?.search(q, 100)),
  }
}
