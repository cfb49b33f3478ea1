// Variants: one text restated across documents (the 2012 recommendations in the 2015 compendium, a boilerplate
// paragraph reused from report to report), grouped by the similarity of their content words. Used by the index
// build (groups are stored with the index) and by the engine (when handed passages without stored groups).

import type { DocumentMeta, Passage } from '../types.js'
import { analyze } from '../text/analyzer.js'
import { finishHash, hashOf } from '../binary/string-table.js'

/**
 * Two passages of different documents are variants when the Jaccard similarity of their content-word stem sets
 * (`analyze`: folded, OCR-repaired, stop words dropped, stemmed) is at least this. On the seeds the cross-document
 * pairs fall in two clusters: 55 restatements at 0.78–1 plus three rewordings at 0.600–0.621 (2012 ¶16 → 2015 ¶36,
 * the founding paragraph 2012 ¶1 → 2015 ¶1 and 2021 ¶1), then a gap down to 0.500 (2012 ¶59 and 2021 ¶3, two
 * different sentences about the same first meeting) and a long tail of passages that merely share the Group's
 * vocabulary. 0.55 sits in the middle of that gap (`npm run figures:variants` prints the distribution).
 */
export const VARIANT_THRESHOLD = 0.55

/** Passages with fewer content stems are never grouped: on a handful of words Jaccard says little. */
export const VARIANT_MIN_TERMS = 5

/** MinHash bands × rows: a pair with similarity s becomes a candidate with probability 1 − (1 − s⁴)⁴⁰ —
 * 0.978 at 0.55, 0.996 at 0.6, 0.99999 at 0.78 — and a pair of unrelated passages (s ≈ 0.1) with 0.004. */
export const MINHASH_BANDS = 40
export const MINHASH_ROWS = 4

/**
 * A band's bucket of at most this many passages plus one is checked pair by pair; in a larger one (thousands of
 * passages built on one stock sentence) each passage is checked against at most this many others, one per
 * component met so far, so the bucket costs its size × this, not its square. A pair that one band's order misses
 * is met in another band: a pair at 0.55 shares 3.7 of the 40 bands on average, a pair at 0.8 sixteen.
 */
export const BUCKET_WINDOW = 64

/** What grouping needs to know of a passage. */
export interface VariantSource {
  id: string
  docId: string
  text: string
}

export interface VariantOptions {
  /** (0, 1]. Defaults to VARIANT_THRESHOLD. */
  threshold?: number
  /** Defaults to VARIANT_MIN_TERMS. */
  minTerms?: number
}

/**
 * Passages as sets of content stems, in flat arrays: passage i's stems are `terms.subarray(offsets[i],
 * offsets[i + 1])`, distinct term ids in increasing order. `termHashes[t]` is a 32-bit hash of term t's text, so
 * the min-hashes of a passage do not depend on which other passages were numbered with it.
 */
export interface StemSets {
  /** One number per passage, equal for passages of the same document. */
  documents: Int32Array
  offsets: Uint32Array
  terms: Int32Array
  termHashes: Uint32Array
}

/** One group of variants, its members oldest first. */
export interface VariantGroup {
  /** The id of its oldest member: stable while the group keeps its first wording. */
  id: string
  members: string[]
  /** Its members' passage numbers in the corpus it was found in, when known (what the index file stores). */
  positions?: number[]
}

/** The content-stem sets of passages, analysed with the keyword index's analysis. */
export function stemSets(passages: readonly VariantSource[]): StemSets {
  const termIds = new Map<string, number>()
  const documentIds = new Map<string, number>()
  const hashes: number[] = []
  const documents = new Int32Array(passages.length)
  const offsets = new Uint32Array(passages.length + 1)
  const terms: number[] = []
  passages.forEach((passage, i) => {
    let document = documentIds.get(passage.docId)
    if (document === undefined) documentIds.set(passage.docId, (document = documentIds.size))
    documents[i] = document
    const ids = new Set<number>()
    for (const term of analyze(passage.text)) {
      let id = termIds.get(term)
      if (id === undefined) {
        termIds.set(term, (id = hashes.length))
        hashes.push(termHash(term))
      }
      ids.add(id)
    }
    for (const id of Int32Array.from(ids).sort()) terms.push(id)
    offsets[i + 1] = terms.length
  })
  return { documents, offsets, terms: Int32Array.from(terms), termHashes: Uint32Array.from(hashes) }
}

