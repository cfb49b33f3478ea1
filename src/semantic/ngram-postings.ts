// Every occurrence of every character gram, listed by gram: what the n-gram index is derived from (its weights,
// vector lengths and capped postings all depend on the whole corpus), and what a build keeps between builds so that
// adding or removing a document updates these lists instead of cutting every passage into grams again.

import type { NgramOptions } from './ngram.js'
import { impactBucket, keepOrder, logTf, TF_LOW } from './impact-cap.js'
import { WordGrams } from './ngram-cut.js'
import { StringTable, type StringTableArrays } from '../binary/string-table.js'

/**
 * Postings of every gram, laid out as the n-gram index stores them followed by what it leaves out. A posting is a
 * varint `(gap from the previous passage) × 16 + min(tf, 15)`, followed by a varint `tf − 15` when tf ≥ 15. A gram in
 * at most `cap` passages lists them in passage order. A gram in more (capped: the index keeps only `cap` of them)
 * lists them strongest first (see `keepOrder`): in groups, each a 0 byte, its impact bucket as a varint, then its
 * postings in passage order, gaps counted from 0 again — so the postings the index keeps are the first `cap`, and a
 * posting added or removed touches only its own group. Grams are in increasing code-unit order, so two builds of the
 * same passages number them alike however they got there.
 */
export interface GramPostings {
  /** The grams as the index's string table stores them: gram g is the table's string g. */
  grams: StringTableArrays
  /** The postings the index keeps of gram g (all of them, or a capped gram's first `cap`): `bytes[starts[g] .. starts[g + 1]]`. */
  starts: Uint32Array
  bytes: Uint8Array
  /** The rest of a capped gram's postings, right after its kept ones (a group may go on across): `rest[restStarts[g] .. restStarts[g + 1]]`. */
  restStarts: Uint32Array
  rest: Uint8Array
  /**
   * A capped gram's groups are `groupStarts[g] .. groupStarts[g + 1]` (none for a gram kept whole): group k ends at
   * byte `groupEnds[k]` of the gram's postings (kept bytes then rest, as one run), holds `groupCounts[k]` postings and
   * the last is passage `groupLasts[k]` — so that an add copies a group it does not reach without reading it.
   */
  groupStarts: Uint32Array
  groupEnds: Uint32Array
  groupCounts: Uint32Array
  groupLasts: Uint32Array
  /** Postings of each gram: its document frequency. */
  counts: Uint32Array
  /** The highest passage of each gram's postings. */
  lasts: Uint32Array
  /** Passages the postings are over. */
  passages: number
  /** Each passage's vector length, `√Σ logTf(tf)²` over its grams: what a posting's impact is divided by. */
  norms: Float32Array
  /** The most postings of a gram listed in passage order (`NgramOptions.maxPostingsPerGram`). */
  cap: number
}

/** Passages cut into words: passage p's are `words[tokens[starts[p] .. starts[p + 1]]]`. */
export interface PassageWords {
  words: readonly string[]
  starts: Uint32Array
  tokens: Uint32Array
}

/** The postings of one gram as (passage, tf) pairs, in passage order. */
export type Pairs = { passages: Uint32Array; tfs: Uint32Array | Uint16Array }

/** Appends varint postings; `posting` takes passages in increasing order within a gram, after `startGram`. */
export class PostingWriter {
  bytes: Uint8Array
  length = 0
  private previous = 0

