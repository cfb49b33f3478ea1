// Query words a passage holds only in another form: a word of the same family (protéger → protection, trafiquant →
// trafic: stems sharing their first letters) or a synonym from the French thesaurus (data/thesaurus-fr.tsv.gz,
// LibreOffice's, LGPL). Read as features of the learned fusion, never as query expansion: such a passage is not a
// match, it only ranks higher among the candidates (expanding the query with the thesaurus lost on PIAF: 0.775).

import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import type { KeywordIndex } from '../index/keyword.js'
import { seek } from '../index/seek.js'

export const THESAURUS_FILE_NAME = 'thesaurus-fr.tsv.gz'
export const defaultThesaurusFile = fileURLToPath(new URL(`../../data/${THESAURUS_FILE_NAME}`, import.meta.url))

// Stems sharing five letters are one family (protect/proteg, trafic/trafiqu); four suffice when either stem has at
// most five (migr/migrat): shorter stems share four letters by chance.
const FAMILY_LETTERS = 5
const SHORT_LETTERS = 4
// A common beginning (`inter…`) has hundreds of terms at scale: the closest ones (longest shared beginning) are kept.
const MAX_RELATIVES = 32

/** Stem → the stems of its synonyms. */
export interface Thesaurus {
  get(stem: string): readonly string[] | undefined
}

let thesaurus: Thesaurus | undefined

/** The shipped thesaurus, read on first use; throws, saying which file, when it cannot be read. */
export function loadThesaurus(file = defaultThesaurusFile): Thesaurus {
  if (file === defaultThesaurusFile && thesaurus) return thesaurus
  let text: string
  try {
    text = gunzipSync(readFileSync(file)).toString('utf8')
  } catch (error) {
    throw new Error(`the thesaurus ${file} cannot be read (${(error as Error).message}): reinstall the project or run scripts/build-thesaurus.ts`, { cause: error })
  }
  // Each line's synonyms are split when a query asks for its stem: splitting all 360,000 at once costs 0.15 s.
  const lines = new Map<string, string>()
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    const tab = text.indexOf('\t', start)
    if (text[start] !== '#' && tab > start && tab < end) lines.set(text.slice(start, tab), text.slice(tab + 1, end))
    start = end + 1
  }
  const read: Thesaurus = { get: (stem) => lines.get(stem)?.split(' ') }
  if (file === defaultThesaurusFile) thesaurus = read
  return read
}

/** The index terms of `stem`'s family (itself left out), closest first, at most `MAX_RELATIVES`. */
export function familyTerms(index: KeywordIndex, stem: string): number[] {
  if (stem.length < SHORT_LETTERS) return []
  const found: Array<[shared: number, id: number]> = []
  for (const [term, id] of index.termsWithPrefix(stem.slice(0, SHORT_LETTERS))) {
    if (term === stem || term.length < SHORT_LETTERS) continue
    const shared = sharedLetters(stem, term)
    if (shared >= FAMILY_LETTERS || Math.min(stem.length, term.length) <= FAMILY_LETTERS) found.push([shared, id])
  }
  return found
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, MAX_RELATIVES)
    .map(([, id]) => id)
}

/** The index terms among `stem`'s synonyms. */
export function synonymTerms(index: KeywordIndex, stem: string, known: Thesaurus): number[] {
  const ids: number[] = []
  for (const synonym of known.get(stem) ?? []) {
    const id = index.termId(synonym)
    if (id >= 0) ids.push(id)
  }
  return ids
}

/** One query term: its stem's IDF, and the index terms that stand for it in another form. */
interface RelatedTerm {
  idf: number
  family: readonly number[]
  synonyms: readonly number[]
}

/** The sources a passage matches, by source number (a `Set` of them will do). */
export interface SourceSet {
  has(source: number): boolean
}

// Each stem's relatives per index and thesaurus, found once: an index never changes (a new build is a new index), and
// looking them up (the vocabulary walked for the family, the thesaurus line split) was a tenth of the feature rows.
const relativesByIndex = new WeakMap<KeywordIndex, WeakMap<Thesaurus, Map<string, Omit<RelatedTerm, 'idf'>>>>()
// The stems remembered per index, the oldest forgotten past it.
const REMEMBERED_STEMS = 4096

function relativesOf(index: KeywordIndex, stem: string, known: Thesaurus): Omit<RelatedTerm, 'idf'> {
  let byThesaurus = relativesByIndex.get(index)
  if (!byThesaurus) relativesByIndex.set(index, (byThesaurus = new WeakMap()))
  let byStem = byThesaurus.get(known)
  if (!byStem) byThesaurus.set(known, (byStem = new Map()))
  let relatives = byStem.get(stem)
  if (!relatives) {
    if (byStem.size >= REMEMBERED_STEMS) byStem.delete(byStem.keys().next().value!)
    byStem.set(stem, (relatives = { family: familyTerms(index, stem), synonyms: synonymTerms(index, stem, known) }))
  }
  return relatives
}

