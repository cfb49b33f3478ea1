// The inverted file of the vector index: spherical k-means over a sample of the int8 vectors, every vector assigned to
// its nearest centroid, and the number of clusters a query must visit measured against exact search at build — for
// queries near the corpus's subjects and, apart, for those far from every centroid, which visit the clusters in
// another order (`clusterOrder`).

import { clusterSizes, clusterSpread } from './cluster-spread.js'
import { createInt8Dots, type Int8Dots } from './dot-simd.js'
import { prng } from './prng.js'
import { TopK } from './top-k.js'
import { unitCopy } from './unit-vector.js'
import type { VectorClusters } from './vector-file.js'

export interface ClusterOptions {
  /**
   * Vectors from which the index is clustered, at least 2; a smaller index is searched flat (exactly, as before there
   * were clusters). Defaults to 65 536: below it a flat scan costs under 2 ms of a core.
   */
  from?: number
  /**
   * The mean recall@`depth` against exact search the number of clusters probed must reach, 0–1. Defaults to 0.98: the
   * dense channel hands its first 100 to the fusion, and two of them replaced by their near neighbours at most moves
   * what ranks last.
   */
  recall?: number
  /** How many clusters at most a query may probe, as a share of them; past it the index stays flat. Defaults to 0.25. */
  maxProbeShare?: number
  /** The depth recall is measured at: the dense channel's (`SEMANTIC_DEPTH`). Defaults to 100. */
  depth?: number
  /**
   * A second depth the far probe count must reach `recall` at too, 1 to `depth`: a page's first results. A far query's
   * exact top 100 is its rare word's one or two holders and passages that lean its way by chance, so recall@100 alone
   * can be met without the holders; at the top 10 they count. Defaults to 10.
   */
  topDepth?: number
  /** Stored vectors, with noise, that calibrate the probe count. Defaults to 200. */
  queries?: number
  /**
   * Query vectors that calibrate the probe count along with the noisy stored vectors: the build embeds short texts
   * drawn from the passages (`calibrationTexts`), which lie where a model puts queries, not passages. Defaults to none.
   */
  queryVectors?: readonly Float32Array[]
  /**
   * Query vectors drawn as queries far from the corpus's subjects arise (a rare word, a single word, a typo: the build's
   * `farCalibrationTexts`): those of them, and of the other calibration queries, that fall below the floor calibrate
   * the probe count of such queries (`farProbe`). Defaults to none (every query below the floor is searched exactly).
   */
  farQueryVectors?: readonly Float32Array[]
  /**
   * How many calibration queries must fall below the floor for their probe count to be kept, at least 1. Defaults to
   * 50: near the target a query's recall@100 lies between about 0.9 and 1, so the mean of 50 is within about ±0.01 of
   * the mean over every such query (two standard errors); from fewer, the 5 % of the other queries that define the
   * floor (15 of 300) would decide alone.
   */
  minFarQueries?: number
  /**
   * Length of the random noise added to each calibration query (a unit vector): 1 puts the query at 45° of its vector,
   * further than a noisy copy and about as far as a short query from its passage. Defaults to 1.
   */
  noise?: number
  /** Rounds of k-means. Defaults to 8. */
  iterations?: number
  /** Vectors sampled per cluster to train the centroids. Defaults to 32. */
  samplePerCluster?: number
  /** The most clusters, whatever the size. Defaults to 4 096. */
  maxClusters?: number
  /** Seed of the sampling and the noise: the same vectors always give the same clusters. Defaults to 1. */
  seed?: number
}

export const defaultClusterOptions = {
  from: 65_536,
  recall: 0.98,
  maxProbeShare: 0.25,
  depth: 100,
  topDepth: 10,
  queries: 200,
  queryVectors: [],
  farQueryVectors: [],
  minFarQueries: 50,
  noise: 1,
  iterations: 8,
  samplePerCluster: 32,
  maxClusters: 4_096,
  seed: 1,
} satisfies Required<ClusterOptions>

/** The int8 vectors of an index in position order, with their scales and the SIMD scorer over them. */
export interface ClusterInput {
  values: Int8Array
  scales: Float32Array
  dimension: number
  dots: Int8Dots
}