  /** `capacity`: the bytes expected, so that a large index is not copied each time the buffer doubles. */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(16, capacity))
  }

  startGram(): number {
    this.previous = 0
    return this.length
  }

  posting(passage: number, tf: number): void {
    this.varint((passage - this.previous) * (TF_LOW + 1) + Math.min(tf, TF_LOW))
    if (tf >= TF_LOW) this.varint(tf - TF_LOW)
    this.previous = passage
  }

  /** Starts a group of a capped gram's postings, all in impact bucket `bucket` (see `GramPostings`). */
  group(bucket: number): void {
    this.reserve(1)
    this.bytes[this.length++] = 0
    this.varint(bucket)
    this.previous = 0
  }

  /** Forgets what was written since `length` (a gram started again another way). */
  rollback(length: number): void {
    this.length = length
  }

  /** Continues a gram whose earlier postings were copied, the last of them at `passage`. */
  resume(passage: number): void {
    this.previous = passage
  }

  /** Copies encoded postings `bytes[from .. to]` as they are (a gram whose passages keep their numbers). */
  copy(bytes: Uint8Array, from = 0, to = bytes.length): void {
    this.reserve(to - from)
    // A short run is copied byte by byte: a `subarray` view for it costs more than the copy.
    if (to - from < 64) for (let i = from; i < to; i++) this.bytes[this.length++] = bytes[i]!
    else {
      this.bytes.set(bytes.subarray(from, to), this.length)
      this.length += to - from
    }
  }

  /** The bytes written: a view when the buffer is nearly full (no copy of a large index), else a copy. */
  finish(): Uint8Array {
    return this.bytes.length - this.length <= this.length >> 3 ? this.bytes.subarray(0, this.length) : this.bytes.slice(0, this.length)
  }

  private varint(value: number): void {
    this.reserve(5)
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80
      value = Math.floor(value / 0x80)
    }
    this.bytes[this.length++] = value
  }

  private reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more))
    bigger.set(this.bytes.subarray(0, this.length))
    this.bytes = bigger
  }
}

/**
 * Decodes the postings `bytes[from .. to]` of one gram (a capped gram's groups one after the other, in the order
 * stored) into `passages` and `tfs` (long enough); returns how many. In one tight loop: a build decodes millions.
 */
export function decodePostings(bytes: Uint8Array, from: number, to: number, passages: Uint32Array, tfs: Uint32Array): number {
  let n = 0
  let passage = 0
  for (let at = from; at < to; ) {
    let byte = bytes[at++]!
    if (byte === 0) {
      // A capped gram's next group: its bucket, then gaps from passage 0 again.
      while (bytes[at++]! & 0x80);
      passage = 0
      continue
    }
    let value = byte & 0x7f
    for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
      byte = bytes[at++]!
      value += (byte & 0x7f) * scale
    }
    let tf = value % (TF_LOW + 1)
    passage += (value - tf) / (TF_LOW + 1)
    if (tf === TF_LOW) {
      byte = bytes[at++]!
      let rest = byte & 0x7f
      for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
        byte = bytes[at++]!
        rest += (byte & 0x7f) * scale
      }
      tf += rest
    }
    passages[n] = passage
    tfs[n++] = tf
  }
  return n
}

/** A growing list of 32-bit unsigned integers. */
export class U32List {
  array = new Uint32Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.array.length) this.grow(1)
    this.array[this.length++] = value
  }

  /** Appends `source[from .. to]`. */
  append(source: Uint32Array, from: number, to: number): void {
    if (this.length + to - from > this.array.length) this.grow(to - from)
    this.array.set(source.subarray(from, to), this.length)
    this.length += to - from
  }

  finish(): Uint32Array {
    return this.array.slice(0, this.length)
  }

  clear(): void {
    this.length = 0
  }

  private grow(more: number): void {
    const bigger = new Uint32Array(Math.max(this.array.length * 2, this.length + more))
    bigger.set(this.array.subarray(0, this.length))
    this.array = bigger
  }
}

/**
 * Writes a `GramPostings` gram after gram. Its user sets gram k's `starts`, `restStarts` and `groupStarts` before
 * writing it, and its `counts` and `lasts` after; a capped gram is written whole into `whole` (its groups ended with
 * `endGroup`) and then split by `splitWhole`.
 */
export class GramPostingsWriter {
  readonly kept: PostingWriter
  readonly rest: PostingWriter
  readonly starts: Uint32Array
  readonly restStarts: Uint32Array
  readonly groupStarts: Uint32Array
  readonly counts: Uint32Array
  readonly lasts: Uint32Array
  readonly groupEnds = new U32List()
  readonly groupCounts = new U32List()
  readonly groupLasts = new U32List()
  /** A capped gram's postings written whole, its groups' ends counted from 0 in `wholeEnds`. */
  readonly whole = new PostingWriter()
  private readonly wholeEnds = new U32List()
  private readonly wholeCounts = new U32List()
  private readonly wholeLasts = new U32List()
  /** Grams written. */
  grams = 0

