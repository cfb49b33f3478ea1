// The corpus's own spelling, learned once at build time: each word of the corpus that OCR damaged (`enquétes`,
// `peut-étre`) mapped to the form the corpus itself uses (`enquêtes`), for showing scanned reports repaired.

import { finishHash, hashOf } from '../binary/string-table.js'
import { forEachLetterRun } from './letters.js'

/** Letters OCR reads for accented ones: `é` for `è`/`ê`, an accent dropped (`e` for `ê`), `c` for `ç`. */
const MISREAD: Record<string, string> = { é: 'èê', e: 'èêé', E: 'ÉÈÊ', a: 'àâ', A: 'ÀÂ', i: 'îï', o: 'ô', u: 'ûù', c: 'ç' }
/** A word as `SpellingRepairs` reads it: a run of letters, case and accents kept. */
export const WORD = /\p{L}+/gu
/** Shorter words are never corrected: `a`/`à`, `ou`/`où`, `la`/`là`, `du`/`dû` are French either way. */
const MIN_LENGTH = 3
/** A repaired form must occur at least this often in the corpus. */
export const MIN_COUNT = 2

/**
 * Calls `visit` with each word of `text` as `WORD` finds them (runs of `\\p{L}`), scanned by code unit: a regular
 * expression's match objects cost more than the counting itself over a corpus of 100 000 passages.
 */
export function forEachWord(text: string, visit: (word: string) => void): void {
  forEachLetterRun(text, (start, end) => visit(text.slice(start, end)))
}

/**
 * Distinct words with a tally each, in the order first met, found by a hash of their letters in the text itself: a
 * word already met makes no string (a `Map` keyed by a slice of the text cost a string and its hashing per word,
 * about 0.5 µs, most of a count over 100 000 passages).
 */
class WordTally {
  readonly words: string[] = []
  readonly tallies: number[] = []
  private hashes: Int32Array = new Int32Array(0)
  private slots = new Int32Array(1 << 12).fill(-1)

  add(text: string, start: number, end: number): void {
    let hash = 0x811c9dc5
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
    const mask = this.slots.length - 1
    const length = end - start
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]!
      if (id < 0) {
        this.insert(slot, hash, text.slice(start, end))
        return
      }
      if (this.hashes[id] !== hash) continue
      const word = this.words[id]!
      if (word.length !== length) continue
      let same = true
      for (let i = 0; i < length; i++) {
        if (word.charCodeAt(i) !== text.charCodeAt(start + i)) {
          same = false
          break
        }
      }
      if (same) {
        this.tallies[id]!++
        return
      }
    }
  }

  private insert(slot: number, hash: number, word: string): void {
    const id = this.words.length
    if (id === this.hashes.length) {
      const grown = new Int32Array(Math.max(1024, 2 * id))
      grown.set(this.hashes)
      this.hashes = grown
    }
    this.hashes[id] = hash
    this.words.push(word)
    this.tallies.push(1)
    this.slots[slot] = id
    if (2 * this.words.length > this.slots.length) {
      this.slots = new Int32Array(2 * this.slots.length).fill(-1)
      const mask = this.slots.length - 1
      for (let w = 0; w < this.words.length; w++) {
        let at = this.hashes[w]! & mask
        while (this.slots[at]! >= 0) at = (at + 1) & mask
        this.slots[at] = w
      }
    }
  }
}

const skeleton = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '')

/**
 * Whether `scanned` can be OCR's reading of `word`: the same letters, differing only where OCR misreads an accent.
 * An `e` read for a final `é` (`présente`/`présenté`, `risques`/`risqués`) is not counted: both are French.
 */
function misreadOf(scanned: string, word: string): boolean {
  if (scanned.length !== word.length || scanned === word) return false
  for (let i = 0; i < scanned.length; i++) {
    if (scanned[i] === word[i]) continue
    if (!(MISREAD[scanned[i]!] ?? '').includes(word[i]!)) return false
    if (scanned[i] === 'e' && word[i] === 'é' && /^s?$/.test(scanned.slice(i + 1))) return false
  }
  return true
}

/**
 * Every word of `texts` that is a misreading of a more frequent spelling of them, with that spelling: the corpus's
 * most frequent form it can be OCR's reading of (seen at least `minCount` times), followed to a form that is not
 * itself damaged (`régulieres` → `réguliéres` → `régulières`, a few steps at most). Words needing no repair are left
 * out, so the table is small: only words sharing their accentless skeleton with another word are looked at.
 */
export function learnRepairs(texts: Iterable<string>, minCount = MIN_COUNT): Map<string, string> {
  return repairsFromCounts(countWords(texts), minCount)
}