/** The 32-bit hash of a stem that its min-hashes are computed from. */
export function termHash(term: string): number {
  return hashOf(term)
}

// Hash k of a term is a·x + b over 32 bits with odd a: fixed constants, so the groups are the same on every run.
// Int32 throughout: V8 keeps the inner loop in integer registers (1.7× faster than the same over uint32).
const MULTIPLIERS = Int32Array.from({ length: MINHASH_BANDS * MINHASH_ROWS }, (_, k) => finishHash(2 * k + 1) | 1)
const ADDENDS = Int32Array.from({ length: MINHASH_BANDS * MINHASH_ROWS }, (_, k) => finishHash(2 * k + 2))

/**
 * Each passage's MinHash band keys: `keys[i * MINHASH_BANDS + band]` hashes the band's rows of min-hashes of
 * passage i's stems. A passage's keys depend only on its own stems, so a build can keep them with the passage.
 */
export function bandKeys(sets: StemSets): Uint32Array {
  const { offsets, terms, termHashes } = sets
  const count = offsets.length - 1
  const keys = new Uint32Array(count * MINHASH_BANDS)
  const hashes = Int32Array.from(terms, (term) => termHashes[term]!)
  for (let i = 0; i < count; i++) {
    const start = offsets[i]!
    const end = offsets[i + 1]!
    for (let band = 0; band < MINHASH_BANDS; band++) {
      let key = band
      for (let row = 0; row < MINHASH_ROWS; row++) {
        const a = MULTIPLIERS[band * MINHASH_ROWS + row]!
        const b = ADDENDS[band * MINHASH_ROWS + row]!
        // The unsigned minimum, compared as signed numbers with the top bit flipped.
        let min = 0x7fffffff
        for (let t = start; t < end; t++) {
          const h = ((Math.imul(a, hashes[t]!) + b) | 0) ^ -0x80000000
          if (h < min) min = h
        }
        key = finishHash(key ^ (min ^ -0x80000000))
      }
      keys[i * MINHASH_BANDS + band] = key
    }
  }
  return keys
}

/**
 * The passages' variant components: `root[i] === root[j]` when passages i and j are connected by a chain of
 * pairs from different documents whose stem sets reach the threshold; a passage in no such pair is its own root.
 * Candidates come from MinHash locality-sensitive hashing (Broder 1997; Indyk & Motwani 1998): passages sharing
 * the key of one band (`bandKeys`) are candidates; each candidate pair is checked with the exact Jaccard
 * similarity, so no pair under the threshold ever joins two passages. A pair whose passages are already connected
 * is not checked again (union–find), and large buckets are checked against one recent member of each component
 * (`BUCKET_WINDOW`), so the work grows with the passages, not with the square of a bucket.
 *
 * `settled` (after a change of corpus) gives each passage whose component is unchanged a label of that component
 * (−1 for the others: new passages, members of components that lost one): settled components are taken as they are,
 * and only buckets holding a passage that is not settled are checked.
 */