  /** `most` grams at most; `kept` and `rest`: the bytes expected of each. */
  constructor(most: number, kept: number, rest: number, readonly cap: number) {
    this.kept = new PostingWriter(kept)
    this.rest = new PostingWriter(rest)
    this.starts = new Uint32Array(most + 1)
    this.restStarts = new Uint32Array(most + 1)
    this.groupStarts = new Uint32Array(most + 1)
    this.counts = new Uint32Array(most)
    this.lasts = new Uint32Array(most)
  }

  /** Ends the group written last into `whole`: `count` postings, the last at `last`. */
  endGroup(count: number, last: number): void {
    this.wholeEnds.push(this.whole.length)
    this.wholeCounts.push(count)
    this.wholeLasts.push(last)
  }

  /** Splits the capped gram in `whole` into its first `cap` postings (to `kept`) and the rest, and keeps its groups. */
  splitWhole(): void {
    const ends = this.wholeEnds.array
    const counts = this.wholeCounts.array
    let before = 0
    let g = 0
    while (before + counts[g]! < this.cap) before += counts[g++]!
    const split = prefixEnd(this.whole.bytes, g === 0 ? 0 : ends[g - 1]!, this.cap - before)
    this.kept.copy(this.whole.bytes, 0, split)
    this.rest.copy(this.whole.bytes, split, this.whole.length)
    this.groupEnds.append(ends, 0, this.wholeEnds.length)
    this.groupCounts.append(counts, 0, this.wholeCounts.length)
    this.groupLasts.append(this.wholeLasts.array, 0, this.wholeLasts.length)
    this.clearWhole()
  }

  /** Forgets what `whole` holds. */
  clearWhole(): void {
    this.whole.rollback(0)
    this.wholeEnds.clear()
    this.wholeCounts.clear()
    this.wholeLasts.clear()
  }

  /** The postings written, over `passages` passages of lengths `norms`, for the grams `grams`. */
  finish(grams: StringTableArrays, passages: number, norms: Float32Array): GramPostings {
    const k = this.grams
    this.starts[k] = this.kept.length
    this.restStarts[k] = this.rest.length
    this.groupStarts[k] = this.groupEnds.length
    const exact = (array: Uint32Array, length: number) => (array.length === length ? array : array.slice(0, length))
    return {
      grams,
      starts: exact(this.starts, k + 1),
      bytes: this.kept.finish(),
      restStarts: exact(this.restStarts, k + 1),
      rest: this.rest.finish(),
      groupStarts: exact(this.groupStarts, k + 1),
      groupEnds: this.groupEnds.finish(),
      groupCounts: this.groupCounts.finish(),
      groupLasts: this.groupLasts.finish(),
      counts: exact(this.counts, k),
      lasts: exact(this.lasts, k),
      passages,
      norms,
      cap: this.cap,
    }
  }
}

/** Every gram's (passage, tf) pairs: gram g's are `passages[offsets[g] .. offsets[g + 1]]`, in passage order. */
export interface GramLists {
  grams: string[]
  offsets: Uint32Array
  passages: Uint32Array
  /** A gram 65,535 times in one passage is not a paragraph: frequencies are kept in 16 bits. */
  tfs: Uint16Array
  /** Each passage's vector length (see `GramPostings.norms`). */
  norms: Float32Array
}

/**
 * The pairs a full build transposes at once (or one gram's, if more): 6 bytes each, 48 MB. All of them at once were
 * 56.7 M pairs at 100k passages (340 MB), the build's largest allocation. Each range costs a pass over the passages'
 * words (11 ms at 100k), so a larger corpus takes larger ranges, `RANGES_AT_MOST` of them: the passes then grow
 * with the corpus, not with its square. At 100k, 7 ranges took 0.8× the CPU of one (their slots stay in cache).
 */
