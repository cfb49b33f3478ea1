// Reading /search parameters: every value checked, every mistake named in the 400 message.

import { SearchError } from '../errors.js'
import type { PassageKind, SearchMode } from '../types.js'
import { MAX_K, MAX_QUERY_LENGTH, type SearchRequest } from '../search/engine.js'

const MODES: readonly SearchMode[] = ['hybrid', 'keyword', 'semantic']
const KINDS: readonly PassageKind[] = ['recommendation', 'deliberation', 'narrative']
const SINGLE = ['q', 'mode', 'k', 'offset', 'yearFrom', 'yearTo', 'prefer', 'collapse'] as const
const MIN_YEAR = 1900
const MAX_YEAR = 2999
const MAX_OFFSET = 10_000

/** Turns the query string of GET /search into a SearchRequest, or throws a SearchError saying what is wrong. */
export function searchRequestFrom(params: Record<string, string[]>): SearchRequest {
  for (const name of SINGLE) {
    if ((params[name]?.length ?? 0) > 1) throw new SearchError('BAD_PARAMETER', `The parameter \`${name}\` is given ${params[name]!.length} times; give it once.`)
  }
  const q = params.q?.[0]
  if (q === undefined || q.trim() === '') throw new SearchError('QUERY_EMPTY')
  if (q.length > MAX_QUERY_LENGTH) throw new SearchError('QUERY_TOO_LONG', `The query is ${q.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`)
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/.test(q)) throw new SearchError('BAD_QUERY', 'The query contains control characters or bytes that are not valid UTF-8.')
  const request: SearchRequest = { q }
  const mode = params.mode?.[0]
  if (mode !== undefined && mode !== '') {
    if (!MODES.includes(mode as SearchMode)) throw new SearchError('BAD_PARAMETER', `Unknown mode \`${clip(mode)}\`: use hybrid, keyword or semantic.`)
    request.mode = mode as SearchMode
  }
  request.k = integer(params.k?.[0], 'k', 1, MAX_K)
  request.offset = integer(params.offset?.[0], 'offset', 0, MAX_OFFSET)
  request.yearFrom = integer(params.yearFrom?.[0], 'yearFrom', MIN_YEAR, MAX_YEAR)
  request.yearTo = integer(params.yearTo?.[0], 'yearTo', MIN_YEAR, MAX_YEAR)
  if (request.yearFrom !== undefined && request.yearTo !== undefined && request.yearFrom > request.yearTo) {
    throw new SearchError('BAD_PARAMETER', `yearFrom (${request.yearFrom}) is after yearTo (${request.yearTo}).`)
  }
  const docs = list(params.doc)
  if (docs.length) request.doc = docs
  const kinds = list(params.kind)
  for (const kind of kinds) {
    if (!KINDS.includes(kind as PassageKind)) throw new SearchError('BAD_PARAMETER', `Unknown kind \`${clip(kind)}\`: use ${KINDS.join(', ')}.`)
  }
  if (kinds.length) request.kind = kinds as PassageKind[]
  const prefer = params.prefer?.[0]
  if (prefer !== undefined && prefer !== '') {
    if (!KINDS.includes(prefer as PassageKind)) throw new SearchError('BAD_PARAMETER', `\`prefer\` must be a kind (${KINDS.join(', ')}); got \`${clip(prefer)}\`.`)
    request.prefer = prefer as PassageKind
  }
  const collapse = params.collapse?.[0]
  if (collapse !== undefined && collapse !== '') {
    if (!/^(?:true|false|1|0)$/.test(collapse)) throw new SearchError('BAD_PARAMETER', `\`collapse\` must be true or false; got \`${clip(collapse)}\`.`)
    request.collapse = collapse === 'true' || collapse === '1'
  }
  return request
}

function integer(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined
  if (!/^\d{1,6}$/.test(value.trim())) throw new SearchError('BAD_PARAMETER', `\`${name}\` must be a whole number from ${min} to ${max}; got \`${clip(value)}\`.`)
  const n = Number(value.trim())
  if (n < min || n > max) throw new SearchError('BAD_PARAMETER', `\`${name}\` must be from ${min} to ${max}; got ${n}.`)
  return n
}

// `doc=a&doc=b` and `doc=a,b` both mean two documents.
function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean)
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text)
