// Scale: synthetic French corpora (repetitive and varied, see lib/synthetic.ts) of 1k to 1M passages → build time
// and memory, the cost of adding and removing one document, index size on disk, load time, resident memory, query
// latency per mode against raw MiniSearch on the same passages, a rare term's cost, and growth from size to size.
// Dense vectors are random unit vectors of 384 dimensions (multilingual-e5-small's width): flat search, not a model;
// `--vectors words` gives word-context vectors instead (near for texts on one subject), which on `--corpus topical`
// the build clusters.
// Usage: node --expose-gc --import tsx scripts/bench-scale.ts [--sizes 1000,10000,100000] [--corpus repetitive,varied|topical]
//        [--rounds 10] [--reference-max 1000000] [--change-max 1000000]   (raw MiniSearch is built, and one document
//        added and removed, only up to those sizes: at 1M passages each costs as much as a build)
//        [--from-log run.log]   (prints the tables again from the figures a run logged, one line per size)
//        [--vectors random|words]   (the fake embedder of the dense channel; random by default)

import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { buildIndex } from '../src/index/build.js'
import { RACY_MS } from '../src/ingest/load.js'
import { openEngine } from '../src/search/open.js'
import type { Engine } from '../src/search/engine.js'
import { reply, runChild } from './lib/child.js'
import { benchModes, freeQueries, requestsFor, type BenchMode } from './lib/queries.js'
import { rawMiniSearch } from './lib/reference.js'
import { mb, ms, percentiles, ratio, residentMb, table, timeEach, type Percentiles } from './lib/stats.js'
import { corpusKinds, randomEmbedder, wordContextEmbedder, writeSyntheticSeeds, type CorpusKind } from './lib/synthetic.js'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,100000' },
    corpus: { type: 'string', default: corpusKinds.join(',') },
    rounds: { type: 'string', default: '10' },
    'reference-max': { type: 'string', default: '1000000' },
    'change-max': { type: 'string', default: '1000000' },
    phase: { type: 'string' },
    seeds: { type: 'string' },
    index: { type: 'string' },
    extra: { type: 'string' },
    position: { type: 'string' },
    'from-log': { type: 'string' },
    vectors: { type: 'string', default: 'random' },
  },
})
if (values.vectors !== 'random' && values.vectors !== 'words') throw new Error(`--vectors is random or words, got ${values.vectors}`)
// Random unit vectors (the default, as every run before) have no neighbourhoods: the index stays flat. Word-context
// vectors (`wordContextEmbedder`) have a model's kind of structure on the `topical` corpus, which the build clusters.
// The rare term's choice (see `rareTerm`): at most this many passages found with its typos, among this many passages.
const RARE_FOUND = 10
const RARE_SCAN = 5_000
const wordVectors = values.vectors === 'words' ? await wordContextEmbedder() : null
const embedderOf = () => wordVectors ?? randomEmbedder()
const rounds = Number(values.rounds)
// One untimed round: at 1M passages a round of every mode takes minutes.
const warmup = 1
const STAGES = ['read', 'analyse', 'keyword', 'ngram', 'variants', 'embed', 'write'] as const

interface BuildResult {
  stages: Record<string, number>
  /** CPU time of each stage, in ms (absent from runs logged before it was measured). */
  stagesCpu?: Record<string, number>
  totalMs: number
  cpuMs: number
  peakRssMb: number
  files: Record<string, number>
  passages: number
}

interface ChangeCost {
  addMs: number
  addCpuMs: number
  removeMs: number
  removeCpuMs: number
  /** CPU time of each stage of the add and of the remove, in ms (absent from runs logged before it was measured). */
  addStagesCpu?: Record<string, number>
  removeStagesCpu?: Record<string, number>
}

/** Where the added report's file sorts among the corpus's: the cost of an incremental build depends on it. */
const POSITIONS = ['first', 'middle', 'last'] as const
type Position = (typeof POSITIONS)[number]

/** The last position's figures (the only one measured before), and each position's. */
interface ChangeResult extends ChangeCost {
  positions?: Record<Position, ChangeCost>
}

