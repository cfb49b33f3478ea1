// Updating every gram's postings after a change of corpus — passages added, removed, renumbered — from the last
// build's, instead of cutting every passage into grams again: grams the change does not reach are copied as bytes, a
// moved gram's runs of postings too, and a capped gram's new postings go into their own impact groups.

import { decodePostings, gramLists, GramPostingsWriter, lnLengths, PostingWriter, writeGrouped, type GramPostings, type Pairs, type PassageWords } from './ngram-postings.js'
import { GramTableWriter } from './ngram-grams.js'
import { impactBucket, keepOrder, TF_LOW } from './impact-cap.js'
import type { NgramOptions } from './ngram.js'
import { encodeStrings } from '../binary/sections.js'
import { StringTable } from '../binary/string-table.js'

/**
 * The postings after a change of corpus: `renumber[p]` is the new number of old passage p (−1 when it is gone; kept
 * passages keep their order), and `added` holds the words of new passages, numbered `addedAt[i]`. Gives exactly what
 * `gramPostings` gives for the new corpus (with the same options as `previous`).
 */
export function updateGramPostings(previous: GramPostings, renumber: Int32Array, passages: number, added: PassageWords, addedAt: Uint32Array, options: NgramOptions): GramPostings {
  const cap = options.maxPostingsPerGram
  if (previous.cap !== cap) throw new RangeError(`ngram: postings grouped for a cap of ${previous.cap}, not ${cap}.`)
  // The new passages' postings, as a small corpus of their own, numbered as they will be.
  const fresh = gramLists(added, options)
  const moves = movesOf(renumber)
  const norms = new Float32Array(passages)
  const { bounds, shifts } = moves
  for (let s = 0; s < shifts.length; s++) {
    const from = bounds[s]!
    const to = Math.min(bounds[s + 1]!, previous.norms.length)
    if (shifts[s] !== GONE && to > from) norms.set(previous.norms.subarray(from, to), from + shifts[s]!)
  }
  addedAt.forEach((p, i) => (norms[p] = fresh.norms[i]!))
  const lnLength = lnLengths(norms)
  const freshPassages = new Uint32Array(fresh.passages.length)
  const freshBuckets = new Uint16Array(fresh.passages.length)
  for (let i = 0; i < freshPassages.length; i++) {
    const p = (freshPassages[i] = addedAt[fresh.passages[i]!]!)
    freshBuckets[i] = impactBucket(fresh.tfs[i]!, lnLength[p]!)
  }
  const freshOf = (f: number): Fresh => {
    const from = fresh.offsets[f]!
    const to = fresh.offsets[f + 1]!
    return { passages: freshPassages.subarray(from, to), tfs: fresh.tfs.subarray(from, to), buckets: freshBuckets.subarray(from, to) }
  }

  // Each new gram's number in the last build (found by its hash), or where it sorts among them: −1 − that place.
  const old = previous.grams
  const oldCount = old.ends.length
  const table = StringTable.fromArrays(old)
  const freshCount = fresh.grams.length
  const freshAt = new Int32Array(freshCount)
  for (let f = 0, low = 0; f < freshCount; f++) {
    const gram = fresh.grams[f]!
    const g = table.indexOf(gram)
    if (g >= 0) freshAt[f] = g
    else {
      let high = oldCount
      while (low < high) {
        const mid = (low + high) >>> 1
        if (table.get(mid) < gram) low = mid + 1
        else high = mid
      }
      freshAt[f] = -1 - low
    }
    low = g >= 0 ? g + 1 : low
  }
  const freshText = encodeStrings(fresh.grams)

  // Old passages before `unmoved` keep their numbers: a gram whose postings all lie there keeps its bytes, and new
  // postings after its last are appended to them.
  let unmoved = 0
  while (unmoved < renumber.length && renumber[unmoved] === unmoved) unmoved++
  const more = 8 * fresh.passages.length + 16
  const out = new GramPostingsWriter(oldCount + freshCount, previous.bytes.length + more, previous.rest.length + more, cap)
  const grams = new GramTableWriter(oldCount + freshCount, old.bytes.length + freshText.bytes.length)
  // Bytes of `previous` still to be copied as they are: runs of grams the change does not reach.
  const keptRun = new Run(out.kept, previous.bytes)
  const restRun = new Run(out.rest, previous.rest)
  const scratch = { passages: new Uint32Array(passages), tfs: new Uint32Array(passages), buckets: new Uint16Array(passages), stream: new Uint8Array(1 << 16) }

  // Writes gram `g` of the last build (−1: none) with the new passages' postings of fresh gram `f` (−1: none).
  const write = (g: number, f: number): void => {
    const k = out.grams
    out.starts[k] = keptRun.end
    out.restStarts[k] = restRun.end
    out.groupStarts[k] = out.groupEnds.length
    const extra = f >= 0 ? freshOf(f) : undefined
    const wasCapped = g >= 0 && previous.counts[g]! > cap
    let count: number
    let last: number
    if (g >= 0 && !extra && previous.lasts[g]! < unmoved) {
      // Kept as it was: consecutive such grams are copied at once.
      keptRun.add(previous.starts[g]!, previous.starts[g + 1]!)
      restRun.add(previous.restStarts[g]!, previous.restStarts[g + 1]!)
      if (wasCapped) {
        const from = previous.groupStarts[g]!
        const to = previous.groupStarts[g + 1]!
        out.groupEnds.append(previous.groupEnds, from, to)
        out.groupCounts.append(previous.groupCounts, from, to)
        out.groupLasts.append(previous.groupLasts, from, to)
      }
      count = previous.counts[g]!
      last = previous.lasts[g]!
    } else {
      keptRun.flush()
      restRun.flush()
      const kept = out.kept
      const start = kept.startGram()
      const added = extra?.passages.length ?? 0
      if (g >= 0 && !wasCapped && previous.counts[g]! + added <= cap && previous.lasts[g]! < unmoved && (!extra || extra.passages[0]! > previous.lasts[g]!)) {
        // In passage order still, its new postings all after its last: appended to its bytes.
        kept.copy(previous.bytes, previous.starts[g]!, previous.starts[g + 1]!)
        kept.resume(previous.lasts[g]!)
        for (let i = 0; i < added; i++) kept.posting(extra!.passages[i]!, extra!.tfs[i]!)
        count = previous.counts[g]! + added
        last = added > 0 ? extra!.passages[added - 1]! : previous.lasts[g]!
      } else if (wasCapped) {
        ;({ count, last } = rewriteGroups(out, streamOf(previous, g, scratch), previous, g, moves, extra))
        if (count > cap) out.splitWhole()
        else if (count > 0) inPassageOrder(out, count, scratch)
        else out.clearWhole()
      } else {
        ;({ count, last } = g < 0 ? rewriteGram(kept, previous.bytes, 0, 0, 0, 0, moves, extra) : rewriteGram(kept, previous.bytes, previous.starts[g]!, previous.starts[g + 1]!, previous.counts[g]!, previous.lasts[g]!, moves, extra))
        // A gram that passes the cap is grouped, strongest first.
        if (count > cap) grouped(out, start, count, lnLength, scratch)
      }
      if (count === 0) {
        kept.rollback(start)
        return
      }
    }
    if (g >= 0) grams.append(old.bytes, old.ends, g)
    else grams.append(freshText.bytes, freshText.ends, f)
    out.counts[k] = count
    out.lasts[k] = last
    out.grams++
  }
  // Grams of both, in order: the last build's with the new passages' among them, where `freshAt` puts them. A gram
  // left with no posting is dropped.
  for (let g = 0, f = 0; g <= oldCount; g++) {
    for (; f < freshCount && freshAt[f] === -1 - g; f++) write(-1, f)
    if (g === oldCount) break
    write(g, f < freshCount && freshAt[f] === g ? f++ : -1)
  }
  keptRun.flush()
  restRun.flush()
  return out.finish(grams.finish(), passages, norms)
}

