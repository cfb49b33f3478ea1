// How widely each cluster's vectors spread along each dimension: what ranks the clusters for a query far from every
// centroid (`clusterOrder`), whose answers lie not near a centroid but at the edge of a cluster that reaches its way.

/**
 * The variance, per cluster and per dimension, of the cluster's vectors' values about their mean (`count × dimension`,
 * cluster after cluster; 0 for an empty cluster). A function of the vectors, their clusters and their order alone
 * (sums in float64, in position order), so that a build and a splice of the same vectors write the same bytes.
 * `codesOf(p)` gives vector p's int8 codes, `scaleOf(p)` its scale.
 */
export function clusterSpread(assignment: Uint32Array, count: number, dimension: number, codesOf: (p: number) => Int8Array, scaleOf: (p: number) => number): Float32Array {
  const d = dimension
  const sums = new Float64Array(count * d)
  const squares = new Float64Array(count * d)
  const sizes = new Float64Array(count)
  for (let p = 0; p < assignment.length; p++) {
    const c = assignment[p]!
    const codes = codesOf(p)
    const scale = scaleOf(p)
    sizes[c]!++
    for (let j = 0, at = c * d; j < d; j++) {
      const x = codes[j]! * scale
      sums[at + j]! += x
      squares[at + j]! += x * x
    }
  }
  const spread = new Float32Array(count * d)
  for (let c = 0; c < count; c++) {
    const size = sizes[c]!
    if (size === 0) continue
    for (let j = 0, at = c * d; j < d; j++) {
      const mean = sums[at + j]! / size
      spread[at + j] = Math.max(0, squares[at + j]! / size - mean * mean)
    }
  }
  return spread
}

/** How many of the vectors each of `count` clusters holds. */
export function clusterSizes(assignment: Uint32Array, count: number): Uint32Array {
  const sizes = new Uint32Array(count)
  for (const c of assignment) sizes[c]!++
  return sizes
}
