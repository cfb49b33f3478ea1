// The grams of the n-gram index as `ngram.bin` stores them — a `StringTable`'s UTF-8 bytes, end offsets and hash
// slots — which the build also keeps between builds: an add merges the last build's grams with the new report's by
// their numbers and copies their bytes, and hashes the slots from the bytes, making no string of the grams it keeps.

import { emptySlots, finishHash, type StringTableArrays } from '../binary/string-table.js'

const EMPTY = -1

/**
 * The hash slots `StringTable.build` gives the strings stored as `bytes` / `ends` (distinct, in that order): each
 * hashed from its UTF-8 as `hashOf` hashes its UTF-16 code units, placed by linear probing in the same order.
 */
export function gramSlots(bytes: Uint8Array, ends: Uint32Array): Int32Array {
  const slots = emptySlots(ends.length)
  const mask = slots.length - 1
  for (let i = 0, from = 0; i < ends.length; from = ends[i++]!) {
    let slot = utf8Hash(bytes, from, ends[i]!) & mask
    while (slots[slot] !== EMPTY) slot = (slot + 1) & mask
    slots[slot] = i
  }
  return slots
}

/** `hashOf` (src/binary/string-table.ts) of the string whose UTF-8 is `bytes[from .. to]`, read as code units. */
export function utf8Hash(bytes: Uint8Array, from: number, to: number): number {
  let hash = 0x811c9dc5
  for (let i = from; i < to; ) {
    let unit = bytes[i++]!
    if (unit >= 0x80) {
      if (unit < 0xe0) unit = ((unit & 0x1f) << 6) | (bytes[i++]! & 0x3f)
      else if (unit < 0xf0) unit = ((unit & 0x0f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f)
      else {
        // Outside the BMP: two code units, a surrogate pair.
        const point = ((unit & 0x07) << 18) | ((bytes[i++]! & 0x3f) << 12) | ((bytes[i++]! & 0x3f) << 6) | (bytes[i++]! & 0x3f)
        hash = Math.imul(hash ^ (0xd800 + ((point - 0x10000) >> 10)), 0x01000193)
        unit = 0xdc00 + ((point - 0x10000) & 0x3ff)
      }
    }
    hash = Math.imul(hash ^ unit, 0x01000193)
  }
  return finishHash(hash)
}

/** Appends grams' UTF-8 (copied from another table's bytes) into a new table of at most `most` grams. */
export class GramTableWriter {
  private readonly bytes: Uint8Array
  private readonly ends: Uint32Array
  private length = 0
  private count = 0

  constructor(most: number, bytes: number) {
    this.bytes = new Uint8Array(bytes)
    this.ends = new Uint32Array(most)
  }

  /** Appends the gram `ends[i - 1] .. ends[i]` of table `bytes` / `ends`. */
  append(bytes: Uint8Array, ends: Uint32Array, i: number): void {
    const from = i === 0 ? 0 : ends[i - 1]!
    const to = ends[i]!
    let at = this.length
    for (let k = from; k < to; k++) this.bytes[at++] = bytes[k]!
    this.length = at
    this.ends[this.count++] = at
  }

  /** The table: its bytes and ends, and the slots hashed from them. */
  finish(): StringTableArrays {
    const bytes = this.bytes.subarray(0, this.length)
    const ends = this.ends.slice(0, this.count)
    return { bytes, ends, slots: gramSlots(bytes, ends) }
  }
}