/** A run of a source's bytes to copy as they are, grown while the next run starts where it ends. */
class Run {
  private from = 0
  private to = 0

  constructor(
    private readonly writer: PostingWriter,
    private readonly source: Uint8Array,
  ) {}

  add(from: number, to: number): void {
    if (to === from) return
    if (from !== this.to) {
      this.flush()
      this.from = from
    }
    this.to = to
  }

  flush(): void {
    if (this.to > this.from) this.writer.copy(this.source, this.from, this.to)
    this.from = this.to = 0
  }

  /** Where the writer's bytes end once the run is copied. */
  get end(): number {
    return this.writer.length + this.to - this.from
  }
}

/** Capped gram g's postings of the last build as one run (its kept bytes, then its rest), in `scratch.stream`. */
function streamOf(previous: GramPostings, g: number, scratch: { stream: Uint8Array }): Uint8Array {
  const kept = previous.starts[g + 1]! - previous.starts[g]!
  const size = kept + previous.restStarts[g + 1]! - previous.restStarts[g]!
  if (scratch.stream.length < size) scratch.stream = new Uint8Array(2 * size)
  scratch.stream.set(previous.bytes.subarray(previous.starts[g]!, previous.starts[g + 1]!))
  scratch.stream.set(previous.rest.subarray(previous.restStarts[g]!, previous.restStarts[g + 1]!), kept)
  return scratch.stream
}

/** A gram's postings from the new passages (in passage order), with their impact buckets. */
type Fresh = Pairs & { buckets: Uint16Array }