interface QueryResult {
  baseRssMb: number
  loadMs: number
  rssMb: number
  heapMb: number
  modes: Record<BenchMode, Percentiles>
  /**
   * `matches`: the passages holding the word; `found`: the keyword search's total (its typo expansions included);
   * `quoted`: the word searched as `"word"` (exact, no expansion). The last two are absent from older logs.
   */
  rare: { term: string; matches: number; found?: number; keyword: Percentiles; hybrid: Percentiles; quoted?: Percentiles }
  reference: Percentiles | null
  defaults: Percentiles | null
}

interface SizeResult {
  size: number
  build: BuildResult
  change: ChangeResult | null
  query: QueryResult
}

if (values.phase === 'build') reply(await buildPhase(values.seeds!, values.index!))
else if (values.phase === 'change') reply(await changePhase(values.seeds!, values.index!, values.extra!, values.position as Position))
else if (values.phase === 'query') reply(await queryPhase(values.seeds!, values.index!))
else if (values['from-log']) reportLog(await readFile(values['from-log'], 'utf8'))
else await main()

/** The tables of a run from the figures it logged (`  {"kind":…}` lines), e.g. to print them in another layout. */
function reportLog(log: string): void {
  const byKind = new Map<CorpusKind, SizeResult[]>()
  for (const line of log.split('\n')) {
    if (!line.startsWith('  {"kind"')) continue
    const { kind, ...result } = JSON.parse(line) as SizeResult & { kind: CorpusKind }
    byKind.set(kind, [...(byKind.get(kind) ?? []), result])
  }
  for (const [kind, results] of byKind) report(kind, results)
}

async function main(): Promise<void> {
  const sizes = values.sizes.split(',').map(Number)
  const kinds = values.corpus.split(',') as CorpusKind[]
  const script = fileURLToPath(import.meta.url)
  console.log(`Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; load average at start ${loadavg().map((x) => x.toFixed(1)).join(' ')} (other jobs share the machine: read ratios within one run)`)
  for (const kind of kinds) {
    const results: SizeResult[] = []
    for (const size of sizes) {
      const work = await mkdtemp(join(tmpdir(), `bench-scale-${kind}-${size}-`))
      try {
        const seeds = join(work, 'seeds')
        const index = join(work, 'index')
        const extra = join(work, 'added_report.txt')
        const corpus = await writeSyntheticSeeds(seeds, size, kind, extra)
        // A corpus is written long before it is indexed: past the racy window, the add trusts the build's hashes.
        await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100))
        console.error(`${kind} ${size} passages: ${corpus.documents} documents, ${mb(corpus.textBytes)} of text; building…`)
        const build = await runChild<BuildResult>(script, ['--phase', 'build', '--seeds', seeds, '--index', index, '--vectors', values.vectors])
        console.error(`  built in ${(build.totalMs / 1000).toFixed(1)} s (CPU ${(build.cpuMs / 1000).toFixed(1)} s)`)
        let change: ChangeResult | null = null
        if (Number(values['change-max']) >= size) {
          // Each position in a fresh process, as `npm run add` runs: added, then removed again.
          const positions = {} as Record<Position, ChangeCost>
          for (const position of POSITIONS) {
            positions[position] = await runChild<ChangeCost>(script, ['--phase', 'change', '--seeds', seeds, '--index', index, '--extra', extra, '--position', position, '--vectors', values.vectors])
            const c = positions[position]
            console.error(`  one document sorting ${position} added in ${(c.addMs / 1000).toFixed(1)} s (CPU ${(c.addCpuMs / 1000).toFixed(1)} s), removed in ${(c.removeMs / 1000).toFixed(1)} s (CPU ${(c.removeCpuMs / 1000).toFixed(1)} s); CPU ms by stage: add ${JSON.stringify(c.addStagesCpu)}, remove ${JSON.stringify(c.removeStagesCpu)}`)
          }
          change = { ...positions.last, positions }
        }
        console.error(`  querying…`)
        const referenceMax = String(Number(values['reference-max']) >= size)
        const query = await runChild<QueryResult>(script, ['--phase', 'query', '--seeds', seeds, '--index', index, '--rounds', String(rounds), '--vectors', values.vectors], { BENCH_REFERENCE: referenceMax })
        results.push({ size, build, change, query })
        // The raw figures of each size as soon as they are in, should a larger size not finish.
        console.error(`  ${JSON.stringify({ kind, size, build, change, query })}`)
      } finally {
        await rm(work, { recursive: true, force: true })
      }
    }
    report(kind, results)
  }
}

