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
 * Chooses, for each capped gram, the `cap` passages where its weight in the passage's vector (its impact) is
 * highest, in two passes over the passages: `count` every impact, then `keeps` says which to store. Both passes
 * must see the same impacts in the same passage order.
 */
export class ImpactCap {
  private readonly histogram: Uint32Array
  private readonly threshold: Int32Array
  private readonly allowance: Uint32Array
  private settled = false

  constructor(
    private readonly grams: number,
    private readonly cap: number,
  ) {
    this.histogram = new Uint32Array(grams * BUCKETS)
    this.threshold = new Int32Array(grams)
    this.allowance = new Uint32Array(grams)
  }

  /** First pass: one passage's impact for capped gram `c` (0 ≤ c < grams), bucketed by `bucketOfLog`. */
  count(c: number, bucket: number): void {
    this.histogram[c * BUCKETS + bucket]!++
  }

  /** Second pass: whether the passage with this impact (bucketed) is among gram `c`'s `cap` highest. */
  keeps(c: number, bucket: number): boolean {
    if (!this.settled) this.settle()
    if (bucket > this.threshold[c]!) return true
    if (bucket < this.threshold[c]! || this.allowance[c] === 0) return false
    this.allowance[c]!--
    return true
  }

  private settle(): void {
    for (let c = 0; c < this.grams; c++) {
      let above = 0
      let bucket = BUCKETS - 1
      for (; bucket > 0; bucket--) {
        const here = this.histogram[c * BUCKETS + bucket]!
        if (above + here >= this.cap) break
        above += here
      }
      this.threshold[c] = bucket
      this.allowance[c] = this.cap - above
    }
    this.settled = true
  }
}
