// From a model's token vectors to one unit vector per text: mean over the attention mask, then L2.

/** The part of a transformers.js Tensor read here. */
export interface TensorView {
  data: ArrayLike<number | bigint>
  dims: number[]
}

/**
 * Averages the token vectors of each text over the tokens its attention mask keeps, then scales to unit length.
 * `hidden` is [texts, tokens, width]; `mask` is [texts, tokens] (int64 as transformers.js gives it).
 * Reads the mask once per token and the vectors row by row: transformers.js's own `mean_pooling` converts a
 * BigInt per token per dimension, which costs more than running a small model.
 */
export function meanPool(hidden: TensorView, mask: TensorView): Float32Array[] {
  const [texts = 0, tokens = 0, width = 0] = hidden.dims
  if (hidden.dims.length !== 3 || mask.dims[0] !== texts || mask.dims[1] !== tokens) {
    throw new Error(`token vectors [${hidden.dims.join(', ')}] do not match the attention mask [${mask.dims.join(', ')}]`)
  }
  const values = hidden.data as ArrayLike<number>
  const vectors: Float32Array[] = []
  const sum = new Float64Array(width)
  for (let t = 0; t < texts; t++) {
    sum.fill(0)
    let kept = 0
    for (let j = 0; j < tokens; j++) {
      if (Number(mask.data[t * tokens + j]) === 0) continue
      kept++
      const base = (t * tokens + j) * width
      for (let k = 0; k < width; k++) sum[k]! += values[base + k]!
    }
    const vector = new Float32Array(width)
    if (kept > 0) for (let k = 0; k < width; k++) vector[k] = sum[k]! / kept
    vectors.push(normalizeVector(vector))
  }
  return vectors
}

/** Scales to unit length in place; a zero vector (no signal at all) stays zero rather than becoming NaN. */
export function normalizeVector(vector: Float32Array): Float32Array {
  let sum = 0
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum)
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale
  }
  return vector
}