/** What the build found: the clusters when they earn their approximation, null when the index stays flat. */
export interface Clustering {
  clusters: VectorClusters | null
  /** Clusters trained, the probe count reaching the target (or all of them), the recall it measured, and the floor. */
  count: number
  probe: number
  recall: number
  floor: number
  /**
   * Below the floor: how many calibration queries fell there, the probe count reaching the target recall for them at
   * both `depth` and `topDepth` (or every cluster), and the recalls it measured at each. The clusters keep it
   * (`farProbe`) when at least `minFarQueries` fell there and it is within `maxProbeShare` of the clusters; otherwise
   * such queries are searched exactly.
   */
  far: { queries: number; probe: number; recall: number; topRecall: number }
  /**
   * Where the probe count was measured: over every vector, or over the training sample alone when that already needed
   * more than `maxProbeShare` of the clusters (the index stays flat without assigning every vector).
   */
  measuredOn: 'all' | 'sample'
  /** Milliseconds spent training the centroids, measuring on the sample, assigning every vector, and calibrating. */
  ms: { train: number; pilot: number; assign: number; calibrate: number }
}

/** Clusters `input`'s vectors and measures them; null (stay flat, nothing tried) below `from` vectors. */
export function clusterVectors(input: ClusterInput, options: ClusterOptions = {}): Clustering | null {
  const settings = { ...defaultClusterOptions, ...options }
  const { dimension: d, scales } = input
  const n = scales.length
  if (n < Math.max(2, settings.from)) return null
  const random = prng(settings.seed)
  const count = Math.max(1, Math.min(settings.maxClusters, Math.round(Math.sqrt(n))))
  const most = Math.floor(count * settings.maxProbeShare)
  let started = performance.now()
  const { centroids, sample } = trainCentroids(input, count, settings, random)
  const train = performance.now() - started
  // A pilot over the sample alone, at the depth that is to the sample what `depth` is to all the vectors: vectors
  // without neighbourhoods need most clusters there already, and are left flat before every vector is assigned.
  started = performance.now()
  const sampleShare = sample.scales.length / n
  // The pilot decides only whether the index stays flat: the far queries are measured over every vector alone.
  const pilotSettings = { ...settings, depth: Math.max(1, Math.round(settings.depth * sampleShare)), farQueryVectors: [] }
  const pilot = sampleShare < 1 ? calibrate(sample, centroids, nearestOf(sample.dots, sample.scales, centroids, d).nearest, pilotSettings, random) : null
  const ms = { train, pilot: performance.now() - started, assign: 0, calibrate: 0 }
  // The recalls as the file keeps them (float32), so that an index read back reports what the built one did.
  const measured = (on: 'all' | 'sample', { probe, recall, floor, far }: Calibration) => ({
    count,
    probe,
    recall: Math.fround(recall),
    floor: Math.fround(floor),
    far: { ...far, recall: Math.fround(far.recall), topRecall: Math.fround(far.topRecall) },
    measuredOn: on,
    ms,
  })
  if (pilot && pilot.probe > most) return { clusters: null, ...measured('sample', pilot) }
  started = performance.now()
  const assignment = nearestOf(input.dots, scales, centroids, d).nearest
  ms.assign = performance.now() - started
  started = performance.now()
  const calibration = calibrate(input, centroids, assignment, settings, random)
  const result = measured('all', calibration)
  ms.calibrate = performance.now() - started
  const { probe, recall, floor, far } = result
  const farKept = far.queries >= Math.max(1, settings.minFarQueries) && far.probe <= most
  const farFigures = farKept ? { farProbe: far.probe, farRecall: far.recall, farTopRecall: far.topRecall } : { farProbe: 0, farRecall: 0, farTopRecall: 0 }
  return { clusters: probe <= most ? { centroids, spread: calibration.spread, assignment, probe, recall, floor, ...farFigures } : null, ...result }
}

/** What orders the clusters for a query: their centroids and the floor, and for a query below it their spread and sizes. */
export interface ClusterGuide {
  centroids: Float32Array
  floor: number
  /** Per cluster and dimension, the variance of its vectors (`clusterSpread`). */
  spread: Float32Array
  /** How many vectors each cluster holds. */
  sizes: Uint32Array
}

