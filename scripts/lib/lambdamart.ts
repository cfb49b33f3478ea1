// LambdaMART (Burges 2010): gradient-boosted regression trees whose gradients are the pairwise "lambdas" of nDCG,
// fitted with Newton leaf values on histogram-binned features. Small and deterministic: the same data and settings
// give the same trees, to the bit. Writes trees in the engine's format (src/search/learned-fusion.ts).

import type { TreeNode } from '../../src/search/learned-fusion.js'

/** One query's candidates: a feature row and a judged grade each, and every judged grade of the query (for the ideal DCG). */
export interface TrainingQuery {
  rows: ArrayLike<number>[]
  labels: number[]
  judged: number[]
}

export interface LambdaMartOptions {
  /** Boosting rounds. Defaults to 200. */
  trees: number
  /** Shrinkage of each tree's leaf values, (0, 1]. Defaults to 0.05. */
  learningRate: number
  /** Depth of each tree, 1–6 (1: every tree is a stump, so the model is additive in its features). Defaults to 3. */
  depth: number
  /** Least Newton weight (Σ ρ(1−ρ)|ΔnDCG|) a leaf must hold. Defaults to 1. */
  minLeafWeight: number
  /** Least training rows a leaf must hold. Defaults to 50. */
  minLeafRows: number
  /** Bins per feature for split finding. Defaults to 64. */
  bins: number
  /** nDCG cut-off the lambdas optimise (pairs whose swap changes nothing above it weigh nothing). Defaults to 10. */
  cutoff: number
  /** Each query's starting scores (one per row), for boosting on top of another model; zero when absent. */
  start?: ReadonlyArray<ArrayLike<number>>
  /** Features a split may use (indices); all when absent. */
  use?: number[]
  /**
   * Features the score may only grow with (indices): a split on one never gives its larger values less, and the
   * bounds it sets hold for every split below it (LightGBM's "basic" monotone method), so the whole model is
   * monotone in them — more evidence never costs a passage its place.
   */
  increasing?: number[]
}

export const defaultLambdaMartOptions: LambdaMartOptions = { trees: 200, learningRate: 0.05, depth: 3, minLeafWeight: 1, minLeafRows: 50, bins: 64, cutoff: 10 }

interface Grown {
  /** The trees in the engine's format; leaf values already shrunk. */
  trees: TreeNode[][]
  /** The constant the trees' root values add up to (each root's value is its training mean). */
  bias: number
}

/** Candidate split thresholds of one feature: the values between quantile bins. */
function binEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort()
  const edges: number[] = []
  for (let b = 1; b < bins; b++) {
    const at = sorted[Math.floor((b * sorted.length) / bins)]!
    if (edges.length === 0 || at > edges[edges.length - 1]!) edges.push(at)
  }
  // A threshold sends `value ≤ edge` left; the last distinct value would send everything left.
  if (edges.length && edges[edges.length - 1]! >= sorted[sorted.length - 1]!) edges.pop()
  return edges
}

function binOf(edges: number[], value: number): number {
  let low = 0
  let high = edges.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (value <= edges[mid]!) high = mid
    else low = mid + 1
  }
  return low
}

/**
 * Trains a model. `validation`, when given, is scored after every tree (`onRound`), for early-stopping curves; it
 * never influences the trees.
 */
export function trainLambdaMart(queries: readonly TrainingQuery[], settings: Partial<LambdaMartOptions> = {}, onRound?: (round: number, scores: Float64Array) => void): Grown {
  const options = { ...defaultLambdaMartOptions, ...settings }
  const featureCount = queries.find((q) => q.rows.length)?.rows[0]!.length ?? 0
  const use = options.use ?? [...Array(featureCount).keys()]
  const starts: number[] = []
  let n = 0
  for (const q of queries) {
    starts.push(n)
    n += q.rows.length
  }
  // Column-major features, their bins and edges.
  const edges: number[][] = []
  const binned: Uint8Array[] = []
  for (let f = 0; f < featureCount; f++) {
    const column = new Float64Array(n)
    let at = 0
    for (const q of queries) for (const row of q.rows) column[at++] = row[f]!
    const e = use.includes(f) ? binEdges(column, options.bins) : []
    edges.push(e)
    binned.push(Uint8Array.from(column, (v) => binOf(e, v)))
  }
  const idealDcg = queries.map((q) => dcg([...q.judged].sort((a, b) => b - a), options.cutoff))
  const scores = new Float64Array(n)
  if (options.start) queries.forEach((q, qi) => q.rows.forEach((_, i) => (scores[starts[qi]! + i] = options.start![qi]![i]!)))
  const lambdas = new Float64Array(n)
  const weights = new Float64Array(n)
  const trees: TreeNode[][] = []
  let bias = 0
  for (let round = 0; round < options.trees; round++) {
    lambdas.fill(0)
    weights.fill(0)
    queries.forEach((q, qi) => computeLambdas(q, starts[qi]!, scores, lambdas, weights, idealDcg[qi]!, options.cutoff))
    const tree = growTree(binned, edges, use, lambdas, weights, options)
    // Leaf values are Newton steps (Σλ / Σw) times the learning rate; apply them to the training scores.
    for (let i = 0; i < n; i++) scores[i] = scores[i]! + tree.leafOf[i]!
    trees.push(tree.nodes)
    bias += rootValue(tree.nodes)
    onRound?.(round, scores)
  }
  return { trees, bias }
}

