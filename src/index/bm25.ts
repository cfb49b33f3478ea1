// BM25+ exactly as MiniSearch computes it (same constants, same order of operations), so our top-k and MiniSearch's
// exhaustive ranking give the same scores to the last bit.

/** MiniSearch's defaults: k1 1.2, b 0.7, and BM25+'s lower bound d 0.5 for any occurrence. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const

/** Inverse document frequency of a term in a field held by `matching` of `total` passages. */
export function inverseDocumentFrequency(matching: number, total: number): number {
  return Math.log(1 + (total - matching + 0.5) / (matching + 0.5))
}

/** The BM25+ score of one term in one field of one passage (before term weight and field boost). */
export function bm25(idf: number, termFrequency: number, fieldLength: number, averageFieldLength: number): number {
  const { k, b, d } = BM25
  return idf * (d + (termFrequency * (k + 1)) / (termFrequency + k * (1 - b + (b * fieldLength) / averageFieldLength)))
}