/**
 * The clusters in the order a query visits them (equal scores, lower cluster first), and the best centroid's cosine.
 * A query at or above the floor visits them best centroid first. One below it (a rare word, a typo) has its answers
 * not near any centroid but at the edge of a cluster that reaches its way: its clusters are ranked by an estimate of
 * the best score among their n vectors, `centroid·q + √(2 ln n) · √(Σ_j q_j² spread_j)` — the centroid's score plus
 * the expected largest of n normal deviations whose variance the cluster's spread along the query gives (its vectors'
 * dimensions taken as independent). On 100k topical vectors, such queries' exact top 100 needed 71 of 316 clusters
 * in this order against 194 best centroid first, and their top 10, 109 against 206. The queries above the floor keep
 * the centroid order: this one would visit fewer of their clusters (9 against 15) but costs a second pass over the
 * centroids, more than scanning the clusters it saves (docs/benchmarks.md › Dense far queries by spread, session
 * 16). Shared by the search and the calibration, so what the build measured is what a query does.
 */
export function clusterOrder(unit: Float32Array, guide: ClusterGuide): { order: Uint32Array; best: number } {
  const { centroids, spread, sizes, floor } = guide
  const d = unit.length
  const count = centroids.length / d
  const scores = new Float64Array(count)
  let best = -1
  for (let c = 0, base = 0; c < count; c++, base += d) {
    let s0 = 0
    let s1 = 0
    let j = 0
    for (; j + 1 < d; j += 2) {
      s0 += centroids[base + j]! * unit[j]!
      s1 += centroids[base + j + 1]! * unit[j + 1]!
    }
    if (j < d) s0 += centroids[base + j]! * unit[j]!
    scores[c] = s0 + s1
    if (c === 0 || scores[c]! > best) best = scores[c]!
  }
  if (best < floor) {
    const squares = Float64Array.from(unit, (x) => x * x)
    for (let c = 0, base = 0; c < count; c++, base += d) {
      let variance = 0
      for (let j = 0; j < d; j++) variance += squares[j]! * spread[base + j]!
      scores[c]! += Math.sqrt(2 * Math.log(Math.max(1, sizes[c]!)) * variance)
    }
  }
  const order = Uint32Array.from({ length: count }, (_, c) => c).sort((a, b) => scores[b]! - scores[a]! || a - b)
  return { order, best }
}

/** The nearest of `centroids` to each of the int8 vectors `values` (scaled by `scales`): for a few added vectors. */
export function nearestCentroids(values: Int8Array, scales: Float32Array, centroids: Float32Array, d: number): Uint32Array {
  const count = centroids.length / d
  return Uint32Array.from({ length: scales.length }, (_, row) => {
    let best = 0
    let bestScore = -Infinity
    for (let c = 0; c < count; c++) {
      let s = 0
      for (let j = 0; j < d; j++) s += values[row * d + j]! * centroids[c * d + j]!
      if (s > bestScore) [best, bestScore] = [c, s]
    }
    return best
  })
}

/** A unit vector as the int16 codes the SIMD scorer takes, and the scale back; null for a zero vector. */
export function queryCodes(unit: Float32Array): { codes: Int16Array; scale: number } | null {
  let max = 0
  for (let j = 0; j < unit.length; j++) max = Math.max(max, Math.abs(unit[j]!))
  if (max === 0) return null
  return { codes: Int16Array.from(unit, (x) => Math.round((x / max) * 32767)), scale: max / 32767 }
}

// Spherical k-means on a sample: centroids start as distinct sampled vectors; each round assigns the sample (each
// centroid scored over it by the SIMD scorer) and moves each centroid to the normalised mean of its vectors. A cluster
// left empty takes the sampled vector the centroids serve worst.
function trainCentroids(input: ClusterInput, count: number, settings: Required<ClusterOptions>, random: () => number): { centroids: Float32Array; sample: ClusterInput } {
  const { values, scales, dimension: d } = input
  const n = scales.length
  const rows = sampleRows(n, Math.min(n, count * settings.samplePerCluster), random)
  const sample = new Int8Array(rows.length * d)
  const sampleScales = new Float32Array(rows.length)
  rows.forEach((row, i) => {
    sample.set(values.subarray(row * d, (row + 1) * d), i * d)
    sampleScales[i] = scales[row]!
  })
  const dots = createInt8Dots(sample, d)!
  const centroids = new Float32Array(count * d)
  for (let c = 0; c < count; c++) setUnit(centroids, c, d, (j) => sample[c * d + j]!)
  const sums = new Float64Array(count * d)
  const sizes = new Uint32Array(count)
  for (let round = 0; round < settings.iterations; round++) {
    const { nearest, best } = nearestOf(dots, sampleScales, centroids, d)
    sums.fill(0)
    sizes.fill(0)
    for (let i = 0; i < rows.length; i++) {
      const c = nearest[i]!
      sizes[c]!++
      const scale = sampleScales[i]!
      for (let j = 0, at = i * d, to = c * d; j < d; j++) sums[to + j]! += sample[at + j]! * scale
    }
    let worst: number[] | null = null
    let next = 0
    for (let c = 0; c < count; c++) {
      if (sizes[c] === 0) {
        worst ??= Array.from(best.keys()).sort((a, b) => best[a]! - best[b]! || a - b)
        const i = worst[next++ % worst.length]!
        setUnit(centroids, c, d, (j) => sample[i * d + j]!)
      } else {
        setUnit(centroids, c, d, (j) => sums[c * d + j]!)
      }
    }
  }
  return { centroids, sample: { values: sample, scales: sampleScales, dimension: d, dots } }
}