/** What rewriting (part of) a gram wrote: how many postings, the highest passage, those gone, where it stopped. */
interface Rewritten {
  count: number
  last: number
  dropped: number
  end: number
}

// Writes capped gram g's groups (`stream`, see `streamOf`) into `out.whole`, moved as `moves` says, with `extra`'s
// postings each merged into the group of its bucket (a group of its own where the gram had none), strongest first. A
// group's end, count and last passage are known: one the change does not reach is copied without being read. A group
// none of whose postings is left is not written. Returns how many postings it wrote and the highest passage.
function rewriteGroups(out: GramPostingsWriter, stream: Uint8Array, previous: GramPostings, g: number, moves: Moves, extra: Fresh | undefined): { count: number; last: number } {
  const whole = out.whole
  const more = extra?.passages.length ?? 0
  // The added postings strongest first; those of one bucket stay in passage order.
  const order = extra ? keepOrder(extra.buckets, more) : new Uint32Array(0)
  let e = 0
  let count = 0
  let last = 0
  const addGroupsAbove = (bucket: number): void => {
    while (e < more && extra!.buckets[order[e]!]! > bucket) {
      const b = extra!.buckets[order[e]!]!
      whole.group(b)
      let n = 0
      let groupLast = 0
      for (; e < more && extra!.buckets[order[e]!] === b; e++, n++) whole.posting((groupLast = extra!.passages[order[e]!]!), extra!.tfs[order[e]!]!)
      out.endGroup(n, groupLast)
      count += n
      last = Math.max(last, groupLast)
    }
  }
  let at = 0
  for (let k = previous.groupStarts[g]!; k < previous.groupStarts[g + 1]!; k++) {
    // A group's head: 0, then its bucket.
    let byte = stream[++at]!
    let bucket = byte & 0x7f
    for (let shift = 7; byte & 0x80; shift += 7) {
      byte = stream[++at]!
      bucket |= (byte & 0x7f) << shift
    }
    at++
    addGroupsAbove(bucket)
    let same: Pairs | undefined
    if (e < more && extra!.buckets[order[e]!] === bucket) {
      let stop = e
      while (stop < more && extra!.buckets[order[stop]!] === bucket) stop++
      const picked = order.subarray(e, stop)
      same = { passages: picked.map((i) => extra!.passages[i]!), tfs: picked.map((i) => extra!.tfs[i]!) }
      e = stop
    }
    const head = whole.length
    whole.group(bucket)
    const end = previous.groupEnds[k]!
    const group = rewriteGram(whole, stream, at, end, previous.groupCounts[k]!, previous.groupLasts[k]!, moves, same)
    if (group.count === 0) whole.rollback(head)
    else {
      out.endGroup(group.count, group.last)
      count += group.count
      last = Math.max(last, group.last)
    }
    at = end
  }
  addGroupsAbove(-1)
  return { count, last }
}

// The `count` postings written into `out.kept` from `start`, in passage order, rewritten grouped by impact (a gram
// that passed the cap) and split as a capped gram is.
function grouped(out: GramPostingsWriter, start: number, count: number, lnLength: Float64Array, scratch: { passages: Uint32Array; tfs: Uint32Array; buckets: Uint16Array }): void {
  const { passages, tfs, buckets } = scratch
  const n = decodePostings(out.kept.bytes, start, out.kept.length, passages, tfs)
  if (n !== count) throw new RangeError(`ngram: a gram's ${count} postings decode as ${n}.`)
  out.kept.rollback(start)
  writeGrouped(out, passages, tfs, n, lnLength, buckets)
  out.splitWhole()
}

// The `count` postings of the capped gram in `out.whole` written into `out.kept` in passage order (a gram left with
// `cap` postings or fewer).
function inPassageOrder(out: GramPostingsWriter, count: number, scratch: { passages: Uint32Array; tfs: Uint32Array }): void {
  const { passages, tfs } = scratch
  const n = decodePostings(out.whole.bytes, 0, out.whole.length, passages, tfs)
  if (n !== count) throw new RangeError(`ngram: a gram's ${count} postings decode as ${n}.`)
  out.clearWhole()
  const byPassage = Array.from({ length: n }, (_, i) => i).sort((a, b) => passages[a]! - passages[b]!)
  const sortedPassages = Uint32Array.from(byPassage, (i) => passages[i]!)
  const sortedTfs = Uint32Array.from(byPassage, (i) => tfs[i]!)
  for (let i = 0; i < n; i++) out.kept.posting(sortedPassages[i]!, sortedTfs[i]!)
}

/** How old passages move: those in `bounds[s] .. bounds[s + 1]` by `shifts[s]` (new = old + shift), or are GONE. */
interface Moves {
  bounds: Int32Array
  shifts: Int32Array
}

const GONE = 0x7fffffff

