// Scaling a vector to unit length: what the index stores and searches with, and what the clusters' calibration
// queries are, so that both normalise the same way.

/** A unit-length copy, or null for NaN/infinite input; a zero vector is returned as is. */
export function unitCopy(vector: Float32Array): Float32Array | null {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!
  if (!Number.isFinite(sum)) return null
  const copy = vector.slice()
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum)
    for (let i = 0; i < copy.length; i++) copy[i]! *= scale
  }
  return copy
}
