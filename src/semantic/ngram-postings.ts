// Every occurrence of every character gram, listed by gram: what the n-gram index is derived from (its weights,
// vector lengths and capped postings all depend on the whole corpus), and what a build keeps between builds so that
// adding or removing a document updates these lists instead of cutting every passage into grams again.

import type { NgramOptions } from './ngram.js'

/**
 * Postings of every gram. Gram g's are bytes `starts[g] .. starts[g + 1]` of `bytes`, in passage order, each a varint
 * `(gap from the previous passage) × 16 + min(tf, 15)`, followed by a varint `tf − 15` when tf ≥ 15. Grams are in
 * increasing code-unit order, so two builds of the same passages number them alike however they got there.
 */
export interface GramPostings {
  grams: string[]
  starts: Uint32Array
  bytes: Uint8Array
  /** Postings of each gram: its document frequency. */
  counts: Uint32Array
  /** The last passage of each gram's postings. */
  lasts: Uint32Array
  /** Passages the postings are over. */
  passages: number
}

/** Passages cut into words: passage p's are `words[tokens[starts[p] .. starts[p + 1]]]`. */
export interface PassageWords {
  words: readonly string[]
  starts: Uint32Array
  tokens: Uint32Array
}

export const TF_LOW = 15
/** The postings of one gram as (passage, tf) pairs, in passage order. */
export type Pairs = { passages: Uint32Array; tfs: Uint32Array }

/** `updateGramPostings`' result with how it came from the last build's, for deriving the index the same way. */
export interface GramUpdate {
  postings: GramPostings
  /** Each gram's number in the last build's postings, −1 for a gram it did not have. */
  previousOf: Int32Array
  /** The grams the new passages hold (increasing) and, for each, their postings. */
  freshGrams: Uint32Array
  fresh: Pairs[]
  /** How the last build's passages moved (see `movesOf`). */
  moves: Moves
}

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

/** Where `readPosting` stands in a gram's bytes, and the posting it read last. */
interface PostingCursor {
  at: number
  /** The posting's passage number minus the one before it. */
  gap: number
  tf: number
}

/** Reads the posting at `cursor.at` (`PostingWriter.posting`'s varints) into the cursor and moves past it. */
function readPosting(bytes: Uint8Array, cursor: PostingCursor): void {
  let at = cursor.at
  let byte = bytes[at++]!
  let value = byte & 0x7f
  for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
    byte = bytes[at++]!
    value += (byte & 0x7f) * scale
  }
  let tf = value % (TF_LOW + 1)
  cursor.gap = (value - tf) / (TF_LOW + 1)
  if (tf === TF_LOW) {
    byte = bytes[at++]!
    let rest = byte & 0x7f
    for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
      byte = bytes[at++]!
      rest += (byte & 0x7f) * scale
    }
    tf += rest
  }
  cursor.tf = tf
  cursor.at = at
}

/** Decodes the postings `bytes[from .. to]` of one gram into `passages` and `tfs` (long enough); returns how many. */
export function decodePostings(bytes: Uint8Array, from: number, to: number, passages: Uint32Array, tfs: Uint32Array): number {
  return decodeMoved(bytes, from, to, STAY, passages, tfs)
}

/** How old passages move when none does. */
const STAY: Moves = { bounds: Int32Array.of(0, 0x7fffffff), shifts: Int32Array.of(0) }

/**
 * `decodePostings` with each passage moved as `moves` says; −1 when one of them is gone. In one tight loop: the
 * splice of a capped gram and every full capping decode millions of postings.
 */
