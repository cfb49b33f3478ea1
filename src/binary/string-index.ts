// Strings → their place in a list, as one typed array probed by hash: what a `Map` of the same entries answers, for a
// fraction of its building time and with nothing for the garbage collector to walk (a table of 100 000 passage
// ids or words is built at every start).

import { hashOf } from './string-table.js'

const EMPTY = -1

export class StringIndex {
  private constructor(
    private readonly strings: readonly string[],
    private readonly slots: Int32Array,
  ) {}

  /** The index of `strings`: `get(strings[i]) === i` (for a string listed twice, its last place, as a Map has it). */
  static of(strings: readonly string[]): StringIndex {
    let size = 8
    while (size < strings.length * 2) size *= 2
    const slots = new Int32Array(size).fill(EMPTY)
    const mask = size - 1
    for (let i = 0; i < strings.length; i++) {
      const text = strings[i]!
      let slot = hashOf(text) & mask
      while (slots[slot] !== EMPTY && strings[slots[slot]!] !== text) slot = (slot + 1) & mask
      slots[slot] = i
    }
    return new StringIndex(strings, slots)
  }

  /** The place of `text` in the list, or undefined when it is not listed. */
  get(text: string): number | undefined {
    const mask = this.slots.length - 1
    for (let slot = hashOf(text) & mask; ; slot = (slot + 1) & mask) {
      const i = this.slots[slot]!
      if (i === EMPTY) return undefined
      if (this.strings[i] === text) return i
    }
  }
}
