// A table of distinct strings stored as typed arrays — one UTF-8 blob, end offsets and an open-addressing hash
// table — so a vocabulary of millions of words or grams loads as three views, with no Map to rebuild at start.

import { decodeStrings, encodeStrings } from './sections.js'

const EMPTY = -1

/** FNV-1a over UTF-16 code units, finished with MurmurHash3's mixer: the slot a string starts probing from. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return finishHash(hash)
}

/** MurmurHash3's 32-bit finaliser over an FNV-1a state: the last step of `hashOf` (and of hashes that must equal it). */
export function finishHash(hash: number): number {
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}

/** The empty hash slots of a table of `count` strings: a power of two at least twice the count (and at least 8). */
export function emptySlots(count: number): Int32Array {
  let size = 8
  while (size < count * 2) size *= 2
  return new Int32Array(size).fill(EMPTY)
}

/** The arrays a table is stored as (see `StringTable.fromArrays`). */
export interface StringTableArrays {
  bytes: Uint8Array
  ends: Uint32Array
  slots: Int32Array
}

export class StringTable {
  private readonly text: Buffer

  private constructor(private readonly arrays: StringTableArrays) {
    this.text = Buffer.from(arrays.bytes.buffer, arrays.bytes.byteOffset, arrays.bytes.byteLength)
  }

  /** A table of `strings`, which must be distinct; `indexOf(strings[i]) === i`. */
  static build(strings: readonly string[]): StringTable {
    const { bytes, ends } = encodeStrings(strings)
    const slots = emptySlots(strings.length)
    const size = slots.length
    strings.forEach((s, i) => {
      let slot = hashOf(s) & (size - 1)
      while (slots[slot] !== EMPTY) {
        if (strings[slots[slot]!] === s) throw new RangeError(`StringTable: "${s}" is listed twice.`)
        slot = (slot + 1) & (size - 1)
      }
      slots[slot] = i
    })
    return new StringTable({ bytes, ends, slots })
  }

  /** A table from stored arrays (views over an index file). Throws RangeError when they do not fit together. */
  static fromArrays(arrays: StringTableArrays): StringTable {
    const { bytes, ends, slots } = arrays
    const size = slots.length
    if (size === 0 || (size & (size - 1)) !== 0 || size < ends.length) throw new RangeError('StringTable: the hash table has a wrong size.')
    if (ends.length > 0 && ends[ends.length - 1] !== bytes.length) throw new RangeError('StringTable: the offsets do not match the text.')
    return new StringTable(arrays)
  }

  get size(): number {
    return this.arrays.ends.length
  }

  /** The arrays to store. */
  get stored(): StringTableArrays {
    return this.arrays
  }

  /** String number `i`. */
  get(i: number): string {
    return this.text.toString('utf8', i === 0 ? 0 : this.arrays.ends[i - 1]!, this.arrays.ends[i]!)
  }

  /** The number of `text`, or -1 when the table does not hold it. */
  indexOf(text: string): number {
    const { slots } = this.arrays
    const mask = slots.length - 1
    for (let slot = hashOf(text) & mask, probes = 0; probes < slots.length; slot = (slot + 1) & mask, probes++) {
      const i = slots[slot]!
      if (i === EMPTY) return -1
      if (i < this.size && this.get(i) === text) return i
    }
    return -1
  }

  /** Every string, in order. */
  all(): string[] {
    return decodeStrings(this.arrays.bytes, this.arrays.ends)
  }
}
