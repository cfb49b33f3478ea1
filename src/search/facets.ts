// Facets of a search: how the matching passages spread over years, documents and kinds, and kind as a ranking choice.

import type { DocumentMeta, PassageKind } from '../types.js'
import type { SearchRequest } from './engine.js'

export interface Facets {
  /** Oldest first; `null` for documents of unknown year. */
  year: Array<{ value: number | null; count: number }>
  /** In corpus order. */
  document: Array<{ value: string; file: string; symbol: string; title: string; year: number | null; count: number }>
  kind: Array<{ value: PassageKind; count: number }>
}

export type FacetName = keyof Facets

/** What a facet needs to know of a passage. */
export interface FacetSubject {
  year: number | null
  docId: string
  kind: PassageKind
}

const KIND_ORDER: readonly PassageKind[] = ['recommendation', 'deliberation', 'narrative']

/** What counting facets needs from the engine. */
export interface FacetSource {
  /** Every passage a request matches, as `search` finds them (run again without one facet's filter). */
  matches(request: SearchRequest): Promise<readonly string[]>
  /** Whether a passage passes the filters of a request (`yearFrom`, `yearTo`, `doc`, `kind`; its query ignored). */
  passes(request: SearchRequest): (id: string) => boolean
  subject(id: string): FacetSubject
  documents: readonly DocumentMeta[]
}

/** The request without the filter a facet sets: `yearFrom`/`yearTo` for year, `doc` for document, `kind` for kind. */
export function withoutFacetFilter(request: SearchRequest, facet: FacetName): SearchRequest {
  const { yearFrom, yearTo, doc, kind, ...rest } = request
  if (facet === 'year') return { ...rest, doc, kind }
  if (facet === 'document') return { ...rest, yearFrom, yearTo, kind }
  return { ...rest, yearFrom, yearTo, doc }
}

/** Only the filter a facet sets, with the query. */
function onlyFacetFilter(request: SearchRequest, facet: FacetName): SearchRequest {
  const { q, yearFrom, yearTo, doc, kind } = request
  if (facet === 'year') return { q, yearFrom, yearTo }
  if (facet === 'document') return { q, doc }
  return { q, kind }
}

function filters(request: SearchRequest, facet: FacetName): boolean {
  if (facet === 'year') return request.yearFrom !== undefined || request.yearTo !== undefined
  if (facet === 'document') return Boolean(request.doc?.length)
  return Boolean(request.kind?.length)
}

/**
 * Counts the matches of a request (`matched`, every filter applied) per year, document and kind. A facet does not
 * apply its own filter to the values it leaves out (the usual practice of shop catalogues): with
 * `kind=recommendation` the kind facet still says how many deliberations the query would find, so a user sees
 * what switching gives. So for a facet whose filter is set, the values the filter keeps are counted in `matched`
 * (they add up to the number of matches, like the other facets) and the values it leaves out are counted in the
 * matches of the request without that filter. In hybrid and semantic modes a semantic channel takes its best
 * passages among those the filters allow, so choosing a left-out value can find a few more than its count said.
 * Only values with matches are listed.
 */
export async function countFacets(request: SearchRequest, matched: readonly string[], source: FacetSource): Promise<Facets> {
  const counted = async <T>(facet: FacetName, value: (s: FacetSubject) => T): Promise<Map<T, number>> => {
    const counts = new Map<T, number>()
    const add = (id: string) => {
      const v = value(source.subject(id))
      counts.set(v, (counts.get(v) ?? 0) + 1)
    }
    matched.forEach(add)
    if (filters(request, facet)) {
      const kept = source.passes(onlyFacetFilter(request, facet))
      for (const id of await source.matches(withoutFacetFilter(request, facet))) if (!kept(id)) add(id)
    }
    return counts
  }
  const [years, docs, kinds] = await Promise.all([
    counted('year', (s) => s.year),
    counted('document', (s) => s.docId),
    counted('kind', (s) => s.kind),
  ])
  return {
    year: [...years].sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity)).map(([value, count]) => ({ value, count })),
    document: source.documents
      .filter((d) => docs.has(d.id))
      .map((d) => ({ value: d.id, file: d.file, symbol: d.symbol, title: d.title, year: d.year, count: docs.get(d.id)! })),
    kind: KIND_ORDER.filter((k) => kinds.has(k)).map((value) => ({ value, count: kinds.get(value)! })),
  }
}

/** Moves the passages of one kind ahead of the others, each side keeping its order (a stable partition). */
export function preferKind<T extends { id: string }>(ranked: readonly T[], kind: PassageKind, kindOf: (id: string) => PassageKind): T[] {
  const preferred: T[] = []
  const others: T[] = []
  for (const hit of ranked) (kindOf(hit.id) === kind ? preferred : others).push(hit)
  return [...preferred, ...others]
}
