// Every malformed or hostile request gets a 4xx with a clear `{ error: { code, message } }` or a correct answer:
// never a 5xx, a hang or a crash, and the server answers normally right after.

import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { seedEngine } from '../helpers.js'
import { hostileRequests } from '../fixtures/robustness/hostile.js'

let app: ReturnType<typeof createApp>
beforeAll(async () => {
  app = createApp((await seedEngine()).engine)
})

const battery = hostileRequests()

describe('a battery of hostile requests', () => {
  it('has at least 200 requests', () => {
    expect(battery.length).toBeGreaterThanOrEqual(200)
  })

  it.each(battery.map((r) => [r.name, r] as const))('%s', async (_, { path, method = 'GET' }) => {
    const response = await app.request(path, { method })
    expect(response.status, path).toBeLessThan(500)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    if (method === 'HEAD') return
    // `/passages/..` resolves to `/`: the search page, the one answer in HTML.
    if (response.headers.get('content-type')?.startsWith('text/html')) {
      expect(response.status).toBe(200)
      expect(await response.text()).toMatch(/^<!doctype html>/)
      return
    }
    const body = (await response.json()) as any
    if (response.status >= 400) {
      expect(body.error.code).toMatch(/^[A-Z_]+$/)
      // A message a person can act on, not a bare "Bad Request".
      expect(body.error.message.length).toBeGreaterThan(15)
      return
    }
    expect(response.status).toBe(200)
    if (new URL(path, 'http://localhost').pathname === '/search') {
      expect(Array.isArray(body.results)).toBe(true)
      expect(body.total).toBeGreaterThanOrEqual(body.results.length)
      // Snippets are HTML: what the client typed comes back escaped, never as markup.
      for (const hit of body.results) expect(hit.snippet).not.toMatch(/<(?!\/?mark>)/)
    }
  })

  it('answers normally right after the battery', async () => {
    const response = await app.request('/search?q=protection%20des%20t%C3%A9moins')
    expect(response.status).toBe(200)
    const body = (await response.json()) as any
    expect(body.results.length).toBe(10)
    expect((await app.request('/health')).status).toBe(200)
  })
})

describe('clear answers to the worst of them', () => {
  const get = async (path: string) => {
    const response = await app.request(path)
    return { status: response.status, body: (await response.json()) as any }
  }

  it('a path traversal in an id is an unknown passage, nothing more', async () => {
    const { status, body } = await get('/passages/..%2f..%2fetc%2fpasswd')
    expect(status).toBe(404)
    expect(body.error.message).toMatch(/No passage with id/)
  })

  it('a query with more terms than are searched says what was left out', async () => {
    const q = Array.from({ length: 60 }, (_, i) => `terme${i}x`).join(' ')
    const { status, body } = await get(`/search?q=${encodeURIComponent(q)}&mode=keyword`)
    expect(status).toBe(200)
    expect(body.notes).toEqual([expect.stringMatching(/first 32 of the 60 search terms/)])
  })

  it('an ordinary query carries no notes', async () => {
    const { body } = await get('/search?q=trafic')
    expect(body.notes).toBeUndefined()
  })

  it('writes are refused with 405 and say the API is read-only', async () => {
    const response = await app.request('/search?q=x', { method: 'DELETE' })
    expect(response.status).toBe(405)
    expect(((await response.json()) as any).error.message).toMatch(/read-only/)
  })
})