const rootValue = (tree: TreeNode[]) => (tree[0]!.length === 5 ? tree[0]![4] : tree[0]![0])

function dcg(grades: readonly number[], cutoff: number): number {
  let sum = 0
  for (let i = 0; i < Math.min(cutoff, grades.length); i++) sum += (2 ** grades[i]! - 1) / Math.log2(i + 2)
  return sum
}

// The lambdas of one query: for each pair whose grades differ, a push apart weighted by how much swapping the pair
// would change nDCG@cutoff at the current ranking (Burges 2010, eq. 6–8, σ = 1).
function computeLambdas(q: TrainingQuery, start: number, scores: Float64Array, lambdas: Float64Array, weights: Float64Array, ideal: number, cutoff: number): void {
  const m = q.rows.length
  if (ideal === 0 || m < 2) return
  // Only the first `cutoff` ranks have a discount: find them by insertion into a short sorted list (O(m · cutoff)).
  const top: number[] = []
  for (let i = 0; i < m; i++) {
    const si = scores[start + i]!
    if (top.length === cutoff && si <= scores[start + top[cutoff - 1]!]!) continue
    let at = top.length
    while (at > 0 && scores[start + top[at - 1]!]! < si) at--
    top.splice(at, 0, i)
    if (top.length > cutoff) top.pop()
  }
  const discounts = new Float64Array(m)
  top.forEach((i, r) => (discounts[i] = 1 / Math.log2(r + 2)))
  for (let i = 0; i < m; i++) {
    const li = q.labels[i]!
    if (li === 0) continue
    for (let j = 0; j < m; j++) {
      const lj = q.labels[j]!
      if (lj >= li) continue
      const delta = (Math.abs((2 ** li - 2 ** lj) * (discounts[i]! - discounts[j]!)) / ideal)
      if (delta === 0) continue
      const rho = 1 / (1 + Math.exp(scores[start + i]! - scores[start + j]!))
      const lambda = rho * delta
      const weight = rho * (1 - rho) * delta
      lambdas[start + i] = lambdas[start + i]! + lambda
      lambdas[start + j] = lambdas[start + j]! - lambda
      weights[start + i] = weights[start + i]! + weight
      weights[start + j] = weights[start + j]! + weight
    }
  }
}

interface GrownTree {
  nodes: TreeNode[]
  /** Each training row's (shrunk) leaf value. */
  leafOf: Float64Array
}

/** Per feature, per bin: the sums of λ and Newton weight and the row count of a node's rows. */
interface Histograms {
  lambda: Float64Array[]
  weight: Float64Array[]
  count: Float64Array[]
}

