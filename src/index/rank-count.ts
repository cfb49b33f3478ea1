// Ranks of a few passages within a ranking too long to sort: how many passages come before each of them.

/** How a ranking orders its members (passage numbers) against the targets, and the targets among themselves. */
export interface RankOrder<T> {
  /** Whether target `a` comes before target `b`. */
  targets(a: T, b: T): boolean
  /** Whether `member` comes before `target`: coming before one target, it comes before every target after it. */
  member(member: number, target: T): boolean
  /**
   * A cheap first test against the last of the targets: false for a member that counts for none (behind the last
   * target, or not one to count at all), so that most members pass on it alone. Defaults to `member(member, last)`.
   */
  counts?(member: number, last: T): boolean
}

/**
 * For each target (in `targets` order), how many of `members` come before it. The targets are sorted best first once;
 * each member is placed among them by a binary search and counts for the targets from there on (a suffix), summed at
 * the end. O(members · log targets).
 */
export function countBefore<T>(members: ArrayLike<number>, targets: readonly T[], order: RankOrder<T>): number[] {
  const sorted = targets.map((target, i) => ({ target, i })).sort((a, b) => (order.targets(a.target, b.target) ? -1 : order.targets(b.target, a.target) ? 1 : 0))
  const last = sorted.at(-1)
  if (last === undefined) return []
  const counts = order.counts ?? order.member
  const starts = new Int32Array(sorted.length + 1)
  for (let m = 0; m < members.length; m++) {
    const member = members[m]!
    if (!counts(member, last.target)) continue
    let low = 0
    let high = sorted.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if (order.member(member, sorted[mid]!.target)) high = mid
      else low = mid + 1
    }
    starts[low]!++
  }
  const result = new Array<number>(targets.length)
  let running = 0
  sorted.forEach(({ i }, at) => {
    running += starts[at]!
    result[i] = running
  })
  return result
}