/**
 * Adds each word of `texts` to `counts` (or, with `sign` −1, takes it away; a word counted 0 times is dropped): what
 * `repairsFromCounts` learns from, kept by an incremental build and updated with the documents added and removed.
 */
export function countWords(texts: Iterable<string>, counts = new Map<string, number>(), sign: 1 | -1 = 1): Map<string, number> {
  if (sign === 1) return addWords(texts, counts)
  for (const text of texts) {
    forEachWord(text, (word) => {
      const count = (counts.get(word) ?? 0) + sign
      if (count > 0) counts.set(word, count)
      else counts.delete(word)
    })
  }
  return counts
}

// Counts only growing, each word is tallied where it is found (`WordTally`) and the map updated once per distinct word,
// in the order the words were first met: the map `countWords` would have built.
function addWords(texts: Iterable<string>, counts: Map<string, number>): Map<string, number> {
  const tally = new WordTally()
  for (const text of texts) forEachLetterRun(text, (start, end) => tally.add(text, start, end))
  const { words, tallies } = tally
  for (let w = 0; w < words.length; w++) counts.set(words[w]!, (counts.get(words[w]!) ?? 0) + tallies[w]!)
  return counts
}

/** `learnRepairs` from the corpus's word counts (`countWords`); the same table whatever order they are in. */
export function repairsFromCounts(counts: ReadonlyMap<string, number>, minCount = MIN_COUNT): Map<string, string> {
  const bySkeleton = new Map<string, string[]>()
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH) continue
    const key = skeleton(word)
    const list = bySkeleton.get(key)
    if (list) list.push(word)
    else bySkeleton.set(key, [word])
  }
  const repairs = new Map<string, string>()
  for (const group of bySkeleton.values()) repairGroup(group, counts, minCount, repairs)
  return repairs
}

/**
 * `repairsFromCounts(counts)` from `previous`, the table learned before some words' counts changed (`changed`: every
 * word counted differently since, those gone and those new included). A word's repair depends only on the words
 * sharing its skeleton and their counts, so only the groups of the changed words' skeletons are learned again.
 */
export function updateRepairs(previous: ReadonlyMap<string, string>, counts: ReadonlyMap<string, number>, changed: Iterable<string>, minCount = MIN_COUNT): Map<string, string> {
  const touched = new Set<string>()
  for (const word of changed) if (word.length >= MIN_LENGTH) touched.add(skeleton(word))
  const repairs = new Map<string, string>()
  for (const [word, to] of previous) if (!touched.has(skeleton(word))) repairs.set(word, to)
  if (touched.size === 0) return repairs
  // The touched groups' words, found among all the corpus's by a hash of their skeleton made without normalising.
  const hashes = new Set<number>()
  for (const key of touched) hashes.add(hashOf(key))
  const groups = new Map<string, string[]>()
  for (const word of counts.keys()) {
    if (word.length < MIN_LENGTH) continue
    const screened = skeletonHash(word)
    if (screened !== undefined && !hashes.has(screened)) continue
    const key = skeleton(word)
    if (!touched.has(key)) continue
    const list = groups.get(key)
    if (list) list.push(word)
    else groups.set(key, [word])
  }
  for (const group of groups.values()) repairGroup(group, counts, minCount, repairs)
  return repairs
}

// The repairs of one skeleton group: each word's most frequent misreading-free form, followed a few steps.
function repairGroup(group: readonly string[], counts: ReadonlyMap<string, number>, minCount: number, repairs: Map<string, string>): void {
  if (group.length < 2) return
  for (const word of group) {
    let to = word
    for (let hops = 0; hops < 4; hops++) {
      const next = group
        .filter((other) => misreadOf(to, other) && counts.get(other)! >= minCount)
        .sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : 1))[0]
      if (!next) break
      to = next
    }
    if (to !== word) repairs.set(word, to)
  }
}

// For each UTF-16 unit below U+0250, the one unit its skeleton keeps (`é` → `e`), or 0 when it keeps another number.
let bases: Uint16Array | undefined

/**
 * `hashOf(skeleton(word))` without normalising: NFD decomposes each unit on its own and only marks are reordered or
 * removed, so a word of units from the table has the skeleton its units' bases spell. Undefined for other words.
 */
function skeletonHash(word: string): number | undefined {
  bases ??= Uint16Array.from({ length: 0x250 }, (_, unit) => {
    const kept = skeleton(String.fromCharCode(unit))
    return kept.length === 1 ? kept.charCodeAt(0) : 0
  })
  let hash = 0x811c9dc5
  for (let i = 0; i < word.length; i++) {
    const unit = word.charCodeAt(i)
    const base = unit < bases.length ? bases[unit]! : 0
    if (base === 0) return undefined
    hash = Math.imul(hash ^ base, 0x01000193)
  }
  return finishHash(hash)
}
