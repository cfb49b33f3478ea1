// Updating every gram's postings after a change of corpus — passages added, removed, renumbered — from the last
// build's, instead of cutting every passage into grams again: grams the change does not reach are copied as bytes, a
// moved gram's runs of postings too, and a capped gram's new postings go into their own impact groups.

import { decodePostings, gramPostings, PostingWriter, writeGrouped, type GramPostings, type Pairs, type PassageWords } from './ngram-postings.js'
import { impactBucket, keepOrder, TF_LOW } from './impact-cap.js'
import type { NgramOptions } from './ngram.js'

/**
 * The postings after a change of corpus: `renumber[p]` is the new number of old passage p (−1 when it is gone; kept
 * passages keep their order), and `added` holds the words of new passages, numbered `addedAt[i]`. Gives exactly what
 * `gramPostings` gives for the new corpus (with the same options as `previous`).
 */
export function updateGramPostings(previous: GramPostings, renumber: Int32Array, passages: number, added: PassageWords, addedAt: Uint32Array, options: NgramOptions): GramPostings {
  const cap = options.maxPostingsPerGram
  if (previous.cap !== cap) throw new RangeError(`ngram: postings grouped for a cap of ${previous.cap}, not ${cap}.`)
  // The new passages' postings, as a small corpus of their own (grams sorted, none grouped), numbered as they will be.
  const own = gramPostings(added, { ...options, maxPostingsPerGram: 2 ** 28 })
  const moves = movesOf(renumber)
  const norms = new Float32Array(passages)
  const { bounds, shifts } = moves
  for (let s = 0; s < shifts.length; s++) {
    const from = bounds[s]!
    const to = Math.min(bounds[s + 1]!, previous.norms.length)
    if (shifts[s] !== GONE && to > from) norms.set(previous.norms.subarray(from, to), from + shifts[s]!)
  }
  addedAt.forEach((p, i) => (norms[p] = own.norms[i]!))
  const lnLength = Float64Array.from(norms, Math.log)

  let freshCount = 0
  for (let f = 0; f < own.grams.length; f++) freshCount += own.counts[f]!
  const freshPassages = new Uint32Array(freshCount)
  const freshTfs = new Uint32Array(freshCount)
  const freshBuckets = new Uint16Array(freshCount)
  const freshStarts = new Uint32Array(own.grams.length + 1)
  for (let f = 0; f < own.grams.length; f++) {
    const at = freshStarts[f]!
    const n = decodePostings(own.bytes, own.starts[f]!, own.starts[f + 1]!, freshPassages.subarray(at), freshTfs.subarray(at))
    for (let i = at; i < at + n; i++) {
      freshPassages[i] = addedAt[freshPassages[i]!]!
      freshBuckets[i] = impactBucket(freshTfs[i]!, lnLength[freshPassages[i]!]!)
    }
    freshStarts[f + 1] = at + n
  }
  const freshGrams = own.grams
  const old = previous.grams
  // Old passages before `unmoved` keep their numbers: a gram whose postings all lie there keeps its bytes, and new
  // postings after its last are appended to them.
  let unmoved = 0
  while (unmoved < renumber.length && renumber[unmoved] === unmoved) unmoved++
  const writer = new PostingWriter(previous.bytes.length + 8 * freshCount + 16)
  const most = old.length + freshGrams.length
  const kept: string[] = []
  const starts = new Uint32Array(most + 1)
  const counts = new Uint32Array(most)
  const lasts = new Uint32Array(most)
  const scratch = { passages: new Uint32Array(passages), tfs: new Uint32Array(passages), buckets: new Uint16Array(passages) }
  // Bytes of `previous` still to be copied as they are.
  let pendingFrom = 0
  let pendingTo = 0
  const flush = (): void => {
    if (pendingTo > pendingFrom) writer.copy(previous.bytes, pendingFrom, pendingTo)
    pendingFrom = pendingTo = 0
  }
  // Grams of both, in order: the last build's (already sorted) merged with the new passages', without sorting or
  // mapping the whole vocabulary again. A gram left with no posting is dropped.
  for (let i = 0, j = 0; i < old.length || j < freshGrams.length; ) {
    const fromOld = j >= freshGrams.length || (i < old.length && old[i]! <= freshGrams[j]!)
    const g = fromOld ? i++ : -1
    const gram = fromOld ? old[g]! : freshGrams[j]!
    let extra: Fresh | undefined
    if (j < freshGrams.length && freshGrams[j] === gram) {
      const from = freshStarts[j]!
      const to = freshStarts[j + 1]!
      extra = { passages: freshPassages.subarray(from, to), tfs: freshTfs.subarray(from, to), buckets: freshBuckets.subarray(from, to) }
      j++
    }
    const k = kept.length
    const wasCapped = g >= 0 && previous.counts[g]! > cap
    if (g >= 0 && !extra && previous.lasts[g]! < unmoved) {
      // Kept as it was: consecutive such grams are copied at once.
      if (pendingTo !== previous.starts[g]!) {
        flush()
        pendingFrom = pendingTo = previous.starts[g]!
      }
      kept.push(gram)
      starts[k] = writer.length + pendingTo - pendingFrom
      counts[k] = previous.counts[g]!
      lasts[k] = previous.lasts[g]!
      pendingTo = previous.starts[g + 1]!
      continue
    }
    flush()
    const start = writer.startGram()
    const more = extra?.passages.length ?? 0
    if (g >= 0 && !wasCapped && previous.counts[g]! + more <= cap && previous.lasts[g]! < unmoved && (!extra || extra.passages[0]! > previous.lasts[g]!)) {
      // In passage order still, its new postings all after its last: appended to its bytes.
      writer.copy(previous.bytes, previous.starts[g]!, previous.starts[g + 1]!)
      writer.resume(previous.lasts[g]!)
      for (let i = 0; i < more; i++) writer.posting(extra!.passages[i]!, extra!.tfs[i]!)
      kept.push(gram)
      starts[k] = start
      counts[k] = previous.counts[g]! + more
      lasts[k] = more > 0 ? extra!.passages[more - 1]! : previous.lasts[g]!
      continue
    }
    const { count, last } = wasCapped
      ? rewriteGroups(writer, previous.bytes, previous.starts[g]!, previous.starts[g + 1]!, moves, extra)
      : g < 0
        ? rewriteGram(writer, previous.bytes, 0, 0, 0, 0, moves, extra)
        : rewriteGram(writer, previous.bytes, previous.starts[g]!, previous.starts[g + 1]!, previous.counts[g]!, previous.lasts[g]!, moves, extra)
    if (count === 0) {
      writer.rollback(start)
      continue
    }
    // A gram that crosses the cap changes order: grouped when it passes it, in passage order when it falls back.
    if (count > cap !== wasCapped) reorder(writer, start, count, count > cap, lnLength, scratch)
    kept.push(gram)
    starts[k] = start
    counts[k] = count
    lasts[k] = last
  }
  flush()
  const total = kept.length
  starts[total] = writer.length
  return { grams: kept, starts: starts.slice(0, total + 1), bytes: writer.finish(), counts: counts.slice(0, total), lasts: lasts.slice(0, total), passages, norms, cap }
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

// Writes a capped gram's groups `bytes[from .. to]` moved as `moves` says, with `extra`'s postings each merged into
// the group of its bucket (a group of its own where the gram had none), strongest first. A group none of whose
// postings is left is not written. Returns how many postings it wrote and the highest passage.
function rewriteGroups(writer: PostingWriter, bytes: Uint8Array, from: number, to: number, moves: Moves, extra: Fresh | undefined): { count: number; last: number } {
  const more = extra?.passages.length ?? 0
  // The added postings strongest first; those of one bucket stay in passage order.
  const order = extra ? keepOrder(extra.buckets, more) : new Uint32Array(0)
  let e = 0
  let count = 0
  let last = 0
  const addGroupsAbove = (bucket: number): void => {
    while (e < more && extra!.buckets[order[e]!]! > bucket) {
      const b = extra!.buckets[order[e]!]!
      writer.group(b)
      for (; e < more && extra!.buckets[order[e]!] === b; e++, count++) {
        writer.posting(extra!.passages[order[e]!]!, extra!.tfs[order[e]!]!)
        last = Math.max(last, extra!.passages[order[e]!]!)
      }
    }
  }
  for (let at = from; at < to; ) {
    // A group's head: 0, then its bucket.
    let byte = bytes[++at]!
    let bucket = byte & 0x7f
    for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
      byte = bytes[++at]!
      bucket += (byte & 0x7f) * scale
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
    const head = writer.length
    writer.group(bucket)
    const group = rewriteGram(writer, bytes, at, to, 0, GONE, moves, same)
    if (group.count === 0) writer.rollback(head)
    count += group.count
    if (group.count > 0) last = Math.max(last, group.last)
    at = group.end
  }
  addGroupsAbove(-1)
  return { count, last }
}

// Rewrites in place the `count` postings written from `start` in the other order: grouped by impact (`grouped`), or
// back in passage order (a capped gram left with `cap` postings or fewer).
function reorder(writer: PostingWriter, start: number, count: number, grouped: boolean, lnLength: Float64Array, scratch: { passages: Uint32Array; tfs: Uint32Array; buckets: Uint16Array }): void {
  const { passages, tfs, buckets } = scratch
  const n = decodePostings(writer.bytes, start, writer.length, passages, tfs)
  if (n !== count) throw new RangeError(`ngram: a gram's ${count} postings decode as ${n}.`)
  writer.rollback(start)
  writer.startGram()
  if (grouped) return writeGrouped(writer, passages, tfs, n, lnLength, buckets)
  const byPassage = Array.from({ length: n }, (_, i) => i).sort((a, b) => passages[a]! - passages[b]!)
  const sortedPassages = Uint32Array.from(byPassage, (i) => passages[i]!)
  const sortedTfs = Uint32Array.from(byPassage, (i) => tfs[i]!)
  for (let i = 0; i < n; i++) writer.posting(sortedPassages[i]!, sortedTfs[i]!)
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
