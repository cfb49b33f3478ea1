// GET /openapi.json (OpenAPI 3.1, generated from the schemas that validate requests) and GET /api, the same
// document as a page, rendered here: no script, nothing fetched from elsewhere.

import { readFileSync } from 'node:fs'
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { errorCatalogue } from '../errors.js'
import { json } from './openapi.js'
import { renderReference, type OpenApiDocument } from './reference-page.js'
import { pageStylesheet } from './routes-page.js'

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }

const DESCRIPTION = `Search the French reports of the UN Working Group on the Smuggling of Migrants. Every answer is a ranked
list of passages (a numbered paragraph, a recommendation or an unnumbered paragraph), each with a citation to paste.

Read-only: every route is a \`GET\`; other methods get 405. Errors are \`{ "error": { "code", "message" } }\` with a 4xx
or 5xx status; the codes are: ${Object.entries(errorCatalogue)
  .map(([code, { status }]) => `\`${code}\` (${status})`)
  .join(', ')}. Messages are in English; the search page words them in French.`

const documentRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document',
  description: 'The OpenAPI 3.1 description of the API, generated from the schemas that validate its requests.',
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document.') },
})

/** The OpenAPI document of `app`, made on first use (every route is registered by then). */
export function openApiDocument(app: OpenAPIHono): () => OpenApiDocument {
  let made: OpenApiDocument | undefined
  app.openAPIRegistry.registerPath(documentRoute)
  return () =>
    (made ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'ctoc-search', version, description: DESCRIPTION, license: { name: 'MIT (the code; the FreeDict data keeps its GPL licence)' } },
      servers: [{ url: '/', description: 'This server' }],
    }) as unknown as OpenApiDocument)
}

export function referenceRoutes(document: () => OpenApiDocument): Hono {
  const routes = new Hono()
  let page: string | undefined
  routes.get('/openapi.json', (c) => c.json(document()))
  routes.get('/api', (c) => c.html((page ??= renderReference(document(), pageStylesheet().path))))
  return routes
}