export function decodeMoved(bytes: Uint8Array, from: number, to: number, moves: Moves, passages: Uint32Array, tfs: Uint32Array): number {
  const { bounds, shifts } = moves
  let n = 0
  let old = 0
  let s = 0
  let limit = bounds[1]!
  let shift = shifts[0]!
  for (let at = from; at < to; ) {
    let byte = bytes[at++]!
    let value = byte & 0x7f
    for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
      byte = bytes[at++]!
      value += (byte & 0x7f) * scale
    }
    let tf = value % (TF_LOW + 1)
    old += (value - tf) / (TF_LOW + 1)
    if (tf === TF_LOW) {
      byte = bytes[at++]!
      let rest = byte & 0x7f
      for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
        byte = bytes[at++]!
        rest += (byte & 0x7f) * scale
      }
      tf += rest
    }
    while (old >= limit) {
      shift = shifts[++s]!
      limit = bounds[s + 1]!
    }
    if (shift === GONE) return -1
    passages[n] = old + shift
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
  // Most postings take 1–2 bytes.
  const writer = new PostingWriter(2 * offsets[gramCount]! + 16)
  const byteStarts = new Uint32Array(gramCount + 1)
  const lasts = new Uint32Array(gramCount)
  for (let g = 0; g < gramCount; g++) {
    byteStarts[g] = writer.startGram()
    for (let i = offsets[g]!; i < offsets[g + 1]!; i++) writer.posting(slotPassages[i]!, slotTfs[i]!)
    lasts[g] = slotPassages[offsets[g + 1]! - 1]!
  }
  byteStarts[gramCount] = writer.length
  return { grams: cut.grams, starts: byteStarts, bytes: writer.finish(), counts: df, lasts, passages: count }
}

/**
 * The postings after a change of corpus: `renumber[p]` is the new number of old passage p (−1 when it is gone; kept
 * passages keep their order), and `added` holds the words of new passages, numbered `addedAt[i]`. Gives exactly what
 * `gramPostings` gives for the new corpus.
 */
export function updateGramPostings(previous: GramPostings, renumber: Int32Array, passages: number, added: PassageWords, addedAt: Uint32Array, options: NgramOptions): GramPostings {
  return spliceGramPostings(previous, renumber, passages, added, addedAt, options).postings
}

/** `updateGramPostings`, telling where each gram came from (see `GramUpdate`). */
export function spliceGramPostings(previous: GramPostings, renumber: Int32Array, passages: number, added: PassageWords, addedAt: Uint32Array, options: NgramOptions): GramUpdate {
  // The new passages' postings, as a small corpus of their own (grams sorted), then numbered as they will be.
  const own = gramPostings(added, options)
  const freshPassages = new Uint32Array(countPostings(own))
  const freshTfs = new Uint32Array(freshPassages.length)
  const freshStarts = new Uint32Array(own.grams.length + 1)
  for (let f = 0; f < own.grams.length; f++) {
    const at = freshStarts[f]!
    const n = decodePostings(own.bytes, own.starts[f]!, own.starts[f + 1]!, freshPassages.subarray(at), freshTfs.subarray(at))
    for (let i = at; i < at + n; i++) freshPassages[i] = addedAt[freshPassages[i]!]!
    freshStarts[f + 1] = at + n
  }
  const freshGrams = own.grams
  const old = previous.grams
  // Old passages before `unmoved` keep their numbers: a gram whose postings all lie there keeps its bytes, and new
  // postings after its last are appended to them.
  let unmoved = 0
  while (unmoved < renumber.length && renumber[unmoved] === unmoved) unmoved++
  const moves = movesOf(renumber)
  const writer = new PostingWriter(previous.bytes.length + 4 * freshPassages.length + 16)
  const most = old.length + freshGrams.length
  const kept: string[] = []
  const starts = new Uint32Array(most + 1)
  const counts = new Uint32Array(most)
  const lasts = new Uint32Array(most)
  const previousOf = new Int32Array(most)
  const freshAt = new Uint32Array(freshGrams.length)
  const freshPairs: Pairs[] = []
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
    let extra: Pairs | undefined
    if (j < freshGrams.length && freshGrams[j] === gram) {
      extra = { passages: freshPassages.subarray(freshStarts[j]!, freshStarts[j + 1]!), tfs: freshTfs.subarray(freshStarts[j]!, freshStarts[j + 1]!) }
      freshAt[freshPairs.length] = kept.length
      freshPairs.push(extra)
      j++
    }
    const k = kept.length
    previousOf[k] = g
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
    if (g >= 0 && previous.lasts[g]! < unmoved && (!extra || extra.passages[0]! > previous.lasts[g]!)) {
      writer.copy(previous.bytes, previous.starts[g]!, previous.starts[g + 1]!)
      writer.resume(previous.lasts[g]!)
      const more = extra?.passages.length ?? 0
      for (let i = 0; i < more; i++) writer.posting(extra!.passages[i]!, extra!.tfs[i]!)
      kept.push(gram)
      starts[k] = start
      counts[k] = previous.counts[g]! + more
      lasts[k] = more > 0 ? extra!.passages[more - 1]! : previous.lasts[g]!
      continue
    }
    const { count, last } = g < 0
      ? rewriteGram(writer, previous.bytes, 0, 0, 0, 0, moves, extra)
      : rewriteGram(writer, previous.bytes, previous.starts[g]!, previous.starts[g + 1]!, previous.counts[g]!, previous.lasts[g]!, moves, extra)
    if (count === 0) continue
    kept.push(gram)
    starts[k] = start
    counts[k] = count
    lasts[k] = last
  }
  flush()
  const total = kept.length
  starts[total] = writer.length
  return {
    postings: { grams: kept, starts: starts.slice(0, total + 1), bytes: writer.finish(), counts: counts.slice(0, total), lasts: lasts.slice(0, total), passages },
    previousOf: previousOf.slice(0, total),
    freshGrams: freshAt.slice(0, freshPairs.length),
    fresh: freshPairs,
    moves,
  }
}

