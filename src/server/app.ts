// createApp(engine) → the Hono app: the HTTP API over the search engine, its OpenAPI document and the page.
// It never listens by itself.

import { HTTPException } from 'hono/http-exception'
import { createRoute } from '@hono/zod-openapi'
import { SearchError } from '../errors.js'
import type { Engine } from '../search/engine.js'
import { ResultCache, type ResultCacheOptions } from './cache.js'
import { guards, type GuardOptions } from './guard.js'
import { apiRouter, json } from './openapi.js'
import { openApiDocument, referenceRoutes } from './routes-reference.js'
import { HealthResponse } from './responses.js'
import { documentRoutes } from './routes-documents.js'
import { pageRoutes } from './routes-page.js'
import { passageRoutes } from './routes-passages.js'
import { searchRoutes } from './routes-search.js'

/** What the server reports at /health besides the engine's own status. */
export interface ServerStatus {
  indexBuiltAt?: string
  indexFormat?: number
  corpusHash?: string
}

/** The engine may be swapped while serving (a rebuilt index): the app asks for it on every request. */
export type EngineSource = Engine | (() => Engine)

/** Limits (see `guards`) and the /search answer cache (see `ResultCache`). */
export interface AppOptions {
  guard?: Partial<GuardOptions>
  cache?: Partial<ResultCacheOptions>
}

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  summary: 'What runs',
  description: 'The size of the index, which semantic channels run (and why not, when one does not) and which build is served.',
  responses: { 200: json(HealthResponse, 'The server is up.') },
})

export function createApp(source: EngineSource, status: () => ServerStatus = () => ({}), options: AppOptions = {}) {
  const engine = typeof source === 'function' ? source : () => source
  const app = apiRouter()
  const cache = new ResultCache(options.cache)
  app.use('*', ...guards(options.guard))

  app.onError((error, c) => {
    if (error instanceof SearchError) return c.json({ error: { code: error.code, message: error.message } }, error.status as 400)
    if (error instanceof HTTPException) return c.json({ error: { code: 'BAD_REQUEST', message: error.message || 'Bad request.' } }, error.status)
    console.error(error)
    return c.json({ error: { code: 'INTERNAL', message: 'Internal error; the server logged it.' } }, 500)
  })
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      return c.json({ error: { code: 'METHOD_NOT_ALLOWED', message: `${c.req.method} is not allowed: the API is read-only (GET).` } }, 405)
    }
    await next()
  })
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `No such endpoint: ${c.req.method} ${clipPath(c.req.path)}.` } }, 404))

  app.openapi(healthRoute, (c) => {
    const current = engine()
    return c.json({ status: 'ok' as const, documents: current.documents.length, passages: current.passages.length, keyword: true as const, semantic: current.semanticStatus, ...status() }, 200)
  })
  app.route('/', searchRoutes(engine, cache))
  app.route('/', passageRoutes(engine))
  app.route('/', documentRoutes(engine))
  app.route('/', referenceRoutes(openApiDocument(app)))
  app.route('/', pageRoutes())
  return app
}

const clipPath = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)
