// Static index pruning for the n-gram channel: how much a gram weighs in a passage (its impact), and the order a
// too-common gram's postings are kept in — strongest impact first — so that the ones it keeps are a prefix.

/** Frequencies up to this are looked up; a posting stores min(tf, TF_LOW) and the rest after it. */
export const TF_LOW = 15
const LOG_TF = Float32Array.from({ length: TF_LOW + 1 }, (_, tf) => (tf === 0 ? 0 : 1 + Math.log(tf)))
const LN_LOG_TF = Float64Array.from({ length: TF_LOW + 1 }, (_, tf) => Math.log(logTf(tf)))

/** A gram's weight in a passage's vector, `1 + ln tf` (0 for tf 0), as a Float32 up to TF_LOW. */
export function logTf(tf: number): number {
  return tf <= TF_LOW ? LOG_TF[tf]! : 1 + Math.log(tf)
}

// Impacts are bucketed by their logarithm in 1/64 steps (1.6 %) over [e^-16, e^4), which covers every
// `logTf / vector length` a passage can have; passages in the boundary bucket are kept first come, first served.
const STEPS_PER_UNIT = 64
const LN_LOW = -16
export const BUCKETS = 20 * STEPS_PER_UNIT

/** The bucket of an impact, given by its logarithm (a caller adds logarithms it looked up instead of dividing). */
export function bucketOfLog(lnImpact: number): number {
  const bucket = Math.floor((lnImpact - LN_LOW) * STEPS_PER_UNIT)
  return bucket < 0 ? 0 : bucket >= BUCKETS ? BUCKETS - 1 : bucket
}

/** The bucket of the impact `logTf(tf) / length` of a posting in a passage of length `e^lnLength`. */
export function impactBucket(tf: number, lnLength: number): number {
  return bucketOfLog((tf < TF_LOW ? LN_LOG_TF[tf]! : Math.log(logTf(tf))) - lnLength)
}

/**
 * The order a capped gram keeps its postings in, strongest first (the `cap` it keeps are the first `cap`): of the
 * postings whose impacts are `buckets[0 .. length]` (by `impactBucket`, in passage order), the positions in
 * decreasing bucket, each bucket in passage order — so the boundary bucket is kept first come, first served.
 */
export function keepOrder(buckets: Uint16Array, length: number): Uint32Array {
  // A counting sort on BUCKETS − 1 − bucket, stable: `next[k]` is where the next posting of key k goes.
  const next = new Uint32Array(BUCKETS)
  for (let i = 0; i < length; i++) next[BUCKETS - 1 - buckets[i]!]!++
  for (let k = 0, at = 0; k < BUCKETS; k++) {
    const n = next[k]!
    next[k] = at
    at += n
  }
  const order = new Uint32Array(length)
  for (let i = 0; i < length; i++) order[next[BUCKETS - 1 - buckets[i]!]!++] = i
  return order
}
