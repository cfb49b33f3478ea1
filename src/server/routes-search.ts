// GET /search and GET /timeline: ranked passages for a query, and when its matches appear over the years.

import { createRoute } from '@hono/zod-openapi'
import type { Passage } from '../types.js'
import type { Engine } from '../search/engine.js'
import { buildTimeline } from '../search/timeline.js'
import type { ResultCache } from './cache.js'
import { apiRouter, errorResponses, json } from './openapi.js'
import { SearchResponse, TimelineResponse } from './responses.js'
import { SearchQuery, TimelineQuery } from './schemas.js'
import { assertUtf8Query } from './validation.js'

const searchRoute = createRoute({
  method: 'get',
  path: '/search',
  summary: 'Search the passages',
  description:
    'A ranked page of passages, each with a citation to paste, the matches highlighted, the score of each channel, ' +
    'where else its text appears (`variants`), and facets that count every match. `fields` keeps only the parts of a hit a ' +
    'caller shows. Answers are cached (`X-Cache: hit`).',
  request: { query: SearchQuery },
  responses: { 200: json(SearchResponse, 'A page of results.'), ...errorResponses(400, 503) },
})

const timelineRoute = createRoute({
  method: 'get',
  path: '/timeline',
  summary: 'When a phrase or theme appears',
  description:
    'Every passage the keyword channel matches (for a phrase, every passage containing it), unpaged, counted per year ' +
    'and per document: the set whose size is `total` of `/search?mode=keyword`; with `mode`, that mode’s matches.',
  request: { query: TimelineQuery },
  responses: { 200: json(TimelineResponse, 'The matches by year, then document.'), ...errorResponses(400, 503) },
})

// Passages by id, built once per engine (Engine.passage also finds neighbours, which costs more).
const passagesById = new WeakMap<Engine, Map<string, Passage>>()

export function searchRoutes(engine: () => Engine, cache: ResultCache) {
  const routes = apiRouter()
  routes.use('/search', async (c, next) => (assertUtf8Query(c.req.url), next()))
  routes.use('/timeline', async (c, next) => (assertUtf8Query(c.req.url), next()))

  routes.openapi(searchRoute, async (c) => {
    const { fields, ...request } = c.req.valid('query')
    const { body, hit } = await cache.search(engine(), request, fields)
    return c.body(body, 200, { 'Content-Type': 'application/json', 'X-Cache': hit ? 'hit' : 'miss' }) as never
  })

  routes.openapi(timelineRoute, async (c) => {
    const current = engine()
    const request = c.req.valid('query')
    let byId = passagesById.get(current)
    if (!byId) passagesById.set(current, (byId = new Map(current.passages.map((p) => [p.id, p]))))
    const matched = request.mode ? await current.matches(request) : current.keywordMatches(request)
    return c.json(buildTimeline(request.q, matched, (id) => byId.get(id)!, current.documents, (p) => current.yearOf(p.id)), 200)
  })
  return routes
}
