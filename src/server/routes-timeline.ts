// GET /timeline: when a phrase or theme appears — its keyword matches counted per year and per document.

import { Hono } from 'hono'
import type { Passage } from '../types.js'
import type { Engine } from '../search/engine.js'
import { buildTimeline } from '../search/timeline.js'
import { searchRequestFrom } from './params.js'

// Passages by id, built once per engine (Engine.passage also finds neighbours, which costs a scan of the corpus).
const passagesById = new WeakMap<Engine, Map<string, Passage>>()

export function timelineRoutes(engine: () => Engine): Hono {
  const routes = new Hono()
  // Takes /search's query and filters (`q`, `yearFrom`, `yearTo`, `doc`, `kind`); the match list is the keyword
  // channel's, whole (see Engine.keywordMatches), or with `mode` that mode's matches, the set /search counts.
  routes.get('/timeline', async (c) => {
    const current = engine()
    const request = searchRequestFrom(c.req.queries())
    let byId = passagesById.get(current)
    if (!byId) passagesById.set(current, (byId = new Map(current.passages.map((p) => [p.id, p]))))
    const matched = request.mode ? await current.matches(request) : current.keywordMatches(request)
    return c.json(buildTimeline(request.q, matched, (id) => byId.get(id)!, current.documents))
  })
  return routes
}