export function variantComponents(sets: StemSets, keys: Uint32Array = bandKeys(sets), options: VariantOptions = {}, settled?: Int32Array): Int32Array {
  const { threshold = VARIANT_THRESHOLD, minTerms = VARIANT_MIN_TERMS } = options
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`variantComponents: threshold must be in (0, 1]; got ${threshold}.`)
  const { documents, offsets, terms } = sets
  const count = documents.length
  if (keys.length !== count * MINHASH_BANDS) throw new RangeError(`variantComponents: ${keys.length} band keys for ${count} passages.`)
  const parent = Int32Array.from({ length: count }, (_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!
    return i
  }
  const join = (i: number, j: number): void => {
    if (documents[i] === documents[j] || (settled && settled[i]! >= 0 && settled[j]! >= 0)) return
    const a = find(i)
    const b = find(j)
    if (a !== b && reaches(terms, offsets, i, j, threshold)) parent[a] = b
  }
  // A large bucket (thousands of passages built on one stock sentence) is visited in an order shuffled by a hash of
  // passage and band, so each band meets it differently. Each passage is checked against one recent member of each
  // component met so far in the bucket (at most BUCKET_WINDOW of them), not against every member: passages already
  // connected cost nothing, and a bucket of unrelated passages costs its size × the window, not its square.
  const joinLargeBucket = (members: number[], band: number): void => {
    const salt = finishHash(band + 1)
    members.sort((x, y) => finishHash(x ^ salt) - finishHash(y ^ salt) || x - y)
    let recent: number[] = []
    for (const x of members) {
      for (let r = 0; r < recent.length; r++) join(recent[r]!, x)
      const kept = [x]
      const keptRoots = [find(x)]
      for (const y of recent) {
        if (kept.length >= BUCKET_WINDOW) break
        const root = find(y)
        if (!keptRoots.includes(root)) {
          kept.push(y)
          keptRoots.push(root)
        }
      }
      recent = kept
    }
  }

  // Settled passages keep the components they had: joined up front, and never compared with each other again.
  if (settled) {
    const first = new Map<number, number>()
    for (let i = 0; i < count; i++) {
      if (settled[i]! < 0) continue
      const representative = first.get(settled[i]!)
      if (representative === undefined) first.set(settled[i]!, i)
      else parent[find(i)] = find(representative)
    }
  }
  const eligible: number[] = []
  for (let i = 0; i < count; i++) if (offsets[i + 1]! - offsets[i]! >= minTerms) eligible.push(i)
  const free = settled ? eligible.filter((i) => settled[i]! < 0) : eligible
  // Per band, (key, passage) packed into one float64 and sorted, so that passages sharing a key are adjacent; a key
  // cut short to fit only adds candidates, which the exact check then drops. When few passages are free, only the
  // passages sharing a key with one of them are sorted.
  const indexBits = Math.max(1, Math.ceil(Math.log2(count + 1)))
  const keyScale = 2 ** indexBits
  const keyShift = Math.max(0, 32 - (53 - indexBits))
  const few = free.length * 8 < eligible.length
  for (let band = 0; band < MINHASH_BANDS; band++) {
    const keyOf = (i: number) => keys[i * MINHASH_BANDS + band]!
    let candidates = eligible
    if (few) {
      const wanted = new Set(free.map(keyOf))
      candidates = eligible.filter((i) => wanted.has(keyOf(i)))
    }
    const packed = Float64Array.from(candidates, (i) => (keyOf(i) >>> keyShift) * keyScale + i).sort()
    for (let start = 0; start < packed.length; ) {
      const key = Math.floor(packed[start]! / keyScale)
      let end = start + 1
      while (end < packed.length && Math.floor(packed[end]! / keyScale) === key) end++
      if (end - start > 1) {
        const members = Array.from(packed.subarray(start, end), (value) => value % keyScale)
        if (!settled || members.some((i) => settled[i]! < 0)) {
          if (members.length <= BUCKET_WINDOW + 1) {
            for (let x = 1; x < members.length; x++) for (let y = 0; y < x; y++) join(members[y]!, members[x]!)
          } else joinLargeBucket(members, band)
        }
      }
      start = end
    }
  }
  const roots = new Int32Array(count)
  for (let i = 0; i < count; i++) roots[i] = find(i)
  return roots
}

/**
 * The groups of variants: connected components of the similar pairs (`variantComponents`), each at least two
 * passages, members ordered by `chronology` (oldest first). Passages in no group are left out.
 */
