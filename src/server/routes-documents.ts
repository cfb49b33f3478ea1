// GET /documents and GET /documents/:id: the corpus, and one document whole, in reading order.

import { createRoute } from '@hono/zod-openapi'
import { SearchError } from '../errors.js'
import type { DocumentMeta } from '../types.js'
import type { Engine } from '../search/engine.js'
import { shortNameOf } from '../ingest/short-name.js'
import { apiRouter, errorResponses, json } from './openapi.js'
import { DocumentResponse, DocumentsResponse } from './responses.js'
import { DocumentParams } from './schemas.js'

const listRoute = createRoute({
  method: 'get',
  path: '/documents',
  summary: 'The documents',
  description: 'Every document of the corpus with its details and how many passages it has, in corpus order.',
  responses: { 200: json(DocumentsResponse, 'The documents.') },
})

const documentRoute = createRoute({
  method: 'get',
  path: '/documents/{id}',
  summary: 'One document, whole',
  description:
    'Its details and every passage in reading order, with section paths. `id` is resolved as the `doc` filter resolves ' +
    'it: id, number (`001`), file name or symbol — a symbol’s `/` may be sent as `%2F` or as written ' +
    '(`/documents/CTOC/COP/WG.7/2015/5`).',
  request: { params: DocumentParams },
  responses: { 200: json(DocumentResponse, 'The document and its passages.'), ...errorResponses(404) },
})

/** Where the official text of a document is, when its symbol is known. */
export const officialUrl = (symbol: string) => (symbol ? `https://undocs.org/fr/${symbol}` : null)

const details = ({ id, file, symbol, title, shortName, date, year, meeting, kind, sha256, ...cover }: DocumentMeta) => ({
  id,
  file,
  symbol,
  title,
  shortName: shortName || shortNameOf({ symbol, title, year, file }),
  date,
  year,
  meeting,
  kind,
  sha256,
  ...pick(cover, ['format', 'pages', 'ocrPages', 'distribution', 'originalLanguage', 'session', 'agendaItem']),
  officialUrl: officialUrl(symbol),
})

export function documentRoutes(engine: () => Engine) {
  const routes = apiRouter()

  routes.openapi(listRoute, (c) => {
    const current = engine()
    const counts = new Map<string, number>()
    for (const passage of current.passages) counts.set(passage.docId, (counts.get(passage.docId) ?? 0) + 1)
    return c.json({ documents: current.documents.map((d) => ({ ...details(d), passages: counts.get(d.id) ?? 0 })) }, 200)
  })

  const answer = (current: Engine, ref: string) => {
    const document = current.document(ref)
    if (!document) throw new SearchError('NOT_FOUND', `No document \`${ref.length > 80 ? `${ref.slice(0, 80)}…` : ref}\`: give its id, number (001), file name or symbol.`)
    const passages = current.passages
      .filter((p) => p.docId === document.id)
      .map((p) => {
        const repaired = current.repaired(p.text)
        return { id: p.id, paragraph: p.paragraph, section: p.section, kind: p.kind, text: p.text, label: current.citation(p.id)!.label, ...(repaired ? { repaired } : {}) }
      })
    return { ...details(document), passages }
  }

  routes.openapi(documentRoute, (c) => c.json(answer(engine(), c.req.valid('param').id), 200))
  // A symbol written with its slashes: `/documents/CTOC/COP/WG.7/2015/5`.
  routes.get('/documents/*', (c) => c.json(answer(engine(), decodeSlashes(c.req.path.slice('/documents/'.length))), 200))
  return routes
}

// Hono's path keeps `%2F` and `%25` encoded; anything else is already decoded.
const decodeSlashes = (path: string) => path.replace(/%2F/gi, '/').replace(/%25/g, '%')

/** The fields of `from` that are set, among `names`. */
function pick<T extends object, K extends keyof T>(from: T, names: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(names.filter((name) => from[name] !== undefined).map((name) => [name, from[name]])) as Partial<Pick<T, K>>
}
