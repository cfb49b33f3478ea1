// Variants: one text restated across documents (the 2012 recommendations in the 2015 compendium, a boilerplate
// paragraph reused from report to report), grouped by the similarity of their content words.

import type { Citation, DocumentMeta, Passage, VariantSummary } from '../types.js'
import { analyze } from '../text/analyzer.js'

/**
 * Two passages of different documents are variants when the Jaccard similarity of their content-word stem sets
 * (`analyze`: folded, OCR-repaired, stop words dropped, stemmed) is at least this. On the seeds the cross-document
 * pairs fall in two clusters: 55 restatements at 0.78–1 plus three rewordings at 0.600–0.621 (2012 ¶16 → 2015 ¶36,
 * the founding paragraph 2012 ¶1 → 2015 ¶1 and 2021 ¶1), then a gap down to 0.500 (2012 ¶59 and 2021 ¶3, two
 * different sentences about the same first meeting) and a long tail of passages that merely share the Group's
 * vocabulary. 0.55 sits in the middle of that gap (`npx tsx scripts/try-variants.ts` prints the distribution).
 */
export const VARIANT_THRESHOLD = 0.55

/** Passages with fewer content stems are never grouped: on a handful of words Jaccard says little. */
export const VARIANT_MIN_TERMS = 5

/** What grouping needs to know of a passage. */
export interface VariantSource {
  id: string
  docId: string
  text: string
}

export interface VariantPair {
  a: number
  b: number
  similarity: number
}

export interface VariantOptions {
  /** Defaults to VARIANT_THRESHOLD. */
  threshold?: number
  /** Defaults to VARIANT_MIN_TERMS. */
  minTerms?: number
}

/** MinHash bands × rows: a pair with similarity s becomes a candidate with probability 1 − (1 − s⁴)⁴⁰ —
 * 0.978 at 0.55, 0.996 at 0.6, 0.99999 at 0.78 — and a pair of unrelated passages (s ≈ 0.1) with 0.004. */
export const MINHASH_BANDS = 40
export const MINHASH_ROWS = 4

/**
 * Pairs of passages from different documents whose stem sets reach the threshold, as indexes into `passages`.
 * Candidates come from MinHash locality-sensitive hashing (Broder 1997; Indyk & Motwani 1998): each stem set gets
 * bands × rows min-hashes, and two passages sharing all the rows of one band are compared; the comparison itself is
 * the exact Jaccard similarity, so a reported pair is never a false positive. Work grows with the passages and the
 * candidates, not with the square of the corpus: 100,000 passages take seconds (`scripts/try-variants.ts scale`).
 */
export function variantPairs(passages: readonly VariantSource[], options: VariantOptions = {}): VariantPair[] {
  const { threshold = VARIANT_THRESHOLD, minTerms = VARIANT_MIN_TERMS } = options
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`variantPairs: threshold must be in (0, 1]; got ${threshold}.`)
  const termIds = new Map<string, number>()
  const termHashes: number[] = []
  const sets = passages.map((p) => {
    const ids = new Set<number>()
    for (const term of analyze(p.text)) {
      let id = termIds.get(term)
      if (id === undefined) {
        termIds.set(term, (id = termHashes.length))
        termHashes.push(fmix32(fnv1a(term)))
      }
      ids.add(id)
    }
    return Int32Array.from(ids).sort()
  })

  const hashCount = MINHASH_BANDS * MINHASH_ROWS
  // Hash k of a term is a·x + b over 32 bits with odd a: fixed constants, so the groups are the same on every run.
  const multipliers = Uint32Array.from({ length: hashCount }, (_, k) => fmix32(2 * k + 1) | 1)
  const offsets = Uint32Array.from({ length: hashCount }, (_, k) => fmix32(2 * k + 2))
  // Band keys of every passage; a band key is its rows' min-hashes hashed together.
  const bandKeys = new Uint32Array(passages.length * MINHASH_BANDS)
  const signature = new Uint32Array(hashCount)
  const eligible: number[] = []
  sets.forEach((set, i) => {
    if (set.length < minTerms) return
    eligible.push(i)
    const xs = Uint32Array.from(set, (term) => termHashes[term]!)
    for (let k = 0; k < hashCount; k++) {
      const a = multipliers[k]!
      const b = offsets[k]!
      let min = 0xffffffff
      for (let t = 0; t < xs.length; t++) {
        const h = (Math.imul(a, xs[t]!) + b) >>> 0
        if (h < min) min = h
      }
      signature[k] = min
    }
    for (let band = 0; band < MINHASH_BANDS; band++) {
      let key = band
      for (let row = 0; row < MINHASH_ROWS; row++) key = fmix32(key ^ signature[band * MINHASH_ROWS + row]!)
      bandKeys[i * MINHASH_BANDS + band] = key
    }
  })

  // Per band, sort (key, passage) packed into one float64 so that passages sharing a key are adjacent; a key cut
  // short to fit only adds candidates, which the exact check then drops.
  const indexBits = Math.max(1, Math.ceil(Math.log2(passages.length + 1)))
  const keyScale = 2 ** indexBits
  const keyShift = Math.max(0, 32 - (53 - indexBits))
  const pairs: VariantPair[] = []
  const accepted = new Set<number>()
  const packed = new Float64Array(eligible.length)
  for (let band = 0; band < MINHASH_BANDS; band++) {
    eligible.forEach((i, n) => {
      packed[n] = (bandKeys[i * MINHASH_BANDS + band]! >>> keyShift) * keyScale + i
    })
    packed.sort()
    for (let start = 0; start < packed.length; ) {
      const key = Math.floor(packed[start]! / keyScale)
      let end = start + 1
      while (end < packed.length && Math.floor(packed[end]! / keyScale) === key) end++
      for (let x = start; x < end; x++) {
        for (let y = x + 1; y < end; y++) {
          const i = packed[x]! % keyScale
          const j = packed[y]! % keyScale
          if (passages[i]!.docId === passages[j]!.docId || accepted.has(i * passages.length + j)) continue
          const similarity = jaccard(sets[i]!, sets[j]!, threshold)
          if (similarity >= threshold) {
            accepted.add(i * passages.length + j)
            pairs.push({ a: i, b: j, similarity })
          }
        }
      }
      start = end
    }
  }
  return pairs
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

// MurmurHash3's finaliser: spreads every input bit over the output.
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

// Exact Jaccard similarity of two sorted sets, or 0 when their sizes alone rule out reaching the threshold.
function jaccard(x: Int32Array, y: Int32Array, threshold: number): number {
  if (Math.min(x.length, y.length) < threshold * Math.max(x.length, y.length) - 1e-9) return 0
  const shared = overlap(x, y)
  return shared / (x.length + y.length - shared)
}

function overlap(x: Int32Array, y: Int32Array): number {
  let shared = 0
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      shared++
      i++
      j++
    } else if (x[i]! < y[j]!) i++
    else j++
  }
  return shared
}

/** One group of variants, its members oldest first. */
export interface VariantGroup {
  /** The id of its oldest member: stable while the group keeps its first wording. */
  id: string
  members: string[]
}

/**
 * The groups of variants: connected components of the similar pairs, each at least two passages, members
 * ordered by `chronology` (oldest first). Passages in no group are left out.
 */
export function groupVariants(
  passages: readonly VariantSource[],
  chronology: (a: string, b: string) => number,
  options: VariantOptions = {},
): VariantGroup[] {
  const parent = passages.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  for (const { a, b } of variantPairs(passages, options)) parent[find(a)] = find(b)
  const components = new Map<number, string[]>()
  passages.forEach((p, i) => {
    const root = find(i)
    const members = components.get(root)
    if (members) members.push(p.id)
    else components.set(root, [p.id])
  })
  return [...components.values()]
    .filter((members) => members.length > 1)
    .map((members) => {
      members.sort(chronology)
      return { id: members[0]!, members }
    })
}

/** Groups looked up by passage. */
export class VariantIndex {
  private readonly byPassage = new Map<string, VariantGroup>()

  constructor(readonly groups: readonly VariantGroup[]) {
    for (const group of groups) for (const id of group.members) this.byPassage.set(id, group)
  }

  /** The group of a passage, or null when no other document restates it. */
  groupOf(id: string): VariantGroup | null {
    return this.byPassage.get(id) ?? null
  }

  /** Keeps the best-ranked member of each group (the first one met) and drops the others. */
  collapse<T extends { id: string }>(ranked: readonly T[]): T[] {
    const shown = new Set<string>()
    return ranked.filter((hit) => {
      const group = this.byPassage.get(hit.id)
      if (!group) return true
      if (shown.has(group.id)) return false
      shown.add(group.id)
      return true
    })
  }
}

/** What orders the members of a group: the document's year and date, then the document, then the position. */
export interface Dated {
  year: number | null
  date: string
  docId: string
  order: number
}

/** Oldest first: by year (unknown last), date, document id, then position in the document. */
export function chronological(dated: (id: string) => Dated): (a: string, b: string) => number {
  return (a, b) => {
    const x = dated(a)
    const y = dated(b)
    return (x.year ?? Infinity) - (y.year ?? Infinity) || compare(x.date, y.date) || compare(x.docId, y.docId) || x.order - y.order
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The variant groups of a corpus, members oldest first: computed once at index build and stored with it. */
export function corpusVariantGroups(documents: readonly DocumentMeta[], passages: readonly Passage[]): VariantGroup[] {
  const documentsById = new Map(documents.map((d) => [d.id, d]))
  const passagesById = new Map(passages.map((p) => [p.id, p]))
  const dated = (id: string): Dated => {
    const passage = passagesById.get(id)!
    const document = documentsById.get(passage.docId)
    return { year: document?.year ?? null, date: document?.date ?? '', docId: passage.docId, order: passage.order }
  }
  return groupVariants(passages, chronological(dated))
}

/** How many other members a search hit lists; `count` still tells the group's size. */
export const VARIANTS_LISTED = 10

/** A group as one of its members shows it in search results. */
export function variantSummary(group: VariantGroup, id: string, citation: (id: string) => Citation): VariantSummary {
  return {
    group: group.id,
    count: group.members.length,
    also: group.members
      .filter((member) => member !== id)
      .slice(0, VARIANTS_LISTED)
      .map((member) => {
        const { label, year } = citation(member)
        return { id: member, label, year }
      }),
  }
}