/** `renumber` as runs of old passages that move alike (a few: one per report added or removed). */
function movesOf(renumber: Int32Array): Moves {
  const bounds: number[] = [0]
  const shifts: number[] = []
  for (let p = 0; p < renumber.length; p++) {
    const shift = renumber[p]! < 0 ? GONE : renumber[p]! - p
    if (shifts.length === 0) shifts.push(shift)
    else if (shift !== shifts[shifts.length - 1]) {
      bounds.push(p)
      shifts.push(shift)
    }
  }
  if (shifts.length === 0) shifts.push(0)
  bounds.push(Math.max(renumber.length, 1))
  return { bounds: Int32Array.from(bounds), shifts: Int32Array.from(shifts) }
}

// Writes one gram's postings `bytes[from .. to]` (`postings` of them, the last at old passage `last`) moved as `moves`
// says, with `extra` merged in. A posting's bytes hold its gap from the one before, so a run of postings that move by
// the same amount, with no added posting among them, is copied as it is: only its first posting is written again.
// The run's end is found by reading gaps only, and a run that reaches the gram's last posting is copied unread (a
// caller that does not know the last passage passes GONE). `dropped` counts the postings of passages gone. It stops at
// the head of a capped gram's next group (a 0 byte where a posting would start): `end` is where it stopped.
// The varints are read inline, by shifts (a posting's value is below 2^32: `>>> 4` and `& 15` read it unsigned), with
// no cursor object: a build reads tens of millions of them.
function rewriteGram(writer: PostingWriter, bytes: Uint8Array, from: number, to: number, postings: number, last: number, moves: Moves, extra: Pairs | undefined): Rewritten {
  const { bounds, shifts } = moves
  const extras = extra?.passages.length ?? 0
  let count = 0
  let dropped = 0
  let seen = 0
  let old = 0
  let newPrevious = 0
  let j = 0
  let s = 0
  let at = from
  while (at < to) {
    let byte = bytes[at]!
    if (byte === 0) break
    // The posting at `at`: its gap and tf.
    let value = byte & 0x7f
    at++
    if (byte & 0x80) {
      byte = bytes[at++]!
      value |= (byte & 0x7f) << 7
      if (byte & 0x80) {
        byte = bytes[at++]!
        value |= (byte & 0x7f) << 14
        if (byte & 0x80) {
          byte = bytes[at++]!
          value |= (byte & 0x7f) << 21
          if (byte & 0x80) value |= bytes[at++]! << 28
        }
      }
    }
    let tf = value & TF_LOW
    if (tf === TF_LOW) {
      let rest = 0
      for (let shift = 0; ; shift += 7) {
        byte = bytes[at++]!
        rest += (byte & 0x7f) * 2 ** shift
        if (!(byte & 0x80)) break
      }
      tf += rest
    }
    seen++
    old += value >>> 4
    while (old >= bounds[s + 1]!) s++
    const shift = shifts[s]!
    if (shift === GONE) {
      dropped++
      continue
    }
    const moved = old + shift
    while (j < extras && extra!.passages[j]! < moved) {
      writer.posting(extra!.passages[j]!, extra!.tfs[j]!)
      j++
      count++
    }
    writer.posting(moved, tf)
    newPrevious = moved
    count++
    // The run after it: old passages below `limit` move by the same shift. They are consecutive old passages that
    // stay consecutive, so no added passage falls among them.
    const limit = bounds[s + 1]!
    if (last < limit) {
      writer.copy(bytes, at, to)
      count += postings - seen
      seen = postings
      at = to
      old = last
    } else {
      const runStart = at
      let runOld = old
      while (at < to) {
        let a = at
        byte = bytes[a++]!
        if (byte === 0) break
        value = byte & 0x7f
        if (byte & 0x80) {
          byte = bytes[a++]!
          value |= (byte & 0x7f) << 7
          if (byte & 0x80) {
            byte = bytes[a++]!
            value |= (byte & 0x7f) << 14
            if (byte & 0x80) {
              byte = bytes[a++]!
              value |= (byte & 0x7f) << 21
              if (byte & 0x80) value |= bytes[a++]! << 28
            }
          }
        }
        const next = runOld + (value >>> 4)
        if (next >= limit) break
        if ((value & TF_LOW) === TF_LOW) while (bytes[a++]! & 0x80);
        at = a
        runOld = next
        seen++
        count++
      }
      if (at === runStart) continue
      writer.copy(bytes, runStart, at)
      old = runOld
    }
    newPrevious = old + shift
    writer.resume(newPrevious)
  }
  for (; j < extras; j++, count++) {
    writer.posting(extra!.passages[j]!, extra!.tfs[j]!)
    newPrevious = extra!.passages[j]!
  }
  return { count, last: newPrevious, dropped, end: at }
}