function report(kind: CorpusKind, results: SizeResult[]): void {
  const s = (msValue: number) => (msValue / 1000).toFixed(1)
  const diskTotal = (b: BuildResult) => Object.values(b.files).reduce((sum, x) => sum + x, 0)
  const fileNames = [...new Set(results.flatMap((r) => Object.keys(r.build.files)))].filter((f) => f !== 'manifest.json').sort()
  console.log(`\n## ${kind} corpus\n\nBuild (dense: ${values.vectors === 'words' ? 'word-context' : 'random unit'} vectors, 384 dims, int8, whose drawing, cache and file make the embed stage, which a build without a model skips; each phase in a fresh process; seconds of wall time, CPU in brackets)\n`)
  console.log(
    table(
      ['passages', 'build s (CPU)', 'without embed s (CPU)', ...STAGES, 'peak RSS', 'add one document (200 passages)', 'add vs build', 'remove it'],
      results.map(({ size, build: b, change: c }) => [
        size, `${s(b.totalMs)} (${s(b.cpuMs)})`, b.stagesCpu ? `${s(b.totalMs - (b.stages.embed ?? 0))} (${s(b.cpuMs - (b.stagesCpu.embed ?? 0))})` : 'not split', ...STAGES.map((stage) => s(b.stages[stage] ?? 0)), `${b.peakRssMb.toFixed(0)} MB`,
        ...(c
          ? [`${s(c.addMs)} s (${s(c.addCpuMs)})`, `${((100 * c.addMs) / b.totalMs).toFixed(1)} % (CPU ${((100 * c.addCpuMs) / b.cpuMs).toFixed(1)} %)`, `${s(c.removeMs)} s (${s(c.removeCpuMs)})`]
          : ['not measured', '–', 'not measured']),
      ]),
    ),
  )
  const measured = results.filter((r) => r.change?.positions)
  if (measured.length > 0) {
    console.log(`\nAdding one document (200 passages) and removing it, by where its file sorts (each in a fresh process; seconds of CPU, and % of the full build's CPU)\n`)
    const cost = (ms: number, b: BuildResult) => `${s(ms)} (${((100 * ms) / b.cpuMs).toFixed(1)} %)`
    console.log(
      table(
        ['passages', 'build CPU s', ...POSITIONS.flatMap((p) => [`add, sorting ${p}`, `remove, sorting ${p}`])],
        measured.map(({ size, build: b, change: c }) => [size, s(b.cpuMs), ...POSITIONS.flatMap((p) => [cost(c!.positions![p].addCpuMs, b), cost(c!.positions![p].removeCpuMs, b)])]),
      ),
    )
  }
  console.log(`\nOn disk\n`)
  console.log(table(['passages', 'total', 'per passage', ...fileNames], results.map(({ size, build: b }) => [size, mb(diskTotal(b)), `${(diskTotal(b) / size / 1e3).toFixed(2)} KB`, ...fileNames.map((f) => mb(b.files[f] ?? 0))])))
  console.log(`\nServing: load, memory (RSS after load and a full GC; Node + tsx alone ≈ ${results[0]?.query.baseRssMb.toFixed(0)} MB), query p50 / p99 in ms\n`)
  console.log(
    table(
      ['passages', 'load s', 'RSS', 'heap', 'raw MiniSearch, defaults', 'raw MiniSearch, our analysis (reference)', ...benchModes, 'reference ÷ keyword p50', 'rare term: keyword / hybrid p50', 'rare term quoted p50'],
      results.map(({ size, query: q }) => [
        size, s(q.loadMs), `${q.rssMb.toFixed(0)} MB`, `${q.heapMb.toFixed(0)} MB`,
        q.defaults ? `${ms(q.defaults.p50)} / ${ms(q.defaults.p99)}` : 'not built', q.reference ? `${ms(q.reference.p50)} / ${ms(q.reference.p99)}` : 'not built',
        ...benchModes.map((m) => `${ms(q.modes[m].p50)} / ${ms(q.modes[m].p99)}`), q.reference ? ratio(q.reference.p50, q.modes.keyword.p50) : '–',
        `${ms(q.rare.keyword.p50)} / ${ms(q.rare.hybrid.p50)} (“${q.rare.term}”, ${q.rare.matches} passage${q.rare.matches === 1 ? '' : 's'}${q.rare.found === undefined ? '' : `, ${q.rare.found} found with its typos`})`,
        q.rare.quoted ? ms(q.rare.quoted.p50) : '–',
      ]),
    ),
  )
  if (results.length > 1) {
    console.log(`\nGrowth from each size to the next (×)\n`)
    const rows = results.slice(1).map(({ size, build, change, query }, i) => {
      const prev = results[i]!
      const r = (a: number, b: number) => (a / b).toFixed(1)
      return [
        `${prev.size} → ${size}`, r(size, prev.size), r(build.totalMs, prev.build.totalMs), r(build.cpuMs, prev.build.cpuMs), r(build.peakRssMb, prev.build.peakRssMb), change && prev.change ? r(change.addMs, prev.change.addMs) : '–',
        r(diskTotal(build), diskTotal(prev.build)), r(query.loadMs, prev.query.loadMs), r(query.rssMb - query.baseRssMb, prev.query.rssMb - prev.query.baseRssMb),
        ...benchModes.map((m) => r(query.modes[m].p50, prev.query.modes[m].p50)), r(query.rare.keyword.p50, prev.query.rare.keyword.p50), r(query.rare.hybrid.p50, prev.query.rare.hybrid.p50),
        query.rare.quoted && prev.query.rare.quoted ? r(query.rare.quoted.p50, prev.query.rare.quoted.p50) : '–',
      ]
    })
    console.log(table(['sizes', 'passages', 'build time', 'build CPU', 'build peak RSS', 'add one document', 'on disk', 'load', 'RSS above base', ...benchModes.map((m) => `${m} p50`), 'rare keyword p50', 'rare hybrid p50', 'rare quoted p50'], rows))
  }
}