export const PAIRS_PER_BATCH = 1 << 23
const RANGES_AT_MOST = 16

/** The pairs of grams `first .. end`, as in `GramLists` but from `base`: gram g's are `passages[offsets[g] − base .. offsets[g + 1] − base]`. */
export interface GramBatch {
  first: number
  end: number
  base: number
  passages: Uint32Array
  tfs: Uint16Array
}

/** Passages cut into grams, each distinct word once, with every gram's document frequency; `transpose` lists the pairs. */
export class GramPairs {
  /** Gram g is in `offsets[g + 1] − offsets[g]` passages. */
  readonly offsets: Uint32Array

  private constructor(
    private readonly passages: PassageWords,
    private readonly cut: WordGrams,
    readonly grams: string[],
  ) {
    const { starts, tokens } = passages
    const gramCount = grams.length
    // Document frequencies; `lastCounted` (passage plus one) counts a gram once per passage without a reset.
    const df = new Uint32Array(gramCount)
    const lastCounted = new Uint32Array(gramCount)
    for (let p = 0; p < starts.length - 1; p++) {
      const stamp = p + 1
      for (let t = starts[p]!; t < starts[p + 1]!; t++) {
        const w = tokens[t]!
        for (let i = cut.start[w]!; i < cut.start[w + 1]!; i++) {
          const g = cut.ids[i]!
          if (lastCounted[g] !== stamp) {
            lastCounted[g] = stamp
            df[g]!++
          }
        }
      }
    }
    this.offsets = new Uint32Array(gramCount + 1)
    for (let g = 0; g < gramCount; g++) this.offsets[g + 1] = this.offsets[g]! + df[g]!
  }

  static of(passages: PassageWords, options: NgramOptions): GramPairs {
    const cut = WordGrams.cut(passages.words, passages.starts, passages.tokens, options).sorted()
    return new GramPairs(passages, cut, cut.grams)
  }

  /**
   * Hands `visit` the pairs of every gram in increasing order, a range of grams at a time, in buffers of at most
   * `pairsPerBatch` pairs (or one gram's) that it must not keep; returns each passage's vector length. Each range costs
   * one pass over the passages' words, whose grams in the range are a run (a word's grams are in increasing order).
   */
  transpose(pairsPerBatch: number, visit: (batch: GramBatch) => void): Float32Array {
    const { offsets, cut } = this
    const { starts, tokens } = this.passages
    const count = starts.length - 1
    const gramCount = this.grams.length
    let most = 0
    for (let g = 0; g < gramCount; g++) most = Math.max(most, offsets[g + 1]! - offsets[g]!)
    const size = Math.min(offsets[gramCount]!, Math.max(pairsPerBatch, most))
    const passages = new Uint32Array(size)
    const tfs = new Uint16Array(size)
    const tf = new Uint32Array(gramCount)
    const distinct = new Uint32Array(gramCount)
    const squares = new Float64Array(count)
    // Word w's grams in the range are `cut.ids[from[w] .. to[w]]`.
    const words = cut.start.length - 1
    const from = cut.start.slice(0, words)
    const to = cut.start.slice(0, words)
    for (let first = 0, end = 0; first < gramCount; first = end) {
      end = first + 1
      while (end < gramCount && offsets[end + 1]! - offsets[first]! <= size) end++
      for (let w = 0; w < words; w++) {
        let i = (from[w] = to[w]!)
        while (i < cut.start[w + 1]! && cut.ids[i]! < end) i++
        to[w] = i
      }
      // Each passage's grams with their frequencies, into per-gram slots.
      const base = offsets[first]!
      const cursor = offsets.slice(first, end)
      for (let p = 0; p < count; p++) {
        let distinctCount = 0
        for (let t = starts[p]!; t < starts[p + 1]!; t++) {
          const w = tokens[t]!
          for (let i = from[w]!; i < to[w]!; i++) {
            const g = cut.ids[i]!
            if (tf[g]!++ === 0) distinct[distinctCount++] = g
          }
        }
        for (let i = 0; i < distinctCount; i++) {
          const g = distinct[i]!
          const at = cursor[g - first]!++ - base
          passages[at] = p
          tfs[at] = Math.min(tf[g]!, 0xffff)
          tf[g] = 0
        }
      }
      // Each passage's length, summed in increasing gram order (the order fixes the bits).
      for (let i = 0; i < offsets[end]! - base; i++) {
        const w = logTf(tfs[i]!)
        squares[passages[i]!]! += w * w
      }
      visit({ first, end, base, passages, tfs })
    }
    const norms = new Float32Array(count)
    for (let p = 0; p < count; p++) norms[p] = Math.sqrt(squares[p]!)
    return norms
  }
}

