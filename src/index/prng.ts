// Deterministic pseudo-random numbers (mulberry32): the same seed gives the same sequence, so a build that samples
// (the vector clusters) writes the same file every time, and benchmarks compare run to run.

/** Numbers in [0, 1) from `seed`. */
export function prng(seed: number): () => number {
  let state = seed | 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
