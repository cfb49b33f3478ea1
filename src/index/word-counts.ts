// The corpus's word counts as the build state stores them, read back without building a Map of its 131k words at
// 100k passages (0.12–0.15 s of an add): the stored words and counts, found through a hash table of row numbers, and
// the few words an add or removal changes on top. Behaves as the Map it was written from, order included.

/** What a build reads and changes of the corpus's word counts: a Map, or the state's `WordCounts`. */
export interface WordCountMap extends ReadonlyMap<string, number> {
  set(word: string, count: number): this
  delete(word: string): boolean
}

export class WordCounts implements WordCountMap {
  // A row's count, 0 once deleted (a stored count is never 0).
  private readonly counts: Uint32Array
  // Open addressing: row + 1 per slot, 0 for an empty slot.
  private readonly slots: Int32Array
  // Words set after their row was deleted, or never stored: after the stored ones, in the order set (as a Map puts
  // a key deleted and set again at its end).
  private readonly later = new Map<string, number>()
  private stored: number

  /** `words` (distinct) with `counts` (each above 0), in that order; `counts` is copied. */
  constructor(private readonly words: readonly string[], counts: Uint32Array) {
    if (counts.length !== words.length) throw new RangeError('WordCounts: as many counts as words.')
    this.counts = Uint32Array.from(counts)
    this.stored = words.length
    let size = 16
    while (size < words.length * 2) size *= 2
    this.slots = new Int32Array(size)
    for (let row = 0; row < words.length; row++) {
      if (!(counts[row]! > 0)) throw new RangeError('WordCounts: a stored count is above 0.')
      let slot = hashOf(words[row]!) & (size - 1)
      while (this.slots[slot] !== 0) {
        if (words[this.slots[slot]! - 1] === words[row]) throw new RangeError(`WordCounts: "${words[row]}" is listed twice.`)
        slot = (slot + 1) & (size - 1)
      }
      this.slots[slot] = row + 1
    }
  }

  // The row of a word still counted there, or −1.
  private rowOf(word: string): number {
    const mask = this.slots.length - 1
    for (let slot = hashOf(word) & mask; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const row = this.slots[slot]! - 1
      if (this.words[row] === word) return this.counts[row]! > 0 ? row : -1
    }
    return -1
  }

  get size(): number {
    return this.stored + this.later.size
  }

  get(word: string): number | undefined {
    const row = this.rowOf(word)
    return row >= 0 ? this.counts[row] : this.later.get(word)
  }

  has(word: string): boolean {
    return this.rowOf(word) >= 0 || this.later.has(word)
  }

  set(word: string, count: number): this {
    const row = this.rowOf(word)
    // A count of 0 would read as deleted: such a word goes with the later ones (a Map keeps it where it was).
    if (row >= 0 && count > 0) this.counts[row] = count
    else if (row >= 0) throw new RangeError('WordCounts: a count is above 0.')
    else this.later.set(word, count)
    return this
  }

  delete(word: string): boolean {
    const row = this.rowOf(word)
    if (row < 0) return this.later.delete(word)
    this.counts[row] = 0
    this.stored--
    return true
  }

  *entries(): MapIterator<[string, number]> {
    for (let row = 0; row < this.words.length; row++) if (this.counts[row]! > 0) yield [this.words[row]!, this.counts[row]!]
    yield* this.later.entries()
  }

  *keys(): MapIterator<string> {
    for (let row = 0; row < this.words.length; row++) if (this.counts[row]! > 0) yield this.words[row]!
    yield* this.later.keys()
  }

  *values(): MapIterator<number> {
    for (let row = 0; row < this.words.length; row++) if (this.counts[row]! > 0) yield this.counts[row]!
    yield* this.later.values()
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries()
  }

  forEach(callback: (count: number, word: string, map: ReadonlyMap<string, number>) => void): void {
    for (const [word, count] of this.entries()) callback(count, word, this)
  }
}

// FNV-1a over the UTF-16 units.
function hashOf(word: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193)
  return hash >>> 0
}
