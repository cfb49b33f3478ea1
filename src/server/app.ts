// createApp(engine) → the Hono app: the HTTP API over the search engine. It never listens by itself.

import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { SearchError } from '../errors.js'
import type { Engine } from '../search/engine.js'
import { ResultCache, type ResultCacheOptions } from './cache.js'
import { guards, type GuardOptions } from './guard.js'
import { searchRequestFrom } from './params.js'
import { pageRoutes } from './routes-page.js'
import { timelineRoutes } from './routes-timeline.js'
import { variantRoutes } from './routes-variants.js'

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

export function createApp(source: EngineSource, status: () => ServerStatus = () => ({}), options: AppOptions = {}) {
  const engine = typeof source === 'function' ? source : () => source
  const app = new Hono()
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

  app.get('/health', (c) => {
    const current = engine()
    const semantic = current.semanticStatus
    return c.json({
      status: 'ok',
      documents: current.documents.length,
      passages: current.passages.length,
      keyword: true,
      semantic,
      ...status(),
    })
  })

  app.get('/search', async (c) => {
    assertUtf8Query(c.req.url)
    const { body, hit } = await cache.search(engine(), searchRequestFrom(c.req.queries()))
    return c.body(body, 200, { 'Content-Type': 'application/json', 'X-Cache': hit ? 'hit' : 'miss' })
  })

  app.get('/passages/:id', (c) => {
    const found = engine().passage(c.req.param('id'))
    if (!found) throw new SearchError('NOT_FOUND', `No passage with id \`${clipPath(c.req.param('id'))}\`.`)
    const { passage, citation, previous, next } = found
    return c.json({ ...passage, citation, previous, next })
  })

  app.get('/documents', (c) => {
    const current = engine()
    const counts = new Map<string, number>()
    for (const passage of current.passages) counts.set(passage.docId, (counts.get(passage.docId) ?? 0) + 1)
    return c.json({ documents: current.documents.map((d) => ({ ...d, passages: counts.get(d.id) ?? 0 })) })
  })

  app.get('/documents/:id', (c) => {
    const current = engine()
    const document = current.document(c.req.param('id'))
    if (!document) throw new SearchError('NOT_FOUND', `No document with id \`${clipPath(c.req.param('id'))}\`.`)
    const passages = current.passages.filter((p) => p.docId === document.id).map((p) => ({ id: p.id, paragraph: p.paragraph, section: p.section, kind: p.kind }))
    return c.json({ ...document, passages })
  })

  app.route('/', variantRoutes(engine))
  app.route('/', timelineRoutes(engine))
  app.route('/', pageRoutes())
  return app
}

// Hono keeps a malformed %-escape as written; a client sending bytes that are not UTF-8 should hear so.
function assertUtf8Query(url: string): void {
  const at = url.indexOf('?')
  if (at === -1) return
  try {
    decodeURIComponent(url.slice(at + 1).replace(/\+/g, ' '))
  } catch {
    throw new SearchError('BAD_QUERY', 'The query string is not valid UTF-8 (or has a broken %-escape): encode the query as UTF-8.')
  }
}

const clipPath = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text)