/**
 * For one query, reads how much of it a passage holds only through relatives: the IDF-weighted share of the query's
 * terms the passage lacks but holds a family word of, and the same through a synonym.
 */
export class TermRelations {
  private readonly terms: RelatedTerm[]
  private readonly total: number
  /** The passages `prepare` was given, each to its place in that list. */
  private prepared = new Map<number, number>()
  /** Per prepared passage (its place) and term: bit 1 when it holds a family word, bit 2 a synonym. */
  private holders = new Uint8Array(0)

  constructor(
    private readonly index: KeywordIndex,
    /** The query's distinct terms, by source number: their stem and IDF. */
    sources: ReadonlyArray<{ stem: string; idf: number }>,
    known: Thesaurus = loadThesaurus(),
  ) {
    this.terms = sources.map(({ stem, idf }) => ({ idf, ...relativesOf(index, stem, known) }))
    this.total = this.terms.reduce((sum, term) => sum + term.idf, 0)
  }

  /**
   * Finds at once which of the passages `docs` hold each term's relatives: the candidates, sorted, and each relative's
   * postings (sorted too) are walked together, each side leaping ahead by galloping search to the other's next
   * passage. `shares` then looks them up (at 100,000 passages, asking `holds` for every relative of every passage
   * cost 7 ms of a hybrid query's CPU; walking a common relative's postings, 1 ms).
   */
  prepare(docs: readonly number[]): void {
    const places = new Map<number, number>()
    docs.forEach((doc, i) => places.set(doc, i))
    this.prepared = places
    this.holders = new Uint8Array(docs.length * this.terms.length)
    const sorted = Uint32Array.from(places.keys()).sort()
    const placeOf = sorted.map((doc) => places.get(doc)!)
    this.terms.forEach((term, t) => {
      this.mark(term.family, t, FAMILY, sorted, placeOf)
      this.mark(term.synonyms, t, SYNONYM, sorted, placeOf)
    })
  }

  /** `[family, synonyms]` shares of passage `doc`, 0–1; `matched` holds the source numbers it already matches. */
  shares(doc: number, matched: SourceSet): [family: number, synonyms: number] {
    if (this.total <= 0) return [0, 0]
    let family = 0
    let synonyms = 0
    const place = this.prepared.get(doc)
    const terms = this.terms
    for (let source = 0; source < terms.length; source++) {
      if (matched.has(source)) continue
      const term = terms[source]!
      const held = place === undefined ? this.held(term, doc) : this.holders[place * terms.length + source]!
      if (held & FAMILY) family += term.idf
      if (held & SYNONYM) synonyms += term.idf
    }
    return [family / this.total, synonyms / this.total]
  }

  /** What `prepare` would have found for a passage it was not given. */
  private held(term: RelatedTerm, doc: number): number {
    const holds = (ids: readonly number[]) => ids.some((id) => this.index.holds(id, doc))
    return (holds(term.family) ? FAMILY : 0) | (holds(term.synonyms) ? SYNONYM : 0)
  }

  /**
   * Sets `bit` of term `t` for the passages among `sorted` (ascending, distinct; `placeOf[i]` is `sorted[i]`'s place)
   * that hold any of the index terms `ids`, in any field.
   */
  private mark(ids: readonly number[], t: number, bit: number, sorted: Uint32Array, placeOf: Uint32Array): void {
    const { holders } = this
    const stride = this.terms.length
    const fields = this.index.data.fields
    for (const id of ids) {
      for (const field of fields) {
        const postings = field.docs
        const end = field.offsets[id + 1]!
        let p = field.offsets[id]!
        let c = 0
        while (p < end && c < sorted.length) {
          const held = postings[p]!
          const candidate = sorted[c]!
          if (held === candidate) {
            holders[placeOf[c]! * stride + t]! |= bit
            p++
            c++
          } else if (held < candidate) p = seek(postings, p + 1, end, candidate)
          else c = seek(sorted, c + 1, sorted.length, held)
        }
      }
    }
  }
}

// What a prepared passage holds of a term, as bits.
const FAMILY = 1
const SYNONYM = 2

function sharedLetters(a: string, b: string): number {
  let n = 0
  while (n < a.length && n < b.length && a[n] === b[n]) n++
  return n
}
