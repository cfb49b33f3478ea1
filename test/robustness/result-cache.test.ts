// The /search answer cache: a repeated request is served from it, a swapped engine never serves an old answer.

import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import type { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

describe('the /search answer cache', () => {
  it('serves a repeated request from the cache, the same answer byte for byte', async () => {
    const app = createApp((await seedEngine()).engine)
    const first = await app.request('/search?q=trafic&mode=keyword&k=3')
    const second = await app.request('/search?mode=keyword&k=3&q=trafic')
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['miss', 'hit'])
    expect(await second.text()).toBe(await first.text())
    expect(second.headers.get('content-type')).toMatch(/application\/json/)
  })

  it('tells requests apart by every parameter', async () => {
    const app = createApp((await seedEngine()).engine)
    await app.request('/search?q=trafic&k=3')
    for (const path of ['/search?q=trafic&k=4', '/search?q=trafic&k=3&offset=3', '/search?q=trafic&k=3&doc=001', '/search?q=trafics&k=3']) {
      expect((await app.request(path)).headers.get('x-cache'), path).toBe('miss')
    }
  })

  it('never answers from an engine that was swapped out', async () => {
    const { engine } = await seedEngine()
    // A second engine that finds nothing: after the swap, an answer from the first would show hits.
    const empty = Object.create(engine) as Engine
    empty.search = async (request) => ({ ...(await engine.search(request)), total: 0, results: [] })
    let live: Engine = engine
    const app = createApp(() => live)
    expect(((await (await app.request('/search?q=trafic')).json()) as any).total).toBeGreaterThan(0)
    live = empty
    const after = await app.request('/search?q=trafic')
    expect(after.headers.get('x-cache')).toBe('miss')
    expect(((await after.json()) as any).total).toBe(0)
  })

  it('can be turned off', async () => {
    const app = createApp((await seedEngine()).engine, undefined, { cache: { entries: 0 } })
    await app.request('/search?q=trafic')
    expect((await app.request('/search?q=trafic')).headers.get('x-cache')).toBe('miss')
  })
})

describe("the cache's memory", () => {
  it('drops the oldest answers past its byte budget', async () => {
    const { engine } = await seedEngine()
    const size = (await (await createApp(engine).request('/search?q=trafic&k=50')).arrayBuffer()).byteLength
    // A budget for two pages of 50 passages, not three.
    const app = createApp(engine, undefined, { cache: { maxBytes: Math.round(size * 2.5) } })
    for (const q of ['trafic', 'migrants', 'protection']) await app.request(`/search?q=${q}&k=50`)
    expect((await app.request('/search?q=protection&k=50')).headers.get('x-cache')).toBe('hit')
    expect((await app.request('/search?q=trafic&k=50')).headers.get('x-cache')).toBe('miss')
  })
})
