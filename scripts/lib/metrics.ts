// Ranking metrics shared by the quality benchmarks: nDCG@k (graded), recall@k, MRR@k, percentiles.

/** nDCG@k with gains 2^grade − 1, as in BEIR and the seed eval. `grades` are the judged grades of the ranked list. */
export function ndcgAt(k: number, rankedGrades: number[], allGrades: number[]): number {
  const dcg = rankedGrades.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0)
  const ideal = [...allGrades].sort((a, b) => b - a).slice(0, k)
  const idcg = ideal.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0)
  return idcg === 0 ? 0 : dcg / idcg
}

export function reciprocalRankAt(k: number, rankedGrades: number[]): number {
  const first = rankedGrades.slice(0, k).findIndex((g) => g > 0)
  return first === -1 ? 0 : 1 / (first + 1)
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
export const fixed = (x: number, digits = 3) => x.toFixed(digits)
