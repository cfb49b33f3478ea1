// Searching ascending postings (passage numbers) for the first at or past a target: a cursor's step, and the walk of
// two sorted lists together, each leaping to the other's next value.

/** First index in [from, to) whose value is ≥ target (galloping, then binary search). */
export function seek(docs: Uint32Array, from: number, to: number, target: number): number {
  if (from >= to || docs[from]! >= target) return from
  let step = 1
  let low = from
  let high = from + 1
  while (high < to && docs[high]! < target) {
    low = high
    step <<= 1
    high = from + step
  }
  if (high > to) high = to
  // docs[low] < target; answer in (low, high].
  while (low + 1 < high) {
    const mid = (low + high) >>> 1
    if (docs[mid]! < target) low = mid
    else high = mid
  }
  return high
}
