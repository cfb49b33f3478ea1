// How a request that fails its schema is answered: one SearchError with the code and message of its first problem.

import type { z } from '@hono/zod-openapi'
import { SearchError, type ErrorCode } from '../errors.js'
import type { SearchRequest } from '../search/engine.js'
import { SearchQuery, SINGLE_PARAMETERS } from './schemas.js'

const CODES = new Set<string>(['QUERY_EMPTY', 'QUERY_TOO_LONG', 'BAD_QUERY'])

/**
 * The error a client sees for a request its schema refused: a repeated parameter first, else the first issue.
 * `queries` gives the values of a query parameter as sent.
 */
export function validationError(error: z.ZodError, queries: (name: string) => string[] | undefined): SearchError {
  for (const name of SINGLE_PARAMETERS) {
    const given = queries(name)?.length ?? 0
    if (given > 1) return new SearchError('BAD_PARAMETER', `The parameter \`${name}\` is given ${given} times; give it once.`)
  }
  const issue = error.issues[0]!
  const code = (issue as { params?: { code?: string } }).params?.code
  if (code && CODES.has(code)) return new SearchError(code as ErrorCode, issue.message)
  if (issue.path[0] === 'q') return new SearchError('QUERY_EMPTY')
  return new SearchError('BAD_PARAMETER', issue.message)
}

/** A search request from query-string values (the CLI's options, for instance), checked as `/search` checks them. */
export function parseSearchRequest(params: Record<string, string[]>): SearchRequest {
  const single = Object.fromEntries(Object.entries(params).map(([name, values]) => [name, values.length === 1 ? values[0] : values]))
  const parsed = SearchQuery.safeParse(single)
  if (!parsed.success) throw validationError(parsed.error, (name) => params[name])
  return parsed.data
}

/**
 * Hono keeps a malformed %-escape as written; a client sending bytes that are not UTF-8 should hear so rather than
 * have the literal searched.
 */
export function assertUtf8Query(url: string): void {
  const at = url.indexOf('?')
  if (at === -1) return
  try {
    decodeURIComponent(url.slice(at + 1).replace(/\+/g, ' '))
  } catch {
    throw new SearchError('BAD_QUERY', 'The query string is not valid UTF-8 (or has a broken %-escape): encode the query as UTF-8.')
  }
}
