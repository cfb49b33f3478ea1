// The hard constraints of a request, applied to every channel before ranking: the year, document and kind filters,
// required phrases and exclusions — each a set of passage numbers (the keyword index's numbering).

import type { DocumentMeta, PassageKind } from '../types.js'
import { Bitset } from '../index/bitset.js'
import { groupByValue, type Groups } from '../index/group-by-value.js'
import type { KeywordIndex } from '../index/keyword.js'
import type { ParsedQuery } from './query.js'

/** The filters of a request (`/search`, `/timeline`): which passages may match at all, whatever the query. */
export interface SearchFilters {
  yearFrom?: number
  yearTo?: number
  /** Document ids, file names or symbols to keep. */
  doc?: string[]
  kind?: PassageKind[]
}

/** Kinds in the order facets list them. */
export const KINDS: readonly PassageKind[] = ['recommendation', 'deliberation', 'narrative']
/** The year column's value for a document of unknown year. */
export const NO_YEAR = -1

/** What facets and filters read of each passage, by passage number: one typed array per attribute. */
export interface PassageColumns {
  year: Int32Array
  /** Index in `years`. */
  yearSlot: Uint16Array
  /** The distinct years of the documents (NO_YEAR for unknown). */
  years: number[]
  /** Index in the engine's document list. */
  document: Uint32Array
  /** Index in `KINDS`. */
  kind: Uint8Array
}

/** Each filter as a set, null when the request does not set it. */
export interface FilterSets {
  year: Bitset | null
  document: Bitset | null
  kind: Bitset | null
}

/** The intersection of the sets given, null when none is (nothing restricts). */
export function intersect(...sets: Array<Bitset | null>): Bitset | null {
  let result: Bitset | null = null
  for (const set of sets) if (set) result = result ? result.and(set) : set.clone()
  return result
}

export class Constraints {
  readonly columns: PassageColumns
  private readonly documentIndex: Map<string, number>
  /** Each column's passages by value (see `groupByValue`), made on the first filter that reads that column. */
  #members: { yearSlot?: Groups; document?: Groups; kind?: Groups } = {}

  constructor(
    /**
     * By passage number (the keyword index's order): the year the filters go by (NO_YEAR when unknown) — a
     * recommendation's adoption year (a 2012 one restated in 2015 counts in 2012), else its document's —, the index
     * of its document in `documents` and of its kind in `KINDS`.
     */
    columns: Pick<PassageColumns, 'year' | 'document' | 'kind'>,
    private readonly documents: readonly DocumentMeta[],
    private readonly keyword: KeywordIndex,
  ) {
    this.documentIndex = new Map(documents.map((d, i) => [d.id, i]))
    const years: number[] = []
    const slots = new Map<number, number>()
    const yearSlot = new Uint16Array(columns.year.length)
    columns.year.forEach((year, number) => {
      let slot = slots.get(year)
      if (slot === undefined) slots.set(year, (slot = years.push(year) - 1))
      yearSlot[number] = slot
    })
    this.columns = { ...columns, yearSlot, years }
  }

  get size(): number {
    return this.columns.kind.length
  }

  /** The request's filters, one set each (a passage of unknown year passes no year bound). */
  filterSets(filters: SearchFilters): FilterSets {
    const { yearFrom, yearTo } = filters
    const { years } = this.columns
    const year =
      yearFrom === undefined && yearTo === undefined
        ? null
        : this.withValues('yearSlot', years.length, (slot) => {
            const y = years[slot]!
            return y !== NO_YEAR && (yearFrom === undefined || y >= yearFrom) && (yearTo === undefined || y <= yearTo)
          })
    let document: Bitset | null = null
    if (filters.doc?.length) {
      const kept = new Uint8Array(this.documents.length)
      for (const ref of filters.doc) {
        const index = this.resolveDocument(ref)
        if (index !== undefined) kept[index] = 1
      }
      document = this.withValues('document', this.documents.length, (index) => kept[index] === 1)
    }
    let kind: Bitset | null = null
    if (filters.kind?.length) {
      const kept = new Uint8Array(KINDS.length)
      for (const k of filters.kind) kept[KINDS.indexOf(k)] = 1
      kind = this.withValues('kind', KINDS.length, (index) => kept[index] === 1)
    }
    return { year, document, kind }
  }

  /**
   * Passages holding every required phrase and no excluded word or phrase (`set`; null when the query has neither),
   * each phrase looked for only among the passages still kept. An exclusion of common words reads the positions of
   * most passages (tens of ms at 100 000): they are applied while time is left, and past `deadline` (checked before
   * each) the rest are left out, listed in `leftOut`.
   */
  required(query: ParsedQuery, deadline = Infinity): { set: Bitset | null; leftOut: string[] } {
    let result: Bitset | null = null
    for (const phrase of query.phrases) result = this.keyword.phrase(phrase, result)
    const leftOut: string[] = []
    if (query.excludedPhrases.length) {
      result ??= Bitset.full(this.size)
      for (const phrase of query.excludedPhrases) {
        if (performance.now() > deadline) leftOut.push(phrase)
        else result.andNot(this.keyword.phrase(phrase, result))
      }
    }
    return { set: result, leftOut }
  }

  /** Passages of one kind. */
  ofKind(kind: PassageKind): Bitset {
    const index = KINDS.indexOf(kind)
    return this.withValues('kind', KINDS.length, (value) => value === index)
  }

  /**
   * The passages whose value in a column (below `values`) is kept: listed from the column's passages by value, so a
   * filter costs what it keeps — one document's passages, not a test of each of a million passages (3–6 ms a request).
   */
  private withValues(column: 'yearSlot' | 'document' | 'kind', values: number, keep: (value: number) => boolean): Bitset {
    const { starts, numbers } = (this.#members[column] ??= groupByValue(this.columns[column], values))
    const set = new Bitset(this.size)
    for (let value = 0; value < values; value++) if (keep(value)) set.addAll(numbers, starts[value]!, starts[value + 1]!)
    return set
  }

  /** A document from its id, file name, symbol or id prefix (`001`): what `doc=` and /documents/:id accept. */
  document(ref: string): DocumentMeta | null {
    const index = this.documentIndex.get(ref)
    if (index !== undefined) return this.documents[index]!
    return this.documents.find((d) => d.file === ref || (d.symbol && d.symbol === ref) || d.id.startsWith(`${ref}_`)) ?? null
  }

  /** A document's index from a reference (see `document`); undefined when none matches. */
  private resolveDocument(ref: string): number | undefined {
    const found = this.document(ref)
    return found ? this.documentIndex.get(found.id) : undefined
  }
}
