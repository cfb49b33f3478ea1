// The vector index alone at 10k, 100k and 1M passages: what clustering costs at build (training, assignment,
// calibration), the probe count and recall the build measured, and query CPU flat against clustered in one process
// (alternated), with the recall@100 and recall@10 of real query texts (the bench's queries, rare terms and typos, and
// how many of them fell below the floor, where the far probe count serves them), and the rare terms' own passages found.
// Vectors are the fake `wordContextEmbedder`'s over texts of the synthetic corpus's generator (`--texts topical`, one
// subject a passage, by default; `varied` mixes subjects in a passage): they measure the index's mechanics, not a
// model. `--vectors random` shows what random unit vectors do (calibration keeps them flat).
// Usage: NODE_OPTIONS=--max-old-space-size=8192 node --import tsx scripts/bench-vectors.ts [--sizes 10000,100000,1000000]
//        [--vectors words|random] [--texts topical|varied] [--rounds 5]

import { parseArgs } from 'node:util'
import { calibrationTexts, farCalibrationTexts } from '../src/index/calibration-texts.js'
import { unitCopy } from '../src/index/unit-vector.js'
import { clusterSizes } from '../src/index/cluster-spread.js'
import { clusterOrder } from '../src/index/vector-clusters.js'
import { VectorIndex, type VectorFilter } from '../src/index/vectors.js'
import { freeQueries, phraseQueries } from './lib/queries.js'
import { ms, percentiles, table } from './lib/stats.js'
import { randomEmbedder, syntheticPassageTexts, wordContextEmbedder, type CorpusKind } from './lib/synthetic.js'

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    vectors: { type: 'string', default: 'words' },
    rounds: { type: 'string', default: '5' },
    texts: { type: 'string', default: 'topical' },
  },
})
const kind = values.texts as CorpusKind
const rounds = Number(values.rounds)
const embedder = values.vectors === 'random' ? randomEmbedder() : await wordContextEmbedder()
const DEPTH = 100 // SEMANTIC_DEPTH, what the dense channel asks for

