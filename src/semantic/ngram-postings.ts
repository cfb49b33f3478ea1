// Every occurrence of every character gram, listed by gram: what the n-gram index is derived from (its weights,
// vector lengths and capped postings all depend on the whole corpus), and what a build keeps between builds so that
// adding or removing a document updates these lists instead of cutting every passage into grams again.

import type { NgramOptions } from './ngram.js'
import { impactBucket, keepOrder, logTf, TF_LOW } from './impact-cap.js'

/**
 * Postings of every gram. Gram g's are bytes `starts[g] .. starts[g + 1]` of `bytes`, each a varint `(gap from the
 * previous passage) × 16 + min(tf, 15)`, followed by a varint `tf − 15` when tf ≥ 15. A gram in at most `cap`
 * passages lists them in passage order. A gram in more (capped: the index keeps only `cap` of them) lists them
 * strongest first (see `keepOrder`): in groups, each a 0 byte, its impact bucket as a varint, then its postings in
 * passage order, gaps counted from 0 again — so the postings the index keeps are the first `cap`, a prefix of bytes,
 * and a posting added or removed touches only its own group. Grams are in increasing code-unit order, so two builds
 * of the same passages number them alike however they got there.
 */
export interface GramPostings {
  grams: string[]
  starts: Uint32Array
  bytes: Uint8Array
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

/**
 * A word as its grams are cut: each character outside the BMP (two UTF-16 units: an emoji, a mathematical letter)
 * and any lone surrogate becomes U+FFFD. No gram then splits a surrogate pair, so every gram survives the UTF-8 of
 * `ngram.bin` and the build state unchanged, and an add compares the grams it cuts with the last build's as they are.
 */
export function gramWord(word: string): string {
  return SURROGATE.test(word) ? word.replace(OUTSIDE_BMP, '\uFFFD') : word
}
const SURROGATE = /[\uD800-\uDFFF]/
const OUTSIDE_BMP = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g

/** Passages cut into words: passage p's are `words[tokens[starts[p] .. starts[p + 1]]]`. */
export interface PassageWords {
  words: readonly string[]
  starts: Uint32Array
  tokens: Uint32Array
}

/** The postings of one gram as (passage, tf) pairs, in passage order. */
export type Pairs = { passages: Uint32Array; tfs: Uint32Array }

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

