// Static index pruning for the n-gram channel: which postings a too-common gram keeps — those where it weighs most.

// Impacts are bucketed by their logarithm in 1/64 steps (1.6 %) over [e^-16, e^4), which covers every
// `logTf / vector length` a passage can have; passages in the boundary bucket are kept first come, first served.
const STEPS_PER_UNIT = 64
const LN_LOW = -16
const BUCKETS = 20 * STEPS_PER_UNIT

/** The bucket of an impact, given by its logarithm (a caller adds logarithms it looked up instead of dividing). */
export function bucketOfLog(lnImpact: number): number {
  const bucket = Math.floor((lnImpact - LN_LOW) * STEPS_PER_UNIT)
  return bucket < 0 ? 0 : bucket >= BUCKETS ? BUCKETS - 1 : bucket
}

/**
 * Chooses, for one capped gram, the `cap` passages where its weight in the passage's vector (its impact) is highest:
 * of the postings whose impacts are `buckets[0 .. length]` (by `bucketOfLog`, in passage order), marks those in
 * `keep`, the boundary bucket's first come, first served.
 */
export function keepHighest(buckets: Uint16Array, length: number, cap: number, keep: Uint8Array): void {
  const histogram = new Uint32Array(BUCKETS)
  for (let i = 0; i < length; i++) histogram[buckets[i]!]!++
  let above = 0
  let threshold = BUCKETS - 1
  for (; threshold > 0; threshold--) {
    if (above + histogram[threshold]! >= cap) break
    above += histogram[threshold]!
  }
  let allowance = cap - above
  for (let i = 0; i < length; i++) {
    const bucket = buckets[i]!
    keep[i] = bucket > threshold ? 1 : bucket < threshold || allowance === 0 ? 0 : (allowance--, 1)
  }
}