/** A cold build (no cache), timed by stage: a stage runs from its first progress report to its last. */
async function buildPhase(seedDir: string, indexDir: string): Promise<BuildResult> {
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  const stages: Record<string, number> = {}
  const stagesCpu: Record<string, number> = {}
  let stage = ''
  let stageStart = started
  let stageCpu = process.cpuUsage()
  const built = await buildIndex({
    seedDir,
    indexDir,
    embedder: embedderOf(),
    modelRequested: embedderOf().id,
    onProgress: (name, done, total) => {
      const now = performance.now()
      if (name !== stage) {
        stage = name
        stageStart = now
        stageCpu = process.cpuUsage()
      }
      if (done >= total) {
        stages[stage] = now - stageStart
        stagesCpu[stage] = cpuMs(stageCpu)
      }
    },
  })
  const files = Object.fromEntries(Object.entries(built.files).map(([name, f]) => [name, f.bytes]))
  return { stages, stagesCpu, totalMs: performance.now() - started, cpuMs: cpuMs(cpuStart), peakRssMb: process.resourceUsage().maxRSS / 1024, files, passages: built.passages }
}

/**
 * Adds one document to the built corpus and rebuilds, then takes it out and rebuilds: what `npm run add` costs. Its
 * file sorts before every synthetic file (`0.txt`), among them (`00250_added.txt` of 500), or after them all.
 */
async function changePhase(seedDir: string, indexDir: string, extra: string, position: Position): Promise<ChangeCost> {
  const rebuild = async () => {
    const started = performance.now()
    const cpuStart = process.cpuUsage()
    const stagesCpu: Record<string, number> = {}
    let stage = ''
    let stageCpu = cpuStart
    await buildIndex({
      seedDir, indexDir, embedder: embedderOf(), modelRequested: embedderOf().id,
      onProgress: (name, done, total) => {
        if (name !== stage) {
          stage = name
          stageCpu = process.cpuUsage()
        }
        if (done >= total) stagesCpu[stage] = Math.round(cpuMs(stageCpu))
      },
    })
    return [performance.now() - started, cpuMs(cpuStart), stagesCpu] as const
  }
  const files = (await readdir(seedDir)).filter((f) => f.endsWith('_synthetic.txt')).sort()
  const middle = files[Math.floor(files.length / 2)]!.replace('_synthetic.txt', '_added.txt')
  const name = position === 'first' ? '0.txt' : position === 'middle' ? middle : `zz_${basename(extra)}`
  const added = join(seedDir, name)
  await copyFile(extra, added)
  const [addMs, addCpuMs, addStagesCpu] = await rebuild()
  await rm(added)
  const [removeMs, removeCpuMs, removeStagesCpu] = await rebuild()
  return { addMs, addCpuMs, removeMs, removeCpuMs, addStagesCpu, removeStagesCpu }
}