const rows: string[][] = []
const recallRows: string[][] = []
for (const size of values.sizes.split(',').map(Number)) {
  const texts = await syntheticPassageTexts(size, kind)
  const vectors = await embedder.embedPassages(texts)
  const ids = texts.map((_, p) => `p${p}`)
  const started = performance.now()
  const cpu = process.cpuUsage()
  // As the build does: the probe count calibrated on noisy stored vectors and on short queries drawn from the texts,
  // the far probe on those of them and of one-word queries (rare words, typos, single words) below the floor.
  const embed = (list: string[]) => Promise.all(list.map((text) => embedder.embedQuery(text)))
  const farTexts = farCalibrationTexts(texts)
  const calibration = { queryVectors: await embed(calibrationTexts(texts)), farQueryVectors: await embed(farTexts) }
  const index = VectorIndex.build(ids, vectors, { dimension: embedder.dimension, dtype: 'int8', clusters: calibration })
  const buildMs = performance.now() - started
  const buildCpuMs = cpuMs(cpu)
  vectors.length = 0
  const clustering = index.clustering
  // Rare terms and typos the calibration did not see.
  const calibrated = new Set(farTexts)
  const rare = rareTerms(texts, 20, calibrated)
  const typos = typoTerms(texts, 20, calibrated)
  const kinds = { free: [...freeQueries, ...phraseQueries.map((q) => q.replace(/["«»-]/g, ' '))], rare, typo: typos }
  // One allowed passage in a hundred: a very selective filter, which makes the clustered search probe further.
  const selective: VectorFilter = (_, position) => position % 100 === 0
  const times = { free: { flat: [] as number[], ivf: [] as number[] }, rare: { flat: [] as number[], ivf: [] as number[] }, typo: { flat: [] as number[], ivf: [] as number[] }, filtered: { flat: [] as number[], ivf: [] as number[] } }
  const sets = [['free', await embed(kinds.free), DEPTH, undefined], ['rare', await embed(rare), DEPTH, undefined], ['typo', await embed(typos), DEPTH, undefined], ['filtered', await embed(kinds.free), 10, selective]] as const
  for (let round = 0; round <= rounds; round++) {
    for (const [name, vectors_, k, filter] of sets) {
      for (const vector of vectors_) {
        // Alternated, the order flipped each round; round 0 warms up.
        const pair = [
          () => timed(() => index.search(vector, k, filter, { exact: true }), round > 0 ? times[name].flat : null),
          () => timed(() => index.search(vector, k, filter), round > 0 ? times[name].ivf : null),
        ]
        for (const run of round % 2 ? pair.reverse() : pair) run()
      }
    }
  }
  const quality = {} as Record<keyof typeof kinds, { recall: number; worst: number; overlap: number; worstTop: number; holders: string; belowFloor: number }>
  const stored = index.toData().clusters ?? null
  const guide = stored && { ...stored, sizes: clusterSizes(stored.assignment, stored.centroids.length / embedder.dimension) }
  const belowFloor = (vector: Float32Array) => guide !== null && clusterOrder(unitCopy(vector)!, guide).best < guide.floor
  const farBelow = calibration.farQueryVectors.filter(belowFloor).length
  for (const [name, texts_] of Object.entries(kinds) as Array<[keyof typeof kinds, string[]]>) {
    let recall = 0
    let overlap = 0
    let worst = 1
    let worstTop = 1
    let holders = 0
    let holdersExact = 0
    let topHolders = 0
    let topHoldersExact = 0
    let below = 0
    for (const text of texts_) {
      const vector = await embedder.embedQuery(text)
      if (belowFloor(vector)) below++
      const exact = index.search(vector, DEPTH, undefined, { exact: true }).map(([id]) => id)
      const found = index.search(vector, DEPTH).map(([id]) => id)
      const exactSet = new Set(exact)
      const foundSet = new Set(found)
      const share = found.filter((id) => exactSet.has(id)).length / exact.length
      recall += share
      worst = Math.min(worst, share)
      const top10 = new Set(exact.slice(0, 10))
      const foundTop = new Set(found.slice(0, 10))
      const shareTop = found.slice(0, 10).filter((id) => top10.has(id)).length / 10
      overlap += shareTop
      worstTop = Math.min(worstTop, shareTop)
      // For a rare term: the passages that hold it, among exact search's 100 and the clustered search's, and among
      // their first 10.
      if (name === 'rare') {
        for (const [rank, id] of exact.entries()) {
          if (!texts[Number(id.slice(1))]!.toLowerCase().includes(text)) continue
          holdersExact++
          if (foundSet.has(id)) holders++
          if (rank >= 10) continue
          topHoldersExact++
          if (foundTop.has(id)) topHolders++
        }
      }
    }
    quality[name] = {
      recall: recall / texts_.length,
      worst,
      overlap: overlap / texts_.length,
      worstTop,
      holders: name === 'rare' ? `${holders} of ${holdersExact} / ${topHolders} of ${topHoldersExact}` : '–',
      belowFloor: below,
    }
  }
  const c = clustering
  const [free, rareTimes, typoTimes, filtered] = [times.free, times.rare, times.typo, times.filtered].map(({ flat, ivf }) => ({ flat: percentiles(flat), ivf: percentiles(ivf) }))
  rows.push([
    String(size),
    `${(buildMs / 1000).toFixed(1)} (${(buildCpuMs / 1000).toFixed(1)})`,
    c ? [c.ms.train, c.ms.pilot, c.ms.assign, c.ms.calibrate].map((x) => (x / 1000).toFixed(1)).join(' / ') : 'below threshold',
    c ? `${c.count} / ${c.probe} / ${c.recall.toFixed(3)} / ${c.floor.toFixed(2)}${index.clusters ? '' : ` → flat (measured on ${c.measuredOn === 'sample' ? 'the sample' : 'all'})`}` : 'flat',
    c && c.measuredOn === 'all' ? `${c.far.queries} (${farBelow} of ${farTexts.length} one-word) / ${c.far.probe} / ${c.far.recall.toFixed(3)} / ${c.far.topRecall.toFixed(3)}${index.clusters?.farProbe ? '' : ' → exact'}` : '–',
    `${ms(free!.flat.p50)} / ${ms(free!.flat.p99)} → ${ms(free!.ivf.p50)} / ${ms(free!.ivf.p99)} (${(free!.flat.p50 / free!.ivf.p50).toFixed(1)}×)`,
    `${ms(rareTimes!.flat.p50)} → ${ms(rareTimes!.ivf.p50)} (${(rareTimes!.flat.p50 / rareTimes!.ivf.p50).toFixed(1)}×)`,
    `${ms(typoTimes!.flat.p50)} → ${ms(typoTimes!.ivf.p50)} (${(typoTimes!.flat.p50 / typoTimes!.ivf.p50).toFixed(1)}×)`,
    `${ms(filtered!.flat.p50)} → ${ms(filtered!.ivf.p50)}`,
  ])
  for (const [name, q] of Object.entries(quality)) recallRows.push([String(size), `${name} (${kinds[name as keyof typeof kinds].length})`, guide ? String(q.belowFloor) : '–', `${q.recall.toFixed(3)} (${q.worst.toFixed(2)})`, `${q.overlap.toFixed(3)} (${q.worstTop.toFixed(2)})`, q.holders])
  console.error(`${size}: ${JSON.stringify({ buildMs, buildCpuMs, clustering: c && { count: c.count, probe: c.probe, recall: c.recall, floor: c.floor, far: c.far, farBelow, measuredOn: c.measuredOn, ms: c.ms }, clustered: index.clusters, free, rare: rareTimes, typo: typoTimes, filtered, quality })}`)
}

console.log(`\nVectors: ${embedder.id} of ${kind} synthetic texts, int8; CPU ms per search (process.cpuUsage), ${rounds} rounds, flat (exact) and clustered alternated in one process\n`)
console.log(table(['passages', 'build s (CPU)', 'train / pilot / assign / calibrate s', 'clusters / probe / recall@100 measured / floor', 'below the floor: calibration queries / far probe / recall@100 / recall@10 measured', 'free queries: flat p50 / p99 → clustered p50 / p99', 'rare terms: flat → clustered p50', 'typos: flat → clustered p50', 'free, top 10 with 1 % allowed: flat → clustered p50'], rows))
console.log(`\nThe clustered search against exact search on query texts it was not calibrated on: free (the bench's ${freeQueries.length} free queries and ${phraseQueries.length} phrases as words), rare (words of 8+ letters one or two texts hold), typo (words of 8+ letters with two letters swapped)\n`)
console.log(table(['passages', 'queries', 'below the floor', 'mean recall@100 (worst query)', 'mean recall@10 (worst query)', 'rare term\'s passages found of those in the exact 100 / in its first 10'], recallRows))

function timed(search: () => unknown, into: number[] | null): void {
  const cpu = process.cpuUsage()
  search()
  if (into) into.push(cpuMs(cpu))
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(since)
  return (user + system) / 1000
}

// Words of 8+ letters that one or two of the texts hold, from texts spread over the corpus, but those of `skip`.
function rareTerms(texts: readonly string[], count: number, skip: ReadonlySet<string>): string[] {
  const holders = new Map<string, number>()
  for (const text of texts) for (const word of new Set(text.toLowerCase().match(/\p{L}{8,}/gu) ?? [])) holders.set(word, (holders.get(word) ?? 0) + 1)
  const terms: string[] = []
  for (let p = 0; p < texts.length && terms.length < count; p += Math.max(1, Math.floor(texts.length / (count * 4)))) {
    const term = (texts[p]!.toLowerCase().match(/\p{L}{8,}/gu) ?? []).find((word) => holders.get(word)! <= 2 && !terms.includes(word) && !skip.has(word))
    if (term) terms.push(term)
  }
  return terms
}

// Typos as the calibration does not make them: a word of 8+ letters from texts spread over the corpus with its two
// middle letters swapped, but those of `skip`.
function typoTerms(texts: readonly string[], count: number, skip: ReadonlySet<string>): string[] {
  const terms: string[] = []
  const step = Math.max(1, Math.floor(texts.length / (count * 4)))
  for (let p = Math.floor(step / 2); p < texts.length && terms.length < count; p += step) {
    const word = (texts[p]!.toLowerCase().match(/\p{L}{8,}/gu) ?? [])[0]
    if (!word) continue
    const m = Math.floor(word.length / 2)
    const typo = word.slice(0, m - 1) + word[m] + word[m - 1] + word.slice(m + 1)
    if (typo !== word && !terms.includes(typo) && !skip.has(typo)) terms.push(typo)
  }
  return terms
}