  /** Writes the postings `passages[i]` / `tfs[i]` for which `keep[i]` is set, i < n (in passage order). */
  kept(passages: Uint32Array, tfs: Uint32Array, n: number, keep: Uint8Array): void {
    this.reserve(10 * n)
    const bytes = this.bytes
    let at = this.length
    let previous = this.previous
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue
      const passage = passages[i]!
      const tf = tfs[i]!
      // Below 2^32 (a passage number is below 2^28): `>>> 7` divides exactly.
      let value = (passage - previous) * (TF_LOW + 1) + (tf < TF_LOW ? tf : TF_LOW)
      while (value >= 0x80) {
        bytes[at++] = (value & 0x7f) | 0x80
        value >>>= 7
      }
      bytes[at++] = value
      if (tf >= TF_LOW) {
        for (value = tf - TF_LOW; value >= 0x80; value >>>= 7) bytes[at++] = (value & 0x7f) | 0x80
        bytes[at++] = value
      }
      previous = passage
    }
    this.length = at
    this.previous = previous
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

/** The postings of passages cut into words: each distinct word cut into grams once, then one transpose. */
export function gramPostings(passages: PassageWords, options: NgramOptions): GramPostings {
  const { starts, tokens } = passages
  const count = starts.length - 1
  const cut = WordGrams.cut(passages.words, starts, tokens, options).sorted()
  const gramCount = cut.grams.length

  // Pass 1: document frequencies; `lastCounted` (passage plus one) counts a gram once per passage without a reset.
  const df = new Uint32Array(gramCount)
  const lastCounted = new Uint32Array(gramCount)
  for (let p = 0; p < count; p++) {
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
  // Pass 2: each passage's grams with their frequencies, into per-gram slots.
  const offsets = new Uint32Array(gramCount + 1)
  for (let g = 0; g < gramCount; g++) offsets[g + 1] = offsets[g]! + df[g]!
  const cursor = offsets.slice(0, gramCount)
  const slotPassages = new Uint32Array(offsets[gramCount]!)
  // A gram 65,535 times in one passage is not a paragraph: frequencies are kept in 16 bits.
  const slotTfs = new Uint16Array(offsets[gramCount]!)
  const tf = new Uint32Array(gramCount)
  const distinct = new Uint32Array(gramCount)
  for (let p = 0; p < count; p++) {
    let distinctCount = 0
    for (let t = starts[p]!; t < starts[p + 1]!; t++) {
      const w = tokens[t]!
      for (let i = cut.start[w]!; i < cut.start[w + 1]!; i++) {
        const g = cut.ids[i]!
        if (tf[g]!++ === 0) distinct[distinctCount++] = g
      }
    }
    for (let i = 0; i < distinctCount; i++) {
      const g = distinct[i]!
      const at = cursor[g]!++
      slotPassages[at] = p
      slotTfs[at] = Math.min(tf[g]!, 0xffff)
      tf[g] = 0
    }
  }
  // Each passage's length, summed in increasing gram order (the order fixes the bits; `vectorLengths` sums alike).
  const squares = new Float64Array(count)
  for (let i = 0; i < slotPassages.length; i++) {
    const w = logTf(slotTfs[i]!)
    squares[slotPassages[i]!]! += w * w
  }
  const norms = Float32Array.from(squares, Math.sqrt)
  const lnLength = Float64Array.from(norms, Math.log)
  const cap = options.maxPostingsPerGram
  // Most postings take 1–2 bytes.
  const writer = new PostingWriter(2 * offsets[gramCount]! + 16)
  const byteStarts = new Uint32Array(gramCount + 1)
  const lasts = new Uint32Array(gramCount)
  const buckets = new Uint16Array(count)
  for (let g = 0; g < gramCount; g++) {
    byteStarts[g] = writer.startGram()
    const from = offsets[g]!
    const n = offsets[g + 1]! - from
    if (n > cap) writeGrouped(writer, slotPassages.subarray(from), slotTfs.subarray(from), n, lnLength, buckets)
    else for (let i = from; i < from + n; i++) writer.posting(slotPassages[i]!, slotTfs[i]!)
    lasts[g] = slotPassages[from + n - 1]!
  }
  byteStarts[gramCount] = writer.length
  return { grams: cut.grams, starts: byteStarts, bytes: writer.finish(), counts: df, lasts, passages: count, norms, cap }
}

/**
 * Writes the `n` postings `passages` / `tfs` (in passage order) of a capped gram in its groups, strongest first (see
 * `GramPostings`); `buckets` is scratch.
 */
export function writeGrouped(writer: PostingWriter, passages: ArrayLike<number>, tfs: ArrayLike<number>, n: number, lnLength: Float64Array, buckets: Uint16Array): void {
  for (let i = 0; i < n; i++) buckets[i] = impactBucket(tfs[i]!, lnLength[passages[i]!]!)
  let current = -1
  for (const i of keepOrder(buckets, n)) {
    if (buckets[i] !== current) writer.group((current = buckets[i]!))
    writer.posting(passages[i]!, tfs[i]!)
  }
}

/** Each passage's vector length over all the grams of `postings`, summed gram after gram as `gramPostings` sums them. */
export function vectorLengths(postings: Pick<GramPostings, 'starts' | 'bytes' | 'counts' | 'passages'>): Float32Array {
  const squares = new Float64Array(postings.passages)
  let most = 0
  for (let g = 0; g < postings.counts.length; g++) most = Math.max(most, postings.counts[g]!)
  const passages = new Uint32Array(most)
  const tfs = new Uint32Array(most)
  for (let g = 0; g < postings.counts.length; g++) {
    const n = decodePostings(postings.bytes, postings.starts[g]!, postings.starts[g + 1]!, passages, tfs)
    for (let i = 0; i < n; i++) {
      const w = logTf(tfs[i]!)
      squares[passages[i]!]! += w * w
    }
  }
  return Float32Array.from(squares, Math.sqrt)
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

/** Each word's gram ids in one flat list: word w's are `ids[start[w] .. start[w + 1]]`. */
class WordGrams {
  private constructor(
    readonly start: Uint32Array,
    readonly ids: Uint32Array,
    readonly grams: string[],
  ) {}

  /**
   * Cuts the words the passages use into their distinct grams (padded with a space each side: ` mise `), each word
   * once. A gram is found in an open-addressing table by its characters, hashed in place: no substring is made
   * unless the gram is new.
   */
  static cut(words: readonly string[], starts: Uint32Array, tokens: Uint32Array, options: NgramOptions): WordGrams {
    const used = new Uint8Array(words.length)
    for (let t = starts[0]!; t < starts[starts.length - 1]!; t++) {
      const w = tokens[t]!
      if (w >= words.length) throw new RangeError(`ngram: word ${w} is not in the vocabulary.`)
      used[w] = 1
    }
    const table = new GramTable()
    const start = new Uint32Array(words.length + 1)
    let ids = new Uint32Array(1 << 16)
    let at = 0
    for (let w = 0; w < words.length; w++) {
      start[w] = at
      if (!used[w]) continue
      const padded = ` ${gramWord(words[w]!)} `
      const first = at
      for (let n = options.minGram; n <= options.maxGram; n++) {
        for (let i = 0; i + n <= padded.length; i++) {
          const g = table.idOf(padded, i, n)
          let seen = false
          for (let k = first; k < at && !seen; k++) seen = ids[k] === g
          if (seen) continue
          if (at === ids.length) {
            const bigger = new Uint32Array(ids.length * 2)
            bigger.set(ids)
            ids = bigger
          }
          ids[at++] = g
        }
      }
    }
    start[words.length] = at
    return new WordGrams(start, ids.slice(0, at), table.grams)
  }

  /** The same cut with grams renumbered in increasing code-unit order. */
  sorted(): WordGrams {
    const order = this.grams.map((_, g) => g).sort((a, b) => (this.grams[a]! < this.grams[b]! ? -1 : 1))
    const rank = new Uint32Array(order.length)
    order.forEach((g, r) => (rank[g] = r))
    return new WordGrams(this.start, this.ids.map((g) => rank[g]!), order.map((g) => this.grams[g]!))
  }
}

/** Gram → id while building: an open-addressing table over the grams' characters. */
class GramTable {
  readonly grams: string[] = []
  private slots = new Int32Array(1 << 16).fill(-1)

  idOf(text: string, from: number, length: number): number {
    const mask = this.slots.length - 1
    for (let slot = hashOf(text, from, length) & mask; ; slot = (slot + 1) & mask) {
      const g = this.slots[slot]!
      if (g === -1) {
        this.slots[slot] = this.grams.push(text.slice(from, from + length)) - 1
        if (this.grams.length * 2 > this.slots.length) this.rehash()
        return this.grams.length - 1
      }
      if (sameGram(this.grams[g]!, text, from, length)) return g
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1)
    const mask = this.slots.length - 1
    this.grams.forEach((gram, g) => {
      let slot = hashOf(gram, 0, gram.length) & mask
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask
      this.slots[slot] = g
    })
  }
}

function hashOf(text: string, from: number, length: number): number {
  let hash = 0x811c9dc5
  for (let i = from; i < from + length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash ^ (hash >>> 15)
}

function sameGram(gram: string, text: string, from: number, length: number): boolean {
  if (gram.length !== length) return false
  for (let i = 0; i < length; i++) if (gram.charCodeAt(i) !== text.charCodeAt(from + i)) return false
  return true
}
