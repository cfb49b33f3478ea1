// Cutting words into their character grams: each distinct word once, each gram found by its characters in an
// open-addressing table (no substring made unless the gram is new), grams numbered in code-unit order at the end.

import type { NgramOptions } from './ngram.js'

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

/** Each word's gram ids in one flat list: word w's are `ids[start[w] .. start[w + 1]]`. */
export class WordGrams {
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

  /** The same cut with grams renumbered in increasing code-unit order, and each word's grams in increasing order. */
  sorted(): WordGrams {
    const order = this.grams.map((_, g) => g).sort((a, b) => (this.grams[a]! < this.grams[b]! ? -1 : 1))
    const rank = new Uint32Array(order.length)
    order.forEach((g, r) => (rank[g] = r))
    const ids = this.ids.map((g) => rank[g]!)
    // A range of grams is then a run of each word's (see `GramPairs.transpose`).
    for (let w = 0; w + 1 < this.start.length; w++) ids.subarray(this.start[w], this.start[w + 1]).sort()
    return new WordGrams(this.start, ids, order.map((g) => this.grams[g]!))
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
