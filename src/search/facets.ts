// Facets of a search: how the matching passages spread over years, documents and kinds, counted in one pass over
// the match set; and kind as a ranking choice.

import type { DocumentMeta, PassageKind } from '../types.js'
import type { Bitset } from '../index/bitset.js'
import { KINDS, NO_YEAR, type FilterSets, type PassageColumns } from './constraints.js'

export interface Facets {
  /** Oldest first; `null` for documents of unknown year. */
  year: Array<{ value: number | null; count: number }>
  /** In corpus order. */
  document: Array<{ value: string; file: string; symbol: string; title: string; year: number | null; count: number }>
  kind: Array<{ value: PassageKind; count: number }>
}

export type FacetName = keyof Facets

/** What counting facets reads: the passages' columns, the request's filters and its matches. */
export interface FacetInput {
  columns: PassageColumns
  documents: readonly DocumentMeta[]
  filters: FilterSets
  /**
   * Every match no filter moves, before the filters: the keyword channel's matches and those of the semantic
   * channels that pass a fixed score floor (n-grams, cross-lingual); null when there are none.
   */
  unfiltered: Bitset | null
  /** Passages the semantic channels matched under every filter (the dense channel's included). */
  semantic: Iterable<number>
  /**
   * The dense channel's passages under every filter but one facet's (asked only when that filter is set): its first
   * passages, unlike the other channels' matches, depend on the filters.
   */
  denseWithout(facet: FacetName): Promise<readonly number[]>
}

export const emptyFacets = (): Facets => ({ year: [], document: [], kind: [] })

/**
 * Counts the matches of a request per year, document and kind. A facet does not apply its own filter to the values
 * it leaves out (the usual practice of shop catalogues): with `kind=recommendation` the kind facet still says how
 * many deliberations the query would find, so a user sees what switching gives. The values a filter keeps count
 * the matches exactly (they add up to the number of matches, like the other facets); the values it leaves out
 * count the matches of the request without that filter. Every match that no filter moves (keyword matches, and the
 * semantic matches above their floor) is counted for all three facets in one pass over their set; only the dense
 * channel, which takes its best passages among those the filters allow, is asked again for a facet whose filter is
 * set. Only values with matches are listed.
 */
export async function countFacets(input: FacetInput): Promise<Facets> {
  const { columns, filters, unfiltered, documents } = input
  const years = new Uint32Array(columns.years.length)
  const docs = new Uint32Array(documents.length)
  const kinds = new Uint32Array(KINDS.length)
  const { year: fy, document: fd, kind: fk } = filters
  if (unfiltered) {
    const words = unfiltered.words
    // Only the words in use when the set knows them: a rare term's matches at a million passages fill a few hundred
    // of 31,250.
    const inUse = unfiltered.wordsInUse()
    const end = inUse === null ? words.length : inUse.length
    for (let j = 0; j < end; j++) {
      const w = inUse === null ? j : inUse[j]!
      let word = words[w]!
      while (word !== 0) {
        const low = word & -word
        const n = (w << 5) + 31 - Math.clz32(low)
        word ^= low
        const y = !fy || fy.has(n)
        const d = !fd || fd.has(n)
        const k = !fk || fk.has(n)
        if (d && k) years[columns.yearSlot[n]!]!++
        if (y && k) docs[columns.document[n]!]!++
        if (y && d) kinds[columns.kind[n]!]!++
      }
    }
  }
  for (const n of input.semantic) {
    if (unfiltered?.has(n)) continue // passes every filter, so the pass above counted it in every facet
    years[columns.yearSlot[n]!]!++
    docs[columns.document[n]!]!++
    kinds[columns.kind[n]!]!++
  }
  const leftOut = async (facet: FacetName, filter: Bitset | null, add: (n: number) => void) => {
    if (!filter) return
    for (const n of await input.denseWithout(facet)) if (!filter.has(n) && !unfiltered?.has(n)) add(n)
  }
  await leftOut('year', fy, (n) => years[columns.yearSlot[n]!]!++)
  await leftOut('document', fd, (n) => docs[columns.document[n]!]!++)
  await leftOut('kind', fk, (n) => kinds[columns.kind[n]!]!++)
  // Only the values with matches are made: a request no longer makes an entry for each document of the corpus.
  const year: Facets['year'] = []
  for (const slot of yearOrder(columns.years)) if (years[slot]! > 0) year.push({ value: columns.years[slot] === NO_YEAR ? null : columns.years[slot]!, count: years[slot]! })
  const document: Facets['document'] = []
  for (let i = 0; i < docs.length; i++) {
    if (docs[i]! === 0) continue
    const d = documents[i]!
    document.push({ value: d.id, file: d.file, symbol: d.symbol, title: d.title, year: d.year, count: docs[i]! })
  }
  const kind: Facets['kind'] = []
  for (let i = 0; i < KINDS.length; i++) if (kinds[i]! > 0) kind.push({ value: KINDS[i]!, count: kinds[i]! })
  return { year, document, kind }
}

/** The year slots oldest first, unknown year last: sorted once per list of years. */
const yearOrders = new WeakMap<readonly number[], number[]>()
function yearOrder(years: readonly number[]): number[] {
  let order = yearOrders.get(years)
  if (!order) {
    const at = (slot: number) => (years[slot] === NO_YEAR ? Infinity : years[slot]!)
    yearOrders.set(years, (order = years.map((_, slot) => slot).sort((a, b) => at(a) - at(b))))
  }
  return order
}

/** Moves the passages of one kind ahead of the others, each side keeping its order (a stable partition). */
export function preferKind<T extends { id: string }>(ranked: readonly T[], kind: PassageKind, kindOf: (id: string) => PassageKind): T[] {
  const preferred: T[] = []
  const others: T[] = []
  for (const hit of ranked) (kindOf(hit.id) === kind ? preferred : others).push(hit)
  return [...preferred, ...others]
}