/** The grams of passages cut into words, with their postings: each distinct word cut into grams once, then one transpose. */
export function gramLists(passages: PassageWords, options: NgramOptions): GramLists {
  const pairs = GramPairs.of(passages, options)
  let all: GramBatch = { first: 0, end: 0, base: 0, passages: new Uint32Array(0), tfs: new Uint16Array(0) }
  const norms = pairs.transpose(Infinity, (batch) => (all = batch))
  return { grams: pairs.grams, offsets: pairs.offsets, passages: all.passages, tfs: all.tfs, norms }
}

/** Each passage's `ln` of its vector length: what `impactBucket` takes. */
export function lnLengths(norms: Float32Array): Float64Array {
  const ln = new Float64Array(norms.length)
  for (let p = 0; p < norms.length; p++) ln[p] = Math.log(norms[p]!)
  return ln
}

/**
 * The postings of passages cut into words (see `GramPostings`). Memory, not time, shapes it: the pairs are
 * transposed a range of grams at a time (`pairsPerBatch`, see `PAIRS_PER_BATCH`) into every gram's postings in
 * passage order, ≈ 2 bytes a pair; a capped gram's impact groups, which need every passage's length, are written
 * once the last range is in; and the postings kept are then copied into buffers of their exact size, never
 * grown nor cut to length by a copy.
 */
