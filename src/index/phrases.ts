// Exact phrases from positional postings: the passages where given folded words stand one after another.

import { Bitset } from './bitset.js'
import type { WordPostings } from './keyword-data.js'

/**
 * Every passage in which `wordIds` occur consecutively, in order (a word id of -1, unknown to the index, matches
 * nothing), among `within` when given (the others are not looked at). The passages holding every word are found by
 * intersecting their postings, rarest first; then the positions of the rarest word anchor each candidate occurrence
 * and the others are looked up around it.
 */
export function phrasePassages(postings: WordPostings, wordIds: readonly number[], passages: number, within: Bitset | null = null): Bitset {
  const result = new Bitset(passages)
  if (wordIds.length === 0 || wordIds.some((id) => id < 0)) return result
  const { offsets, docs } = postings
  const distinct = [...new Set(wordIds)].sort((a, b) => offsets[a + 1]! - offsets[a]! - (offsets[b + 1]! - offsets[b]!))
  const rarest = distinct[0]!
  const anchor = wordIds.indexOf(rarest)
  // Per distinct word (rarest first): where its postings are read up to, where they end, and its posting in the
  // passage at hand; per phrase word, its distinct word. Typed arrays, not maps: a phrase of common words meets most
  // passages of the corpus.
  const cursors = Int32Array.from(distinct, (id) => offsets[id]!)
  const ends = Int32Array.from(distinct, (id) => offsets[id + 1]!)
  const postingOf = new Int32Array(distinct.length)
  const slotOf = Int32Array.from(wordIds, (id) => distinct.indexOf(id))
  outer: for (let p = cursors[0]!; p < ends[0]!; p++) {
    const doc = docs[p]!
    if (within && !within.has(doc)) continue
    // The posting of each other word in this passage, or skip the passage.
    postingOf[0] = p
    for (let i = 1; i < distinct.length; i++) {
      const at = seekDoc(docs, cursors[i]!, ends[i]!, doc)
      cursors[i] = at
      if (at >= ends[i]!) break outer
      if (docs[at] !== doc) continue outer
      postingOf[i] = at
    }
    if (wordIds.length === 1 || occursAt(postings, slotOf, anchor, postingOf)) result.add(doc)
  }
  return result
}

/** Whether the phrase words (`slotOf`: each one's distinct word, whose posting here is `postingOf[slot]`) follow one another. */
function occursAt(postings: WordPostings, slotOf: Int32Array, anchor: number, postingOf: Int32Array): boolean {
  const { positionOffsets, positions } = postings
  const anchorPosting = postingOf[slotOf[anchor]!]!
  for (let a = positionOffsets[anchorPosting]!; a < positionOffsets[anchorPosting + 1]!; a++) {
    const start = positions[a]! - anchor
    if (start < 0) continue
    let all = true
    for (let i = 0; i < slotOf.length && all; i++) {
      if (i === anchor) continue
      const posting = postingOf[slotOf[i]!]!
      all = hasPosition(positions, positionOffsets[posting]!, positionOffsets[posting + 1]!, start + i)
    }
    if (all) return true
  }
  return false
}

function hasPosition(positions: Uint16Array | Uint32Array, from: number, to: number, target: number): boolean {
  let low = from
  let high = to
  while (low < high) {
    const mid = (low + high) >>> 1
    if (positions[mid]! < target) low = mid + 1
    else high = mid
  }
  return low < to && positions[low] === target
}

function seekDoc(docs: Uint32Array, from: number, to: number, target: number): number {
  let low = from
  let step = 1
  while (low + step < to && docs[low + step]! < target) {
    low += step
    step <<= 1
  }
  let high = Math.min(to, low + step + 1)
  while (low < high) {
    const mid = (low + high) >>> 1
    if (docs[mid]! < target) low = mid + 1
    else high = mid
  }
  return low
}