// How many postings `postings` holds in all.
function countPostings(postings: GramPostings): number {
  let n = 0
  for (let g = 0; g < postings.counts.length; g++) n += postings.counts[g]!
  return n
}

/** How old passages move: those in `bounds[s] .. bounds[s + 1]` by `shifts[s]` (new = old + shift), or are GONE. */
export interface Moves {
  bounds: Int32Array
  shifts: Int32Array
}

export const GONE = 0x7fffffff

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
// caller that does not know the last passage passes GONE). `dropped` counts the postings of passages gone.
export function rewriteGram(writer: PostingWriter, bytes: Uint8Array, from: number, to: number, postings: number, last: number, moves: Moves, extra: Pairs | undefined): { count: number; last: number; dropped: number } {
  const { bounds, shifts } = moves
  const extras = extra?.passages.length ?? 0
  let count = 0
  let dropped = 0
  let seen = 0
  let old = 0
  let newPrevious = 0
  let j = 0
  let s = 0
  const cursor: PostingCursor = { at: from, gap: 0, tf: 0 }
  while (cursor.at < to) {
    readPosting(bytes, cursor)
    seen++
    old += cursor.gap
    while (old >= bounds[s + 1]!) s++
    const shift = shifts[s]!
    if (shift === GONE) {
      dropped++
      continue
    }
    const moved = old + shift
    while (j < extras && extra!.passages[j]! < moved) {
      writer.posting(extra!.passages[j]!, extra!.tfs[j]!)
      newPrevious = extra!.passages[j++]!
      count++
    }
    writer.posting(moved, cursor.tf)
    newPrevious = moved
    count++
    // The run after it: old passages below `limit` move by the same shift. They are consecutive old passages that
    // stay consecutive, so no added passage falls among them.
    const limit = bounds[s + 1]!
    if (last < limit) {
      writer.copy(bytes, cursor.at, to)
      count += postings - seen
      seen = postings
      cursor.at = to
      old = last
    } else {
      const runStart = cursor.at
      let at = cursor.at
      let runOld = old
      while (at < to) {
        let a = at
        let byte = bytes[a++]!
        let value = byte & 0x7f
        for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
          byte = bytes[a++]!
          value += (byte & 0x7f) * scale
        }
        const low = value % (TF_LOW + 1)
        const next = runOld + (value - low) / (TF_LOW + 1)
        if (next >= limit) break
        if (low === TF_LOW) while (bytes[a++]! & 0x80);
        at = a
        runOld = next
        seen++
        count++
      }
      if (at === runStart) continue
      writer.copy(bytes, runStart, at)
      cursor.at = at
      old = runOld
    }
    newPrevious = old + shift
    writer.resume(newPrevious)
  }
  for (; j < extras; j++, count++) {
    writer.posting(extra!.passages[j]!, extra!.tfs[j]!)
    newPrevious = extra!.passages[j]!
  }
  return { count, last: newPrevious, dropped }
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
      const padded = ` ${words[w]!} `
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
