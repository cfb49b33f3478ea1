// Variant components after a change of corpus: only the passages that can join something new — those not settled
// (new, or of a group that lost a member) and those sharing a MinHash band key with one — are read and compared;
// every other passage keeps the component the last build gave it.

import { MINHASH_BANDS, variantComponents, VARIANT_MIN_TERMS, type VariantOptions } from './group.js'

/**
 * Passages' content words as the analysed corpus holds them: passage i's text words are
 * `textWords[textStart[i] .. textStart[i + 1]]`, word w's stem is `stemOf[w]` (−1: a stop word), of `stems` stems.
 */
export interface StemColumns {
  /** One number per passage, equal for passages of the same document. */
  documents: Int32Array
  textStart: Uint32Array
  textWords: Uint32Array
  stemOf: Int32Array
  stems: number
}

// Above this many passages `variantComponents` packs cut-short band keys, so buckets depend on the whole corpus: the
// components are then computed over all passages.
const WHOLE_KEYS = 2 ** 21 - 1

/**
 * What `variantComponents(sets, keys, options, settled)` gives over all passages (the same partition; roots are
 * other numbers), reading the stems of the passages that can join something only. `settled` labels each passage
 * whose component is unchanged (−1: not settled), as `settledComponents` gives it.
 */
export function changedVariantComponents(columns: StemColumns, keys: Uint32Array, settled: Int32Array, options: VariantOptions = {}): Int32Array {
  const { documents } = columns
  const count = documents.length
  if (keys.length !== count * MINHASH_BANDS || settled.length !== count) throw new RangeError(`changedVariantComponents: ${keys.length} band keys and ${settled.length} labels for ${count} passages.`)
  const minTerms = options.minTerms ?? VARIANT_MIN_TERMS
  const sets = new LazyStemSets(columns)
  const free: number[] = []
  for (let i = 0; i < count; i++) if (settled[i]! < 0 && sets.size(i) >= minTerms) free.push(i)

  // The passages read: the free ones and every eligible passage sharing a band's key with one (a bucket that holds no
  // free passage is never checked), in corpus order.
  let members: number[]
  if (count > WHOLE_KEYS) members = Array.from({ length: count }, (_, i) => i)
  else {
    const wanted = new KeyTable(free.length * MINHASH_BANDS)
    for (const i of free) for (let band = 0; band < MINHASH_BANDS; band++) wanted.add(band, keys[i * MINHASH_BANDS + band]!)
    members = []
    for (let i = 0; i < count; i++) {
      for (let band = 0; band < MINHASH_BANDS; band++) {
        if (wanted.has(band, keys[i * MINHASH_BANDS + band]!)) {
          if (sets.size(i) >= minTerms) members.push(i)
          break
        }
      }
    }
  }

  // The members as a corpus of their own, settled as they are: its components are theirs in the whole corpus.
  const n = members.length
  const offsets = new Uint32Array(n + 1)
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k]! + sets.size(members[k]!)
  const terms = new Int32Array(offsets[n]!)
  const subKeys = new Uint32Array(n * MINHASH_BANDS)
  const subDocuments = new Int32Array(n)
  const subSettled = new Int32Array(n)
  members.forEach((i, k) => {
    terms.set(sets.of(i), offsets[k]!)
    subKeys.set(keys.subarray(i * MINHASH_BANDS, (i + 1) * MINHASH_BANDS), k * MINHASH_BANDS)
    subDocuments[k] = documents[i]!
    subSettled[k] = settled[i]!
  })
  const subRoots = variantComponents({ documents: subDocuments, offsets, terms, termHashes: new Uint32Array(0) }, subKeys, options, subSettled)

  // Every passage with its settled component, then the members joined as their corpus joined them.
  const parent = Int32Array.from({ length: count }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  let labels = 0
  for (let i = 0; i < count; i++) labels = Math.max(labels, settled[i]! + 1)
  const first = new Int32Array(labels).fill(-1)
  for (let i = 0; i < count; i++) {
    const label = settled[i]!
    if (label < 0) continue
    if (first[label]! < 0) first[label] = i
    else parent[find(i)] = find(first[label]!)
  }
  for (let k = 0; k < n; k++) {
    const a = find(members[k]!)
    const b = find(members[subRoots[k]!]!)
    if (a !== b) parent[a] = b
  }
  const roots = new Int32Array(count)
  for (let i = 0; i < count; i++) roots[i] = find(i)
  return roots
}

/** Each passage's distinct text stems, in increasing id order, worked out the first time they are asked for. */
class LazyStemSets {
  private readonly starts: Int32Array
  private readonly ends: Uint32Array
  private terms = new Int32Array(1 << 12)
  private length = 0
  private readonly seen: Int32Array

  constructor(private readonly columns: StemColumns) {
    this.starts = new Int32Array(columns.documents.length).fill(-1)
    this.ends = new Uint32Array(columns.documents.length)
    this.seen = new Int32Array(columns.stems).fill(-1)
  }

  size(i: number): number {
    if (this.starts[i]! < 0) this.read(i)
    return this.ends[i]! - this.starts[i]!
  }

  of(i: number): Int32Array {
    if (this.starts[i]! < 0) this.read(i)
    return this.terms.subarray(this.starts[i]!, this.ends[i]!)
  }

  private read(i: number): void {
    const { textStart, textWords, stemOf } = this.columns
    const from = textStart[i]!
    const to = textStart[i + 1]!
    if (this.length + to - from > this.terms.length) {
      const bigger = new Int32Array(Math.max(this.terms.length * 2, this.length + to - from))
      bigger.set(this.terms.subarray(0, this.length))
      this.terms = bigger
    }
    const start = this.length
    for (let t = from; t < to; t++) {
      const s = stemOf[textWords[t]!]!
      if (s >= 0 && this.seen[s] !== i) {
        this.seen[s] = i
        this.terms[this.length++] = s
      }
    }
    this.terms.subarray(start, this.length).sort()
    this.starts[i] = start
    this.ends[i] = this.length
  }
}

/** A set of (band, key) pairs: open addressing over the key, mixed with the band. */
class KeyTable {
  private readonly keys: Uint32Array
  /** Band + 1 of the pair in each slot; 0 for an empty slot. */
  private readonly bands: Uint8Array
  private readonly mask: number

  constructor(pairs: number) {
    let size = 16
    while (size < pairs * 4) size *= 2
    this.keys = new Uint32Array(size)
    this.bands = new Uint8Array(size)
    this.mask = size - 1
  }

  add(band: number, key: number): void {
    let slot = slotOf(band, key) & this.mask
    while (this.bands[slot] !== 0) {
      if (this.bands[slot] === band + 1 && this.keys[slot] === key) return
      slot = (slot + 1) & this.mask
    }
    this.bands[slot] = band + 1
    this.keys[slot] = key
  }

  has(band: number, key: number): boolean {
    for (let slot = slotOf(band, key) & this.mask; this.bands[slot] !== 0; slot = (slot + 1) & this.mask) {
      if (this.bands[slot] === band + 1 && this.keys[slot] === key) return true
    }
    return false
  }
}

// Band keys are already hashes: the band only needs to move them apart.
const slotOf = (band: number, key: number): number => (key ^ Math.imul(band + 1, 0x9e3779b1)) >>> 0
