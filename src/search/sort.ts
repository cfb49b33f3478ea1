// The order of a result list: by relevance (the fused ranking) or by date, for following a wording across the years.

/** `relevance` keeps the ranking; `date` is oldest first, `-date` newest first. */
export const SORT_ORDERS = ['relevance', 'date', '-date'] as const
export type SortOrder = (typeof SORT_ORDERS)[number]

/** When a passage's wording dates from, as the date sort reads it. */
export interface PassageDate {
  /** The adoption year of a recommendation (restated ones included), else its document's year; null when unknown. */
  year: number | null
  /** Its document's date, `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or empty. */
  date: string
  /** Its document's position in the corpus, then its own in the document: ties in reading order. */
  documentOrder: number
  order: number
}

/**
 * The hits in the requested order. By date, the year comes first (a 2012 recommendation restated in 2015 sorts with
 * 2012), then the document's date; passages of unknown year go last either way, and within one document passages
 * stay in reading order. A stable sort: equal dates keep their relevance order.
 */
export function sortHits<T extends { id: string }>(hits: readonly T[], order: SortOrder | undefined, dateOf: (id: string) => PassageDate): T[] {
  if (!order || order === 'relevance') return [...hits]
  const direction = order === 'date' ? 1 : -1
  const dated = hits.map((hit) => ({ hit, when: dateOf(hit.id) }))
  dated.sort((a, b) => {
    if ((a.when.year === null) !== (b.when.year === null)) return a.when.year === null ? 1 : -1
    const byYear = ((a.when.year ?? 0) - (b.when.year ?? 0)) * direction
    if (byYear) return byYear
    if (a.when.date !== b.when.date) return (a.when.date < b.when.date ? -1 : 1) * direction
    if (a.when.documentOrder !== b.when.documentOrder) return (a.when.documentOrder - b.when.documentOrder) * direction
    return a.when.order - b.when.order
  })
  return dated.map((d) => d.hit)
}
