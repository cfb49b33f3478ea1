// `fields` on /search: a caller asks for the parts of a hit it shows; without it every part is sent, as before.

import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { seedEngine, getJson } from '../helpers.js'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
})

const ALWAYS = ['citation', 'id', 'kind', 'rank', 'score', 'snippet']
const keysOf = (hits: Array<Record<string, unknown>>) => [...new Set(hits.flatMap((hit) => Object.keys(hit)))].sort()
// Hybrid, 50 hits: among them passages with variants, with OCR repairs, and ranked by the learned fusion.
const search = '/search?q=' + encodeURIComponent('trafic illicite de migrants') + '&k=50'

describe('GET /search?fields=', () => {
  it('sends every part of a hit without it', async () => {
    const { body } = await getJson(app, search)
    expect(keysOf(body.results)).toEqual([...ALWAYS, 'fusion', 'repaired', 'scores', 'text', 'variants'].sort())
  })

  it('sends what is always there and the parts named, the same values as the full answer', async () => {
    const full = (await getJson(app, search)).body
    const { status, body } = await getJson(app, `${search}&fields=text,variants`)
    expect(status).toBe(200)
    expect(keysOf(body.results)).toEqual([...ALWAYS, 'text', 'variants'].sort())
    const pick = (hit: Record<string, unknown>) => Object.fromEntries(Object.entries(hit).filter(([key]) => [...ALWAYS, 'text', 'variants'].includes(key)))
    expect(body.results).toEqual(full.results.map(pick))
    // The rest of the answer is untouched.
    expect({ ...body, results: [], tookMs: 0 }).toEqual({ ...full, results: [], tookMs: 0 })
  })

  it('takes the parts repeated or separated by commas, in any order', async () => {
    const commas = (await getJson(app, `${search}&fields=repaired,scores`)).body
    const repeated = (await getJson(app, `${search}&fields=scores&fields=repaired`)).body
    expect(keysOf(commas.results)).toEqual([...ALWAYS, 'repaired', 'scores'].sort())
    expect(repeated.results).toEqual(commas.results)
  })

  it('sends only what is always there when it names only that', async () => {
    const { body } = await getJson(app, `${search}&fields=citation,snippet`)
    expect(keysOf(body.results)).toEqual(ALWAYS)
  })

  it('is the full answer when empty', async () => {
    const { body } = await getJson(app, `${search}&fields=`)
    expect(keysOf(body.results)).toContain('text')
    expect(keysOf(body.results)).toContain('fusion')
  })

  it('refuses a part it does not know, saying which parts there are', async () => {
    const { status, body } = await getJson(app, '/search?q=trafic&fields=text,explain')
    expect(status).toBe(400)
    expect(body.error.code).toBe('BAD_PARAMETER')
    expect(body.error.message).toBe(
      'Unknown field `explain` in `fields`: use text, scores, fusion, variants, repaired (id, rank, score, snippet, citation, kind are always there).',
    )
  })

  it('keeps the answers of different fields apart in the cache', async () => {
    const url = '/search?q=' + encodeURIComponent('protection des victimes') + '&mode=keyword'
    await app.request(url)
    const lean = await app.request(`${url}&fields=citation`)
    expect(lean.headers.get('x-cache')).toBe('miss')
    expect(keysOf((await lean.json()).results)).toEqual(ALWAYS)
    const again = await app.request(`${url}&fields=citation`)
    expect(again.headers.get('x-cache')).toBe('hit')
    expect(keysOf((await (await app.request(url)).json()).results)).toContain('text')
  })
})