// For each row of `dots`, its best centroid and that centroid's score (the row's own scale left out: it is the same
// for every centroid): each centroid is one SIMD pass over the rows. A zero row goes to cluster 0.
function nearestOf(dots: Int8Dots, scales: Float32Array, centroids: Float32Array, d: number): { nearest: Uint32Array; best: Float64Array } {
  const n = scales.length
  const nearest = new Uint32Array(n)
  const best = new Float64Array(n).fill(-Infinity)
  for (let c = 0, count = centroids.length / d; c < count; c++) {
    const query = queryCodes(centroids.subarray(c * d, (c + 1) * d))
    if (!query) continue
    const scores = dots.run(query.codes)
    const scale = query.scale
    for (let row = 0; row < n; row++) {
      const score = scores[row]! * scale
      if (score > best[row]!) {
        best[row] = score
        nearest[row] = c
      }
    }
  }
  return { nearest, best }
}

/** What a calibration measured: the probe count and its recall, the floor, the same below the floor, and the spread. */
interface Calibration {
  probe: number
  recall: number
  floor: number
  far: { queries: number; probe: number; recall: number; topRecall: number }
  spread: Float32Array
}

// The probe count: for noisy copies of sampled vectors (each of its exact top `depth` the vector itself left out) and
// for the query vectors given, each answer of the exact top `depth` is found by a probe of p clusters exactly when its
// cluster is among the query's first p, since the probed vectors' top `depth` then holds it. So one exact scan per
// query, and the rank of each answer's cluster, give the recall of every probe count at once. The floor is the 5th
// percentile of those queries' best centroid cosines: a query farther from every centroid than 95 % of them is unlike
// what was measured (a word no passage's subject explains, say), and its clusters are no guide to its answers in the
// same way. Such queries get their own order (`clusterOrder`) and probe count, measured on the calibration's queries
// below the floor alone — the far query vectors given (which move neither the floor nor the probe count) and the few
// of the others there — at `depth` and at `topDepth`.
function calibrate(input: ClusterInput, centroids: Float32Array, assignment: Uint32Array, settings: Required<ClusterOptions>, random: () => number): Calibration {
  const { values, scales, dimension: d, dots } = input
  const n = scales.length
  const count = centroids.length / d
  const spread = clusterSpread(assignment, count, d, (p) => values.subarray(p * d, (p + 1) * d), (p) => scales[p]!)
  const sizes = clusterSizes(assignment, count)
  const noisy = Array.from(sampleRows(n, Math.min(n, settings.queries), random), (row) => ({ unit: noisyUnit(values, scales[row]!, row, d, settings.noise, random), skip: row, far: false }))
  const given = (vectors: readonly Float32Array[], far: boolean) => vectors.filter((vector) => vector.length === d).map((vector) => ({ unit: unitCopy(vector), skip: -1, far }))
  // Each query's exact answers and best centroid cosine (the floor left out: it is not known yet).
  const queries: Array<{ unit: Float32Array; truth: number[]; best: number; far: boolean }> = []
  for (const { unit, skip, far } of [...noisy, ...given(settings.queryVectors, false), ...given(settings.farQueryVectors, true)]) {
    const query = unit && queryCodes(unit)
    if (!query) continue
    const truth = topRows(dots.run(query.codes), scales, skip, Math.min(settings.depth, n - 1))
    queries.push({ unit, truth, best: clusterOrder(unit, { centroids, spread, sizes, floor: -Infinity }).best, far })
  }
  const near = queries.filter((q) => !q.far)
  const bests = near.map((q) => q.best).sort((a, b) => a - b)
  const floor = bests.length > 0 ? bests[Math.floor(bests.length * 0.05)]! : -1
  // The rank in each query's cluster order of each of its exact answers' clusters, best answer first: for the probe
  // count, every one of the other queries in centroid order (as the floor was set on them), and below the floor, the
  // order such a query takes.
  const rankOf = new Uint32Array(count)
  const ranked = (list: typeof queries, below: number) =>
    list.map(({ unit, truth }) => {
      clusterOrder(unit, { centroids, spread, sizes, floor: below }).order.forEach((c, rank) => (rankOf[c] = rank))
      return Uint32Array.from(truth, (answer) => rankOf[assignment[answer]!]!)
    })
  const nearRanks = ranked(near, -Infinity)
  const belowRanks = ranked(queries.filter((q) => q.best < floor), floor)
  const [probe, recall] = probeFor([recallCurve(nearRanks, count)], settings.recall)
  const top = Math.max(1, Math.min(settings.topDepth, settings.depth))
  const farCurves = [recallCurve(belowRanks, count), recallCurve(belowRanks.map((ranks) => ranks.subarray(0, top)), count)]
  const [farProbe, farRecall, farTopRecall] = probeFor(farCurves, settings.recall)
  return { probe, recall: recall!, floor, far: { queries: belowRanks.length, probe: farProbe, recall: farRecall!, topRecall: farTopRecall! }, spread }
}