// Grows one tree depth-first on the binned features; a node splits on the feature and bin edge with the largest
// Newton gain (Σλ)²/Σw of its children over its own, within the leaf limits. A child's histograms are its parent's
// less its sibling's, so only the smaller child's rows are read again.
function growTree(binned: Uint8Array[], edges: number[][], use: number[], lambdas: Float64Array, weights: Float64Array, options: LambdaMartOptions): GrownTree {
  const n = lambdas.length
  const nodes: TreeNode[] = []
  const leafOf = new Float64Array(n)
  const histogramsOf = (rows: Uint32Array): Histograms => {
    const h: Histograms = { lambda: [], weight: [], count: [] }
    for (const f of use) {
      const bins = edges[f]!.length + 1
      const hl = (h.lambda[f] = new Float64Array(bins))
      const hw = (h.weight[f] = new Float64Array(bins))
      const hc = (h.count[f] = new Float64Array(bins))
      const column = binned[f]!
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!
        const b = column[r]!
        hl[b] = hl[b]! + lambdas[r]!
        hw[b] = hw[b]! + weights[r]!
        hc[b] = hc[b]! + 1
      }
    }
    return h
  }
  const minus = (whole: Histograms, part: Histograms): Histograms => {
    const h: Histograms = { lambda: [], weight: [], count: [] }
    for (const f of use) {
      h.lambda[f] = whole.lambda[f]!.map((v, b) => v - part.lambda[f]![b]!)
      h.weight[f] = whole.weight[f]!.map((v, b) => v - part.weight[f]![b]!)
      h.count[f] = whole.count[f]!.map((v, b) => v - part.count[f]![b]!)
    }
    return h
  }
  const increasing = new Uint8Array(binned.length)
  for (const f of options.increasing ?? []) increasing[f] = 1
  const clamp = (v: number, lower: number, upper: number) => Math.min(upper, Math.max(lower, v))
  const grow = (rows: Uint32Array, depth: number, histograms: Histograms | null, lower: number, upper: number): number => {
    const at = nodes.length
    nodes.push([0])
    let sumL = 0
    let sumW = 0
    for (let i = 0; i < rows.length; i++) {
      sumL += lambdas[rows[i]!]!
      sumW += weights[rows[i]!]!
    }
    const value = clamp(sumW > 0 ? (options.learningRate * sumL) / sumW : 0, lower, upper)
    const h = depth < options.depth ? (histograms ?? histogramsOf(rows)) : null
    const split = h ? bestSplit(h, rows.length, use, sumL, sumW, options, increasing, lower, upper) : null
    if (!split) {
      nodes[at] = [value]
      for (let i = 0; i < rows.length; i++) leafOf[rows[i]!] = value
      return at
    }
    const column = binned[split.feature]!
    let leftCount = 0
    for (let i = 0; i < rows.length; i++) if (column[rows[i]!]! <= split.bin) leftCount++
    const left = new Uint32Array(leftCount)
    const right = new Uint32Array(rows.length - leftCount)
    for (let i = 0, a = 0, b = 0; i < rows.length; i++) {
      const r = rows[i]!
      if (column[r]! <= split.bin) left[a++] = r
      else right[b++] = r
    }
    let leftH: Histograms | null = null
    let rightH: Histograms | null = null
    if (depth + 1 < options.depth) {
      const smallerLeft = left.length <= right.length
      const small = histogramsOf(smallerLeft ? left : right)
      const large = minus(h!, small)
      leftH = smallerLeft ? small : large
      rightH = smallerLeft ? large : small
    }
    // Below a split on a monotone feature, the left side stays under the midpoint of the two sides' values and the
    // right side over it.
    const middle = increasing[split.feature] ? (split.left + split.right) / 2 : NaN
    const l = grow(left, depth + 1, leftH, lower, Number.isNaN(middle) ? upper : Math.min(upper, middle))
    const rr = grow(right, depth + 1, rightH, Number.isNaN(middle) ? lower : Math.max(lower, middle), upper)
    // A split's value is the mean leaf value of the rows under it: what its children's values move from.
    let mean = 0
    for (let i = 0; i < rows.length; i++) mean += leafOf[rows[i]!]!
    nodes[at] = [split.feature, edges[split.feature]![split.bin]!, l, rr, mean / rows.length]
    return at
  }
  grow(Uint32Array.from({ length: n }, (_, i) => i), 0, null, -Infinity, Infinity)
  return { nodes, leafOf }
}

interface Split {
  feature: number
  bin: number
  gain: number
  /** The two sides' leaf values, within the node's bounds. */
  left: number
  right: number
}

function bestSplit(h: Histograms, rowCount: number, use: number[], sumL: number, sumW: number, options: LambdaMartOptions, increasing: Uint8Array, lower: number, upper: number): Split | null {
  const parent = sumW > 0 ? (sumL * sumL) / sumW : 0
  const rate = options.learningRate
  let best: Split | null = null
  for (const f of use) {
    const hl = h.lambda[f]!
    const hw = h.weight[f]!
    const hc = h.count[f]!
    let leftL = 0
    let leftW = 0
    let leftC = 0
    for (let b = 0; b < hl.length - 1; b++) {
      leftL += hl[b]!
      leftW += hw[b]!
      leftC += hc[b]!
      const rightL = sumL - leftL
      const rightW = sumW - leftW
      const rightC = rowCount - leftC
      if (leftC < options.minLeafRows || rightC < options.minLeafRows || leftW < options.minLeafWeight || rightW < options.minLeafWeight) continue
      const gain = (leftL * leftL) / leftW + (rightL * rightL) / rightW - parent
      if (gain <= 1e-12 || (best && gain <= best.gain)) continue
      const left = Math.min(upper, Math.max(lower, (rate * leftL) / leftW))
      const right = Math.min(upper, Math.max(lower, (rate * rightL) / rightW))
      if (increasing[f] && left > right) continue
      best = { feature: f, bin: b, gain, left, right }
    }
  }
  return best
}
