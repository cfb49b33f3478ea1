// The page's state lives in its address: every search, filter, order, page and open passage can be bookmarked.

export const PAGE_SIZES = [10, 20, 50, 100]
const DEFAULT_PAGE_SIZE = 20
const KIND_VALUES = ['recommendation', 'deliberation', 'narrative']
const SORTS = ['relevance', 'date', '-date']

/** A query with a phrase in quotes: its every occurrence matters, so variants are not grouped unless asked. */
export const isPhraseQuery = (q) => /["«“„]/.test(q)

export function readState(search) {
  const params = new URLSearchParams(search)
  const year = (name) => (/^\d{4}$/.test(params.get(name) || '') ? Number(params.get(name)) : null)
  const k = Number(params.get('k'))
  const collapse = params.get('collapse')
  return {
    view: params.has('read') ? 'read' : params.get('view') === 'documents' ? 'documents' : 'search',
    read: params.get('read') || '',
    q: params.get('q') || '',
    mode: ['hybrid', 'keyword', 'semantic'].includes(params.get('mode')) ? params.get('mode') : 'hybrid',
    sort: SORTS.includes(params.get('sort')) ? params.get('sort') : 'relevance',
    k: PAGE_SIZES.includes(k) ? k : DEFAULT_PAGE_SIZE,
    yearFrom: year('yearFrom'),
    yearTo: year('yearTo'),
    doc: params.getAll('doc').filter(Boolean),
    kind: params.getAll('kind').filter((value) => KIND_VALUES.includes(value)),
    prefer: params.get('prefer') === 'recommendation',
    collapse: collapse === '1' ? true : collapse === '0' ? false : null,
    offset: Math.max(0, Number(params.get('offset')) || 0),
    p: params.get('p') || '',
  }
}

/** Whether variants are grouped: as asked, else not for a phrase query and yes otherwise. */
export const grouped = (s) => (s.collapse === null ? !isPhraseQuery(s.q) : s.collapse)

export const hasFilters = (s) => s.yearFrom !== null || s.yearTo !== null || s.doc.length > 0 || s.kind.length > 0 || s.prefer

export function pageAddress(s) {
  const params = new URLSearchParams()
  if (s.view === 'documents') params.set('view', 'documents')
  if (s.view === 'read' && s.read) params.set('read', s.read)
  if (s.q) params.set('q', s.q)
  if (s.mode !== 'hybrid') params.set('mode', s.mode)
  if (s.sort !== 'relevance') params.set('sort', s.sort)
  if (s.k !== DEFAULT_PAGE_SIZE) params.set('k', String(s.k))
  if (s.yearFrom !== null) params.set('yearFrom', String(s.yearFrom))
  if (s.yearTo !== null) params.set('yearTo', String(s.yearTo))
  for (const d of s.doc) params.append('doc', d)
  for (const k of s.kind) params.append('kind', k)
  if (s.prefer) params.set('prefer', 'recommendation')
  if (s.collapse !== null) params.set('collapse', s.collapse ? '1' : '0')
  if (s.offset) params.set('offset', String(s.offset))
  if (s.p) params.set('p', s.p)
  const query = params.toString()
  return query ? `/?${query}` : '/'
}

/** The address of a passage alone (its permalink). */
export const passageAddress = (id) => `/?p=${encodeURIComponent(id)}`
/** The reading view of a document, at a paragraph when given (`#p36`). */
export const readingAddress = (docId, passageId) => `/?read=${encodeURIComponent(docId)}${passageId ? `#${anchorOf(passageId)}` : ''}`
/** `001_….p36` → `p36`: a paragraph's anchor in the reading view. */
export const anchorOf = (passageId) => passageId.slice(passageId.lastIndexOf('.') + 1)

/**
 * The parts of a hit the page shows (the full text, the repaired text, where else it appears) besides those always
 * sent: not the channels' scores nor the fusion's explanation, a third of a hybrid answer.
 */
const SHOWN_FIELDS = 'text,variants,repaired'

/** The /search request of a state (or `k`/`offset` given, for the export). */
export function apiSearchAddress(s, { k = s.k, offset = s.offset, collapse = grouped(s) } = {}) {
  const params = new URLSearchParams({ q: s.q, mode: s.mode, k: String(k), offset: String(offset), fields: SHOWN_FIELDS })
  if (s.sort !== 'relevance') params.set('sort', s.sort)
  if (s.yearFrom !== null) params.set('yearFrom', String(s.yearFrom))
  if (s.yearTo !== null) params.set('yearTo', String(s.yearTo))
  for (const d of s.doc) params.append('doc', d)
  for (const kind of s.kind) params.append('kind', kind)
  if (s.prefer) params.set('prefer', 'recommendation')
  if (collapse) params.set('collapse', 'true')
  return `/search?${params}`
}
