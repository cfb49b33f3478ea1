// The pieces every API route is declared with: a router whose validation errors are our errors, and the error
// answers a route documents.

import { OpenAPIHono } from '@hono/zod-openapi'
import { ErrorBody } from './responses.js'
import { validationError } from './validation.js'

/** A router for API routes: a request its schema refuses is a 400 with `{ error: { code, message } }`. */
export function apiRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) throw validationError(result.error, (name) => c.req.queries(name))
    },
  })
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'A parameter is missing, malformed or out of range (`QUERY_EMPTY`, `QUERY_TOO_LONG`, `BAD_QUERY`, `BAD_PARAMETER`).',
  404: 'No such passage or document (`NOT_FOUND`).',
  503: 'Too many requests at once (`OVERLOADED`, with `Retry-After`) or no index yet (`INDEX_MISSING`).',
}

/** The documented error answers of a route, by status. */
export function errorResponses(...statuses: Array<400 | 404 | 503>) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status]!, content: { 'application/json': { schema: ErrorBody } } }]),
  )
}

/** A JSON answer for the OpenAPI document. */
export const json = <T>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } })
