// A query's timeline: its matching passages counted per year and per document, with the passages behind each count.

import type { DocumentMeta, Passage } from '../types.js'
import { shortNameOf } from '../ingest/short-name.js'

export interface TimelineDocument {
  /** Document id. */
  id: string
  file: string
  symbol: string
  title: string
  /** How headings name it (see `DocumentMeta.shortName`). */
  shortName: string
  count: number
  /** Passage ids in document order. */
  passages: string[]
}

export interface Timeline {
  query: string
  total: number
  /** Oldest first, only years with matches; `year: null` (last) for documents of unknown year. */
  years: Array<{ year: number | null; count: number; documents: TimelineDocument[] }>
}

/**
 * Arranges matching passages by year, then document (in corpus order), then position in the document. A passage's
 * year is `yearOf(passage)` (the engine gives a recommendation's adoption year), else its document's: a 2015
 * compendium restating 2012 recommendations appears under 2012 for those passages.
 */
export function buildTimeline(
  query: string,
  matched: readonly string[],
  passage: (id: string) => Passage,
  documents: readonly DocumentMeta[],
  yearOf?: (passage: Passage) => number | null,
): Timeline {
  const byDocument = new Map<string, Passage[]>()
  for (const id of new Set(matched)) {
    const p = passage(id)
    const list = byDocument.get(p.docId)
    if (list) list.push(p)
    else byDocument.set(p.docId, [p])
  }
  const years = new Map<number | null, TimelineDocument[]>()
  for (const document of documents) {
    const found = byDocument.get(document.id)
    if (!found) continue
    found.sort((a, b) => a.order - b.order)
    const byYear = new Map<number | null, Passage[]>()
    for (const p of found) {
      const year = yearOf ? yearOf(p) : document.year
      const list = byYear.get(year)
      if (list) list.push(p)
      else byYear.set(year, [p])
    }
    for (const [year, inYear] of byYear) {
      const entry: TimelineDocument = {
        id: document.id,
        file: document.file,
        symbol: document.symbol,
        title: document.title,
        shortName: document.shortName || shortNameOf(document),
        count: inYear.length,
        passages: inYear.map((p) => p.id),
      }
      const list = years.get(year)
      if (list) list.push(entry)
      else years.set(year, [entry])
    }
  }
  return {
    query,
    total: [...byDocument.values()].reduce((sum, list) => sum + list.length, 0),
    years: [...years]
      .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
      .map(([year, docs]) => ({ year, count: docs.reduce((sum, d) => sum + d.count, 0), documents: docs })),
  }
}