export function groupVariants(
  passages: readonly VariantSource[],
  chronology: (a: string, b: string) => number,
  options: VariantOptions = {},
): VariantGroup[] {
  const sets = stemSets(passages)
  return componentGroups(passages.map((p) => p.id), variantComponents(sets, bandKeys(sets), options), chronology)
}

/** The components of `roots` (one per passage of `ids`) with two members or more, as groups ordered by `chronology`. */
export function componentGroups(ids: readonly string[], roots: Int32Array, chronology: (a: string, b: string) => number): VariantGroup[] {
  return componentMembers(roots).map((numbers) => {
    const members = numbers.map((i) => ids[i]!).sort(chronology)
    return { id: members[0]!, members }
  })
}

/** The members of each component of `roots` with two members or more, in passage order, components by their first. */
function componentMembers(roots: Int32Array): number[][] {
  const sizes = new Int32Array(roots.length)
  for (let i = 0; i < roots.length; i++) sizes[roots[i]!]!++
  const components = new Map<number, number[]>()
  for (let i = 0; i < roots.length; i++) {
    if (sizes[roots[i]!]! < 2) continue
    const members = components.get(roots[i]!)
    if (members) members.push(i)
    else components.set(roots[i]!, [i])
  }
  return [...components.values()]
}

/** What orders the members of a group: the document's year and date, then the document, then the position. */
export interface Dated {
  year: number | null
  date: string
  docId: string
  order: number
}

/** Oldest first: by year (unknown last), date, document id, then position in the document. */
export function chronological<K>(dated: (member: K) => Dated): (a: K, b: K) => number {
  return (a, b) => {
    const x = dated(a)
    const y = dated(b)
    return (x.year ?? Infinity) - (y.year ?? Infinity) || compare(x.date, y.date) || compare(x.docId, y.docId) || x.order - y.order
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The variant groups of a corpus, members oldest first, each with its members' passage numbers: computed once at
 * index build and stored with it. `roots` are the passages' `variantComponents`, when the build already has them;
 * they are computed here otherwise.
 */
export function corpusVariantGroups(documents: readonly DocumentMeta[], passages: readonly Passage[], roots?: Int32Array): VariantGroup[] {
  const documentsById = new Map(documents.map((d) => [d.id, d]))
  const dated = (i: number): Dated => {
    const passage = passages[i]!
    const document = documentsById.get(passage.docId)
    return { year: document?.year ?? null, date: document?.date ?? '', docId: passage.docId, order: passage.order }
  }
  if (!roots) {
    const sets = stemSets(passages)
    roots = variantComponents(sets, bandKeys(sets))
  }
  const oldestFirst = chronological(dated)
  return componentMembers(roots).map((numbers) => {
    numbers.sort(oldestFirst)
    const members = numbers.map((i) => passages[i]!.id)
    return { id: members[0]!, members, positions: numbers }
  })
}

/**
 * Whether the exact Jaccard similarity of passages i and j reaches the threshold. The merge of their sorted stems
 * stops as soon as the stems left cannot bring the shared count up to what the threshold needs.
 */
function reaches(terms: Int32Array, offsets: Uint32Array, i: number, j: number, threshold: number): boolean {
  const xEnd = offsets[i + 1]!
  const yEnd = offsets[j + 1]!
  let x = offsets[i]!
  let y = offsets[j]!
  const sizes = xEnd - x + (yEnd - y)
  // shared / (sizes − shared) ≥ t  ⟺  shared ≥ t · sizes / (1 + t)
  const needed = (threshold * sizes) / (1 + threshold) - 1e-9
  if (Math.min(xEnd - x, yEnd - y) < needed) return false
  let shared = 0
  while (x < xEnd && y < yEnd) {
    if (terms[x] === terms[y]) {
      shared++
      x++
      y++
    } else {
      if (terms[x]! < terms[y]!) x++
      else y++
      if (shared + Math.min(xEnd - x, yEnd - y) < needed) return false
    }
  }
  return shared / (sizes - shared) >= threshold
}
