// The hard constraints of a request, applied to every channel before ranking: the year, document and kind filters,
// required phrases and exclusions.

import type { DocumentMeta, Passage, PassageKind } from '../types.js'
import type { KeywordIndex } from '../index/keyword.js'
import { analyze } from '../text/analyzer.js'
import type { ParsedQuery } from './query.js'

/** The filters of a request (`/search`, `/timeline`): which passages may match at all, whatever the query. */
export interface SearchFilters {
  yearFrom?: number
  yearTo?: number
  /** Document ids, file names or symbols to keep. */
  doc?: string[]
  kind?: PassageKind[]
}

/** What the constraints read of a passage. */
export interface ConstrainedPassage {
  passage: Passage
  document: DocumentMeta
  /** Phrase form padded with spaces, so a phrase check is one `includes`. */
  phraseForm: string
}

export class Constraints {
  private readonly documentsById: ReadonlyMap<string, DocumentMeta>

  constructor(
    private readonly byId: ReadonlyMap<string, ConstrainedPassage>,
    private readonly documents: readonly DocumentMeta[],
    private readonly keyword: KeywordIndex,
  ) {
    this.documentsById = new Map(documents.map((d) => [d.id, d]))
  }

  /** Whether a passage passes the filters, holds every required phrase and no excluded word or phrase. */
  filterFor(filters: SearchFilters, query: ParsedQuery): (id: string) => boolean {
    const docs = filters.doc?.length ? new Set(filters.doc.map((d) => this.resolveDocument(d))) : null
    const kinds = filters.kind?.length ? new Set(filters.kind) : null
    const { yearFrom, yearTo } = filters
    const required = query.phrases.length ? this.phraseMatches(query.phrases) : null
    const excluded = this.excludedIds(query)
    return (id) => {
      const entry = this.byId.get(id)
      if (!entry) return false
      const year = entry.document.year
      if (yearFrom !== undefined && (year === null || year < yearFrom)) return false
      if (yearTo !== undefined && (year === null || year > yearTo)) return false
      if (docs && !docs.has(entry.document.id)) return false
      if (kinds && !kinds.has(entry.passage.kind)) return false
      if (required && !required.has(id)) return false
      return !excluded.has(id)
    }
  }

  /** Every passage containing all the phrases, whole words in order (case, accent and apostrophe blind). */
  phraseMatches(phrases: string[]): Set<string> {
    let result: Set<string> | null = null
    for (const phrase of phrases) {
      const stems = analyze(phrase)
      const candidates = stems.length ? this.keyword.containingAll(stems) : new Set(this.byId.keys())
      const padded = ` ${phrase} `
      const matches = new Set<string>()
      for (const id of candidates) if ((result === null || result.has(id)) && this.byId.get(id)?.phraseForm.includes(padded)) matches.add(id)
      result = matches
    }
    return result ?? new Set()
  }

  private excludedIds(query: ParsedQuery): Set<string> {
    const excluded = new Set<string>()
    for (const term of query.excludedTerms) for (const id of this.keyword.containingAll([term])) excluded.add(id)
    for (const phrase of query.excludedPhrases) for (const id of this.phraseMatches([phrase])) excluded.add(id)
    return excluded
  }

  /** A document id from an id, a file name, a symbol or an id prefix (`001`); an id that matches nothing otherwise. */
  private resolveDocument(ref: string): string {
    const found =
      this.documentsById.get(ref) ?? this.documents.find((d) => d.file === ref || (d.symbol && d.symbol === ref) || d.id.startsWith(`${ref}_`))
    return found?.id ?? `\u0000unknown:${ref}`
  }
}