// The mean recall of every probe count p (entry p − 1) over queries whose answers' clusters rank `ranks` in their
// order: an answer whose cluster ranks r is found by every probe from r + 1. 1 throughout without answers.
function recallCurve(queries: readonly Uint32Array[], count: number): Float64Array {
  const found = new Float64Array(count)
  let total = 0
  for (const ranks of queries) {
    for (const rank of ranks) found[rank]!++
    total += ranks.length
  }
  const curve = new Float64Array(count)
  let reached = 0
  for (let p = 0; p < count; p++) {
    reached += found[p]!
    curve[p] = total === 0 ? 1 : reached / total
  }
  return curve
}

// The fewest clusters whose probe reaches `target` on every curve (or every cluster), and the recall of each there.
function probeFor(curves: readonly Float64Array[], target: number): [probe: number, ...recalls: number[]] {
  const count = curves[0]!.length
  let p = 1
  while (p < count && curves.some((curve) => curve[p - 1]! < target)) p++
  return [p, ...curves.map((curve) => curve[p - 1]!)]
}

// The `depth` best rows by score (`scores[row] × scales[row]`), but `skip`; ties to the lower row: the search's top k.
function topRows(scores: Int32Array, scales: Float32Array, skip: number, depth: number): number[] {
  const top = new TopK(depth)
  for (let row = 0; row < scales.length; row++) if (row !== skip) top.offer(scores[row]! * scales[row]!, row)
  return top.drain().map(([row]) => row)
}

// Stored vector `row` plus Gaussian noise of length `noise`, normalised.
function noisyUnit(values: Int8Array, scale: number, row: number, d: number, noise: number, random: () => number): Float32Array {
  const gauss = Float64Array.from({ length: d }, () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()))
  const norm = Math.hypot(...gauss) || 1
  const vector = new Float32Array(d)
  setUnit(vector, 0, d, (j) => values[row * d + j]! * scale + (gauss[j]! / norm) * noise)
  return vector
}

// Writes the unit vector of `value(0…d−1)` as row `c` of `into` (a zero vector stays zero).
function setUnit(into: Float32Array, c: number, d: number, value: (j: number) => number): void {
  let sum = 0
  for (let j = 0; j < d; j++) sum += value(j) ** 2
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0
  for (let j = 0; j < d; j++) into[c * d + j] = value(j) * scale
}

// `size` distinct rows of `n`, in random order (a partial Fisher–Yates shuffle).
function sampleRows(n: number, size: number, random: () => number): Uint32Array {
  const rows = Uint32Array.from({ length: n }, (_, i) => i)
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i))
    const row = rows[j]!
    rows[j] = rows[i]!
    rows[i] = row
  }
  return rows.slice(0, size)
}