export function gramPostings(passages: PassageWords, options: NgramOptions, pairsPerBatch?: number): GramPostings {
  const pairs = GramPairs.of(passages, options)
  const { offsets } = pairs
  const gramCount = pairs.grams.length
  pairsPerBatch ??= Math.max(PAIRS_PER_BATCH, Math.ceil(offsets[gramCount]! / RANGES_AT_MOST))
  const cap = options.maxPostingsPerGram
  const countOf = (g: number) => offsets[g + 1]! - offsets[g]!
  // Most postings take 1–2 bytes.
  const plain = new PostingWriter(2 * offsets[gramCount]! + 16)
  const plainStarts = new Uint32Array(gramCount + 1)
  const lasts = new Uint32Array(gramCount)
  const norms = pairs.transpose(pairsPerBatch, ({ first, end, base, passages: ps, tfs }) => {
    for (let g = first; g < end; g++) {
      plainStarts[g] = plain.startGram()
      const to = offsets[g + 1]! - base
      for (let i = offsets[g]! - base; i < to; i++) plain.posting(ps[i]!, tfs[i]!)
      lasts[g] = ps[to - 1]!
    }
  })
  plainStarts[gramCount] = plain.length

  // The capped grams' groups, strongest first, in a writer of their own (capped gram k as its gram k).
  let capped = 0
  let cappedBytes = 0
  for (let g = 0; g < gramCount; g++) {
    if (countOf(g) <= cap) continue
    capped++
    cappedBytes += plainStarts[g + 1]! - plainStarts[g]!
  }
  const lnLength = lnLengths(norms)
  // Groups start their gaps from 0 again: a gram's groups take somewhat more than its postings in passage order.
  const grouped = new GramPostingsWriter(capped, cappedBytes, 2 * cappedBytes + 16, cap)
  const scratch = { passages: new Uint32Array(norms.length), tfs: new Uint32Array(norms.length), buckets: new Uint16Array(norms.length) }
  for (let g = 0; g < gramCount; g++) {
    if (countOf(g) <= cap) continue
    const k = grouped.grams++
    grouped.starts[k] = grouped.kept.startGram()
    grouped.restStarts[k] = grouped.rest.length
    grouped.groupStarts[k] = grouped.groupEnds.length
    const n = decodePostings(plain.bytes, plainStarts[g]!, plainStarts[g + 1]!, scratch.passages, scratch.tfs)
    writeGrouped(grouped, scratch.passages, scratch.tfs, n, lnLength, scratch.buckets)
    grouped.splitWhole()
  }
  grouped.starts[capped] = grouped.kept.length
  grouped.restStarts[capped] = grouped.rest.length
  grouped.groupStarts[capped] = grouped.groupEnds.length

  // Every gram in order, at the sizes now known.
  const out = new GramPostingsWriter(gramCount, plain.length - cappedBytes + grouped.kept.length, grouped.rest.length, cap)
  for (let g = 0, k = 0; g < gramCount; g++) {
    out.starts[g] = out.kept.startGram()
    out.restStarts[g] = out.rest.length
    out.groupStarts[g] = out.groupEnds.length
    if (countOf(g) <= cap) out.kept.copy(plain.bytes, plainStarts[g]!, plainStarts[g + 1]!)
    else {
      out.kept.copy(grouped.kept.bytes, grouped.starts[k]!, grouped.starts[k + 1]!)
      out.rest.copy(grouped.rest.bytes, grouped.restStarts[k]!, grouped.restStarts[k + 1]!)
      const from = grouped.groupStarts[k]!
      const to = grouped.groupStarts[k + 1]!
      out.groupEnds.append(grouped.groupEnds.array, from, to)
      out.groupCounts.append(grouped.groupCounts.array, from, to)
      out.groupLasts.append(grouped.groupLasts.array, from, to)
      k++
    }
    out.counts[g] = countOf(g)
    out.lasts[g] = lasts[g]!
    out.grams++
  }
  const grams = StringTable.build(pairs.grams).stored
  // Plain bytes (`encodeStrings` gives a Buffer), as the state's and an add's are.
  return out.finish({ ...grams, bytes: new Uint8Array(grams.bytes.buffer, grams.bytes.byteOffset, grams.bytes.length) }, norms.length, norms)
}

/**
 * Writes the `n` postings `passages` / `tfs` (in passage order) of a capped gram into `out.whole` in its groups,
 * strongest first (see `GramPostings`), each group ended; `buckets` is scratch.
 */
export function writeGrouped(out: GramPostingsWriter, passages: ArrayLike<number>, tfs: ArrayLike<number>, n: number, lnLength: Float64Array, buckets: Uint16Array): void {
  const whole = out.whole
  for (let i = 0; i < n; i++) buckets[i] = impactBucket(tfs[i]!, lnLength[passages[i]!]!)
  let current = -1
  let count = 0
  let last = 0
  for (const i of keepOrder(buckets, n)) {
    if (buckets[i] !== current) {
      if (count > 0) out.endGroup(count, last)
      whole.group((current = buckets[i]!))
      count = 0
    }
    whole.posting((last = passages[i]!), tfs[i]!)
    count++
  }
  if (count > 0) out.endGroup(count, last)
}

/** The byte after the first `postings` postings of a gram starting at `from` (its groups' heads skipped). */
export function prefixEnd(bytes: Uint8Array, from: number, postings: number): number {
  let at = from
  for (let n = 0; n < postings; n++) {
    if (bytes[at] === 0) {
      at++
      while (bytes[at++]! & 0x80);
    }
    let byte = bytes[at++]!
    let tf = byte & 0x7f
    while (byte & 0x80) byte = bytes[at++]!
    // Only the low bits of the first byte tell whether a rest follows (tf = value mod 16, 16 divides 128).
    tf &= TF_LOW
    if (tf === TF_LOW) while (bytes[at++]! & 0x80);
  }
  return at
}

