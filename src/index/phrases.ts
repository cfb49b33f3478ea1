// Exact phrases from positional postings: the passages where given folded words stand one after another.

import { Bitset } from './bitset.js'
import type { WordPostings } from './keyword-data.js'

/**
 * Every passage in which `wordIds` occur consecutively, in order (a word id of -1, unknown to the index, matches
 * nothing). The passages holding every word are found by intersecting their postings, rarest first; then the
 * positions of the rarest word anchor each candidate occurrence and the others are looked up around it.
 */
export function phrasePassages(postings: WordPostings, wordIds: readonly number[], passages: number): Bitset {
  const result = new Bitset(passages)
  if (wordIds.length === 0 || wordIds.some((id) => id < 0)) return result
  const { offsets, docs } = postings
  const distinct = [...new Set(wordIds)].sort((a, b) => offsets[a + 1]! - offsets[a]! - (offsets[b + 1]! - offsets[b]!))
  const rarest = distinct[0]!
  const anchor = wordIds.indexOf(rarest)
  const cursors = new Map(distinct.map((id) => [id, offsets[id]!]))
  outer: for (let p = offsets[rarest]!; p < offsets[rarest + 1]!; p++) {
    const doc = docs[p]!
    // The posting of each other word in this passage, or skip the passage.
    const postingOf = new Map<number, number>([[rarest, p]])
    for (let i = 1; i < distinct.length; i++) {
      const id = distinct[i]!
      const end = offsets[id + 1]!
      const at = seekDoc(docs, cursors.get(id)!, end, doc)
      cursors.set(id, at)
      if (at >= end) break outer
      if (docs[at] !== doc) continue outer
      postingOf.set(id, at)
    }
    if (wordIds.length === 1 || occursAt(postings, wordIds, anchor, postingOf)) result.add(doc)
  }
  return result
}

function occursAt(postings: WordPostings, wordIds: readonly number[], anchor: number, postingOf: Map<number, number>): boolean {
  const { positionOffsets, positions } = postings
  const anchorPosting = postingOf.get(wordIds[anchor]!)!
  for (let a = positionOffsets[anchorPosting]!; a < positionOffsets[anchorPosting + 1]!; a++) {
    const start = positions[a]! - anchor
    if (start < 0) continue
    let all = true
    for (let i = 0; i < wordIds.length && all; i++) {
      if (i === anchor) continue
      const posting = postingOf.get(wordIds[i]!)!
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
