// A linear ranker fitted with the ListNet top-one loss (Cao et al., ICML 2007): for each query, the softmax of the
// candidates' scores should match its judged grades' share; L2-regularised, full-batch Adam on standardised
// features, deterministic. The weights come back in the features' own units, each centred on its training mean.

import type { TrainingQuery } from './lambdamart.js'

export interface ListNetOptions {
  /** L2 penalty on the standardised weights. Defaults to 1e-3. */
  l2: number
  /** Full-batch steps. Defaults to 400. */
  steps: number
  /** Adam step size. Defaults to 0.05. */
  rate: number
}

export const defaultListNetOptions: ListNetOptions = { l2: 1e-3, steps: 400, rate: 0.05 }

export interface LinearFit {
  /** Score = Σ weights[f] · (x[f] − centers[f]). */
  weights: number[]
  centers: number[]
}

export function trainListNet(queries: readonly TrainingQuery[], settings: Partial<ListNetOptions> = {}): LinearFit {
  const options = { ...defaultListNetOptions, ...settings }
  const used = queries.filter((q) => q.labels.some((l) => l > 0))
  const d = used.find((q) => q.rows.length)?.rows[0]!.length ?? 0
  // Standardise on the training rows (a constant feature keeps a scale of 1 and gets no weight: its gradient is 0).
  const centers = new Float64Array(d)
  const scales = new Float64Array(d)
  let n = 0
  for (const q of used) {
    for (const row of q.rows) for (let f = 0; f < d; f++) centers[f] = centers[f]! + row[f]!
    n += q.rows.length
  }
  for (let f = 0; f < d; f++) centers[f] = centers[f]! / n
  for (const q of used) for (const row of q.rows) for (let f = 0; f < d; f++) scales[f] = scales[f]! + (row[f]! - centers[f]!) ** 2
  for (let f = 0; f < d; f++) scales[f] = Math.sqrt(scales[f]! / n) || 1
  const standard = used.map((q) => ({
    rows: q.rows.map((row) => Float64Array.from({ length: d }, (_, f) => (row[f]! - centers[f]!) / scales[f]!)),
    target: shares(q.labels),
  }))
  const w = new Float64Array(d)
  const m = new Float64Array(d)
  const v = new Float64Array(d)
  const gradient = new Float64Array(d)
  for (let step = 1; step <= options.steps; step++) {
    gradient.fill(0)
    for (const q of standard) {
      const scores = q.rows.map((row) => dot(w, row))
      const top = Math.max(...scores)
      const e = scores.map((s) => Math.exp(s - top))
      const z = e.reduce((a, b) => a + b, 0)
      q.rows.forEach((row, i) => {
        const diff = e[i]! / z - q.target[i]!
        if (diff !== 0) for (let f = 0; f < d; f++) gradient[f] = gradient[f]! + diff * row[f]!
      })
    }
    for (let f = 0; f < d; f++) {
      const g = gradient[f]! / standard.length + options.l2 * w[f]!
      m[f] = 0.9 * m[f]! + 0.1 * g
      v[f] = 0.999 * v[f]! + 0.001 * g * g
      const mh = m[f]! / (1 - 0.9 ** step)
      const vh = v[f]! / (1 - 0.999 ** step)
      w[f] = w[f]! - (options.rate * mh) / (Math.sqrt(vh) + 1e-8)
    }
  }
  return { weights: Array.from(w, (x, f) => x / scales[f]!), centers: Array.from(centers) }
}

function shares(labels: readonly number[]): number[] {
  const gains = labels.map((l) => 2 ** l - 1)
  const sum = gains.reduce((a, b) => a + b, 0)
  return gains.map((g) => g / sum)
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

/** A row's linear score. */
export function scoreLinear(fit: LinearFit, row: ArrayLike<number>): number {
  let s = 0
  for (let f = 0; f < fit.weights.length; f++) s += fit.weights[f]! * (row[f]! - fit.centers[f]!)
  return s
}