async function queryPhase(seedDir: string, indexDir: string): Promise<QueryResult> {
  const baseRssMb = residentMb()
  const started = performance.now()
  const { engine } = await openEngine({ seedDir, indexDir, build: 'never', model: null, embedder: embedderOf() })
  const loadMs = performance.now() - started
  const rssMb = residentMb()
  const heapMb = process.memoryUsage().heapUsed / 1e6
  const modes = {} as Record<BenchMode, Percentiles>
  for (const mode of benchModes) modes[mode] = percentiles(await timeEach(requestsFor(mode), (request) => engine.search(request), { rounds, warmup }))
  const rare = await rareTerm(engine)
  let reference: Percentiles | null = null
  let defaults: Percentiles | null = null
  if (process.env.BENCH_REFERENCE === 'true') {
    const raw = rawMiniSearch(engine.passages)
    reference = percentiles(await timeEach(freeQueries, raw.analysed, { rounds, warmup }))
    defaults = percentiles(await timeEach(freeQueries, raw.defaults, { rounds, warmup }))
  }
  return { baseRssMb, loadMs, rssMb, heapMb, modes, rare, reference, defaults }
}

// A word found in one or two passages only, which its typo expansions do not spread either (a word of 8+ letters of a
// passage past the middle that almost no other passage holds, and for which the keyword search finds at most
// RARE_FOUND passages): what a query for a name or a rare term costs, which should not grow with the corpus. Session 15
// and 16's runs took the first word one or two passages hold, whatever its typos found (2 405 passages at 100k): its
// cost then grew with those matches, not with N. Where no such word turns up in RARE_SCAN passages, the word with the
// fewest holders is taken, as before.
async function rareTerm(engine: Engine): Promise<QueryResult['rare']> {
  const passages = engine.passages
  const holders = (term: string) => {
    let matches = 0
    for (const other of passages) if (other.text.includes(term) && ++matches > 2) break
    return matches
  }
  // The keyword search's total first (a millisecond), the holders counted by a pass over the texts only for the words
  // it finds few of.
  let chosen: { term: string; matches: number } | null = null
  const middle = Math.floor(passages.length / 2)
  for (let p = middle; p < Math.min(passages.length, middle + RARE_SCAN) && !chosen; p++) {
    for (const term of new Set(passages[p]!.text.match(/\p{L}{8,}/gu) ?? [])) {
      if ((await engine.search({ q: term, mode: 'keyword' })).total > RARE_FOUND) continue
      const matches = holders(term)
      if (matches <= 2) {
        chosen = { term, matches }
        break
      }
    }
  }
  let best: { term: string; matches: number } = { term: passages[0]!.text.split(' ')[0]!, matches: Infinity }
  for (let p = middle; p < passages.length && !chosen && best.matches > 2; p++) {
    for (const term of new Set(passages[p]!.text.match(/\p{L}{8,}/gu) ?? [])) {
      const matches = holders(term)
      if (matches < best.matches) best = { term, matches }
    }
  }
  const { term, matches } = chosen ?? best
  const found = (await engine.search({ q: term, mode: 'keyword' })).total
  const keyword = percentiles(await timeEach([term], (q) => engine.search({ q, mode: 'keyword' }), { rounds: rounds * 5, warmup }))
  const hybrid = percentiles(await timeEach([term], (q) => engine.search({ q, mode: 'hybrid' }), { rounds: rounds * 5, warmup }))
  // Quoted, the word is looked up as written: what the corpus's size alone adds, without the typo expansions that
  // reach more passages as the vocabulary grows.
  const quoted = percentiles(await timeEach([`"${term}"`], (q) => engine.search({ q, mode: 'keyword' }), { rounds: rounds * 5, warmup }))
  return { term, matches, found, keyword, hybrid, quoted }
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}
