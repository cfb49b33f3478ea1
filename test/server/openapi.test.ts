// /openapi.json: a valid OpenAPI 3.1 document, generated from the schemas that validate requests, and true: every
// route it lists is called here, and each answer (success and error) is checked against the schema it documents.

import { Validator } from '@seriousme/openapi-schema-validator'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { MAX_K } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let app: ReturnType<typeof createApp>
let document: any
let ajv: Ajv2020
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
  document = await (await app.request('/openapi.json')).json()
  ajv = new Ajv2020({ strict: false, allErrors: true })
  ajv.addSchema(document, 'openapi')
})

const C2015 = '001_f3a438cdd34e73ea'
const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')

/** Checks a body against the schema the document gives for this path, method and status. */
function conforms(path: string, status: number, body: unknown): void {
  const validate = ajv.getSchema(`openapi#/${pointer('paths', path, 'get', 'responses', String(status), 'content', 'application/json', 'schema')}`)
  expect(validate, `${path} documents no ${status} answer`).toBeTypeOf('function')
  const valid = validate!(body)
  expect(validate!.errors ?? [], `${path} ${status}`).toEqual([])
  expect(valid).toBe(true)
}

/** One real request per documented route: its path with example ids, the answer expected. */
const calls: Record<string, Array<{ url: string; status: number }>> = {
  '/health': [{ url: '/health', status: 200 }],
  '/search': [
    { url: '/search?q=' + encodeURIComponent('"geler et confisquer"'), status: 200 },
    { url: '/search?q=trafic&mode=keyword&k=5&offset=5&yearFrom=2012&yearTo=2015&doc=001&kind=recommendation&prefer=recommendation&collapse=true', status: 200 },
    { url: '/search?q=trafic&fields=text,variants,repaired', status: 200 },
    { url: '/search?q=trafic&fields=citation', status: 200 },
    { url: '/search?q=trafic&fields=explain', status: 400 },
    { url: '/search?q=', status: 400 },
  ],
  '/timeline': [
    { url: '/timeline?q=' + encodeURIComponent('"geler et confisquer"'), status: 200 },
    { url: '/timeline?q=%FF', status: 400 },
  ],
  '/passages/{id}': [
    { url: `/passages/${C2015}.p34`, status: 200 },
    { url: '/passages/nope', status: 404 },
  ],
  '/passages/{id}/variants': [
    { url: `/passages/${C2015}.p34/variants`, status: 200 },
    { url: '/passages/nope/variants', status: 404 },
  ],
  '/passages/{id}/similar': [
    { url: `/passages/${C2015}.p34/similar?k=3`, status: 200 },
    { url: `/passages/${C2015}.p34/similar?k=0`, status: 400 },
    { url: '/passages/nope/similar', status: 404 },
  ],
  '/documents': [{ url: '/documents', status: 200 }],
  '/documents/{id}': [
    { url: '/documents/001', status: 200 },
    { url: '/documents/999', status: 404 },
  ],
  '/openapi.json': [{ url: '/openapi.json', status: 200 }],
}

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(document)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(document.openapi).toBe('3.1.0')
  })

  it('lists exactly the routes this test calls', () => {
    expect(Object.keys(document.paths).sort()).toEqual(Object.keys(calls).sort())
    for (const methods of Object.values<any>(document.paths)) expect(Object.keys(methods)).toEqual(['get'])
  })

  it.each(Object.entries(calls))('%s answers as documented, errors included', async (path, requests) => {
    for (const { url, status } of requests) {
      const response = await app.request(url)
      expect(response.status, url).toBe(status)
      conforms(path, status, await response.json())
    }
  })

  it('documents the limits the validation enforces (k of /search: from the same schema)', async () => {
    const k = document.paths['/search'].get.parameters.find((p: any) => p.name === 'k')
    expect(k.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: MAX_K })
    expect((await app.request(`/search?q=trafic&k=${k.schema.maximum}`)).status).toBe(200)
    expect((await app.request(`/search?q=trafic&k=${k.schema.maximum + 1}`)).status).toBe(400)
    const kinds = document.paths['/search'].get.parameters.find((p: any) => p.name === 'kind')
    for (const kind of kinds.schema.items.enum) expect((await app.request(`/search?q=trafic&kind=${kind}`)).status).toBe(200)
  })
})

describe('the same validation everywhere', () => {
  it('/timeline refuses bytes that are not UTF-8, as /search does', async () => {
    for (const path of ['/search', '/timeline']) {
      const response = await app.request(`${path}?q=%FF`)
      expect(response.status, path).toBe(400)
      expect(((await response.json()) as any).error.code).toBe('BAD_QUERY')
    }
  })

  it('/timeline checks its filters as /search does', async () => {
    for (const path of ['/search', '/timeline']) {
      const response = await app.request(`${path}?q=trafic&yearFrom=2022&yearTo=2012`)
      expect(response.status, path).toBe(400)
      expect(((await response.json()) as any).error.message).toMatch(/after yearTo/)
    }
  })
})

describe('GET /documents/:id', () => {
  it('finds a document the way the doc filter does: id, number, file name or symbol', async () => {
    const refs = [C2015, '001', `${C2015}.txt`, encodeURIComponent('CTOC/COP/WG.7/2015/5'), 'CTOC/COP/WG.7/2015/5']
    for (const ref of refs) {
      const response = await app.request(`/documents/${ref}`)
      expect(response.status, ref).toBe(200)
      const body = (await response.json()) as any
      expect(body.id).toBe(C2015)
      expect(body.officialUrl).toBe('https://undocs.org/fr/CTOC/COP/WG.7/2015/5')
    }
    const filtered = (await (await app.request('/search?q=trafic&mode=keyword&doc=001&k=1')).json()) as any
    expect(filtered.results[0].citation.file).toBe(`${C2015}.txt`)
  })

  it('gives every passage of the document in reading order, with its section and label', async () => {
    const body = (await (await app.request('/documents/001')).json()) as any
    const listed = ((await (await app.request('/documents')).json()) as any).documents.find((d: any) => d.id === C2015)
    expect(body.passages).toHaveLength(listed.passages)
    const at = body.passages.findIndex((p: any) => p.id === `${C2015}.p34`)
    expect(body.passages[at - 1].id).toBe(`${C2015}.p33`)
    expect(body.passages[at]).toMatchObject({ paragraph: '34', label: 'CTOC/COP/WG.7/2015/5, par. 34', kind: 'recommendation' })
    expect(body.passages[at].section[1]).toMatch(/première réunion/)
  })
})

describe('GET /api', () => {
  it('is the reference page: every documented route, served from here under the same CSP', async () => {
    const response = await app.request('/api')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/)
    const html = await response.text()
    for (const path of Object.keys(document.paths)) expect(html).toContain(`<code>${path}</code>`)
    for (const name of Object.keys(document.components.schemas)) expect(html).toContain(`id="schema-${name}"`)
    expect(html).not.toMatch(/<script|style="|(?:src|href)="https?:/)
  })
})
