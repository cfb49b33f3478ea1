// Long grams' postings in passage order, decoded once two queries read them, to find a few passages' postings by search.

import { TF_LOW } from './impact-cap.js'

/**
 * A gram's list is searched instead of walked only when it holds at least this many postings: a shorter walk costs
 * little, and its decoded copy would be memory for nothing.
 */
const LOOKUP_FROM = 512

/**
 * A gram's list is searched for the passages asked about when it holds at least this many postings per passage asked:
 * a search (galloping, then binary) costs ≈ 8–11 ns a passage, a walk ≈ 2 ns a posting, so they break even at 4–6
 * postings a passage (scratch timings, docs/benchmarks.md). At a million passages a rare word's common grams hold
 * 5000 postings each (capped) and its essential grams touch 150–1400.
 */
const LOOKUP_RATIO = 8

/** Postings held decoded, in all (4 bytes each): 32 MB, about 1,600 grams capped at 5000 postings. */
const LOOKUP_BUDGET = 1 << 23

/** The grams asked for once, remembered (see `GramLookups.of`) up to this many, then forgotten all at once. */
const ASKED_AT_MOST = 1 << 16

/**
 * The lists of the grams most recently searched, each the gram's kept postings as `passage × 16 + min(tf, 15)` in
 * increasing order, so that a passage's posting is found by a search: a capped gram stores its postings in impact
 * groups, each over the whole corpus (30–80 of them at a million passages), which no skip table within a group would
 * let a search jump over. At most `budget` postings are held; the grams searched longest ago are dropped first.
 */
export class GramLookups {
  private readonly lists = new Map<number, Uint32Array>()
  private held = 0
  /** The grams not held that a query asked for, with that query's number: a second query's ask decodes the list. */
  private readonly asked = new Map<number, number>()

  constructor(
    private readonly postings: Uint8Array,
    private readonly starts: Uint32Array,
    private readonly budget = LOOKUP_BUDGET,
  ) {}

  /** Postings held decoded now. */
  get size(): number {
    return this.held
  }

  /**
   * Gram g's list (see the class), of `count` postings (how many it keeps), for query number `query`; or null, to walk
   * the gram instead, when no other query asked for it since it was last dropped: decoding a capped gram's list costs
   * ≈ 15 walks of it, which a gram read by one query alone would never earn back.
   */
  of(g: number, count: number, query: number): Uint32Array | null {
    let list = this.lists.get(g)
    if (list !== undefined) {
      // The Map's order is its use: the gram moves to the end, the least recently searched stays first.
      this.lists.delete(g)
      this.lists.set(g, list)
      return list
    }
    const first = this.asked.get(g)
    if (first === undefined) {
      if (this.asked.size >= ASKED_AT_MOST) this.asked.clear()
      this.asked.set(g, query)
    }
    if (first === undefined || first === query) return null
    this.asked.delete(g)
    list = sortedPostings(this.postings, this.starts[g]!, this.starts[g + 1]!, count)
    this.lists.set(g, list)
    this.held += list.length
    for (const [old, oldList] of this.lists) {
      if (this.held <= this.budget || old === g) break
      this.lists.delete(old)
      this.held -= oldList.length
    }
    return list
  }
}

/**
 * The `count` postings `bytes[from .. to]` of one gram (see `NgramIndex.postings`) as `passage × 16 + min(tf, 15)`,
 * increasing: a capped gram's groups sorted together (a passage is in one group at most).
 */
function sortedPostings(bytes: Uint8Array, from: number, to: number, count: number): Uint32Array {
  const list = new Uint32Array(count)
  let n = 0
  let p = 0
  let grouped = false
  for (let at = from; at < to; ) {
    let byte = bytes[at++]!
    if (byte === 0) {
      while (bytes[at++]! & 0x80);
      p = 0
      grouped = true
      continue
    }
    // The varint `gap × 16 + min(tf, 15)` as the query's walk reads it: its low 28 bits by shifts, a fifth byte added.
    let value = byte & 0x7f
    if (byte & 0x80) {
      byte = bytes[at++]!
      value |= (byte & 0x7f) << 7
      if (byte & 0x80) {
        byte = bytes[at++]!
        value |= (byte & 0x7f) << 14
        if (byte & 0x80) {
          byte = bytes[at++]!
          value |= (byte & 0x7f) << 21
          if (byte & 0x80) {
            byte = bytes[at++]!
            value += (byte & 0x7f) * 2 ** 28
          }
        }
      }
    }
    const tf = value & TF_LOW
    p += value >>> 4
    if (tf === TF_LOW) while (bytes[at++]! & 0x80);
    list[n++] = p * (TF_LOW + 1) + tf
  }
  if (n !== count) throw new RangeError(`ngram: a gram holds ${n} postings, ${count} expected.`)
  return grouped ? radixSort(list) : list
}

/**
 * `list` sorted, 11 bits at a time from the lowest (three stable counting passes): at 5000 postings ≈ 3× faster than
 * `Uint32Array.prototype.sort`, in which a capped gram's first search would otherwise spend most of its time.
 */
function radixSort(list: Uint32Array): Uint32Array {
  let from: Uint32Array = list
  let to: Uint32Array = new Uint32Array(list.length)
  const counts = new Uint32Array(1 << 11)
  for (let shift = 0; shift < 32; shift += 11) {
    counts.fill(0)
    for (let i = 0; i < from.length; i++) counts[(from[i]! >>> shift) & 0x7ff]!++
    for (let b = 0, at = 0; b < counts.length; b++) {
      const count = counts[b]!
      counts[b] = at
      at += count
    }
    for (let i = 0; i < from.length; i++) {
      const value = from[i]!
      to[counts[(value >>> shift) & 0x7ff]!++] = value
    }
    const sorted = to
    to = from
    from = sorted
  }
  return from
}

/**
 * Adds a gram's weights (`idfWeight × (1 + log tf)` and `squared`, as the walk of its postings adds them) to the sums
 * (`2p`, `2p + 1`) of those of `passages[0 .. count]` (increasing) its `list` holds: each found by galloping from the
 * last one found, then a binary search, so that it costs a few probes a passage whatever the list's length.
 */
export function addLooked(list: Uint32Array, passages: ArrayLike<number>, count: number, idfWeight: number, squared: number, sums: Float32Array, logTf: Float32Array): void {
  const n = list.length
  let low = 0
  for (let k = 0; k < count && low < n; k++) {
    const p = passages[k]!
    const key = p * (TF_LOW + 1)
    if (list[low]! < key) {
      // list[low] < key: the first posting at or past it is in (low, high].
      let step = 1
      let high = low + 1
      while (high < n && list[high]! < key) {
        low = high
        step *= 2
        high = low + step
      }
      if (high > n) high = n
      low++
      while (low < high) {
        const middle = (low + high) >>> 1
        if (list[middle]! < key) low = middle + 1
        else high = middle
      }
      if (low === n) break
    }
    const posting = list[low]!
    if (posting >>> 4 !== p) continue
    sums[2 * p]! += idfWeight * logTf[posting & TF_LOW]!
    sums[2 * p + 1]! += squared
  }
}

/** Whether a gram of `held` kept postings is searched for `asked` passages (see `LOOKUP_FROM`, `LOOKUP_RATIO`). */
export function searches(held: number, asked: number): boolean {
  return held >= LOOKUP_FROM && asked * LOOKUP_RATIO <= held
}
