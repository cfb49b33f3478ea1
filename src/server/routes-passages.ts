// GET /passages/:id, its variants (the same text in other documents, diffed) and passages like it.

import { createRoute } from '@hono/zod-openapi'
import { SearchError } from '../errors.js'
import type { Engine } from '../search/engine.js'
import { wordDiff } from '../search/diff.js'
import { apiRouter, errorResponses, json } from './openapi.js'
import { PassageResponse, SimilarResponse, VariantsResponse } from './responses.js'
import { DEFAULT_SIMILAR, PassageParams, SimilarQuery } from './schemas.js'

const passageRoute = createRoute({
  method: 'get',
  path: '/passages/{id}',
  summary: 'One passage',
  description: 'The passage, its citation, and the ids of the passages before and after it in its document.',
  request: { params: PassageParams },
  responses: { 200: json(PassageResponse, 'The passage.'), ...errorResponses(404) },
})

const variantsRoute = createRoute({
  method: 'get',
  path: '/passages/{id}/variants',
  summary: 'Its wording over the years',
  description:
    'The same text in every document that restates it, oldest first, each diffed word by word against the one before ' +
    '(OCR damage, accents, case and punctuation are not changes).',
  request: { params: PassageParams },
  responses: { 200: json(VariantsResponse, 'The variants, oldest first.'), ...errorResponses(404) },
})

const similarRoute = createRoute({
  method: 'get',
  path: '/passages/{id}/similar',
  summary: 'Passages like it',
  description: 'The passages nearest by wording and meaning (hybrid search with its text), the passage and its variants left out.',
  request: { params: PassageParams, query: SimilarQuery },
  responses: { 200: json(SimilarResponse, 'The nearest passages.'), ...errorResponses(400, 404) },
})

export function passageRoutes(engine: () => Engine) {
  const routes = apiRouter()

  routes.openapi(passageRoute, (c) => {
    const { id } = c.req.valid('param')
    const current = engine()
    const found = current.passage(id)
    if (!found) throw notFound(id)
    const { passage: p, citation, previous, next } = found
    const { docId, file, paragraph, section, start, end, text, kind, order, pages, notes } = p
    const repaired = current.repaired(text)
    const extra = { ...(pages ? { pages } : {}), ...(notes ? { notes } : {}), ...(repaired ? { repaired } : {}) }
    return c.json({ id: p.id, docId, file, paragraph, section, start, end, text, kind, order, citation, ...extra, previous, next }, 200)
  })

  // Oldest first; each wording diffed word by word against the one before it.
  routes.openapi(variantsRoute, (c) => {
    const current = engine()
    const { id } = c.req.valid('param')
    if (!current.passage(id)) throw notFound(id)
    const group = current.variants.groupOf(id)
    const members = (group?.members ?? [id]).map((member) => current.passage(member)!)
    const variants = members.map(({ passage, citation }, i) => {
      const previous = members[i - 1]
      const { changes, segments } = previous ? wordDiff(previous.passage.text, passage.text) : { changes: [], segments: [{ op: 'equal' as const, text: passage.text }] }
      return { id: passage.id, citation, kind: passage.kind, text: passage.text, changes, diff: segments }
    })
    return c.json({ id, group: group?.id ?? null, variants }, 200)
  })

  routes.openapi(similarRoute, async (c) => {
    const { id } = c.req.valid('param')
    const k = c.req.valid('query').k ?? DEFAULT_SIMILAR
    const results = await engine().similar(id, k)
    if (!results) throw notFound(id)
    return c.json({ id, k, results }, 200)
  })

  return routes
}

const notFound = (id: string) => new SearchError('NOT_FOUND', `No passage with id \`${id.length > 80 ? `${id.slice(0, 80)}…` : id}\`.`)
