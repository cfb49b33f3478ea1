// Limits that only a real listening server shows: oversized bodies, huge headers, slow clients, raw bytes; plus the
// security headers and CORS policy of every answer, and the in-flight cap's answer (with a fake slow engine).

import { connect, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/server/app.js'
import { serverLimits } from '../../src/server/guard.js'
import type { Engine } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let server: ReturnType<typeof serve>
let port: number
beforeAll(async () => {
  const app = createApp((await seedEngine()).engine)
  // The real limits, with the slow-client timeouts shortened so the test does not wait 10 s.
  const serverOptions = { ...serverLimits, headersTimeout: 1_000, requestTimeout: 2_000 }
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0, serverOptions }, (info) => {
      port = info.port
      resolve()
    })
  })
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

const url = (path: string) => `http://127.0.0.1:${port}${path}`

/** Sends raw bytes and collects what the server answers until it closes the connection (or 5 s pass). */
function raw(chunks: Array<string | Buffer>, gapMs = 0): Promise<{ text: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const socket: Socket = connect(port, '127.0.0.1')
    let text = ''
    const done = () => resolve({ text, closedAfterMs: Date.now() - started })
    const guard = setTimeout(() => {
      socket.destroy()
      done()
    }, 5_000)
    socket.on('data', (data) => (text += data.toString('latin1')))
    socket.on('close', () => {
      clearTimeout(guard)
      done()
    })
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)))
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return
        socket.write(chunk)
        if (gapMs) await new Promise((r) => setTimeout(r, gapMs))
      }
    })
  })
}

const statusOf = (text: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])

describe('a real server on loopback', () => {
  it('refuses an oversized body with 413 and a clear message, without reading it all', async () => {
    const response = await fetch(url('/search?q=trafic'), { method: 'POST', body: 'x'.repeat(1_000_000) })
    expect(response.status).toBe(413)
    expect(((await response.json()) as any).error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/over 16384 bytes/) })
  })

  it('refuses a chunked body that grows past the limit', async () => {
    const chunk = 'x'.repeat(8_000)
    const body = [1, 2, 3].map(() => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('') + '0\r\n\r\n'
    const { text } = await raw([`GET /search?q=trafic HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`, body])
    expect(statusOf(text)).toBe(413)
  })

  it('answers a GET with a small body normally', async () => {
    const { text } = await raw([`GET /search?q=trafic&k=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`])
    expect(statusOf(text)).toBe(200)
  })

  it('refuses headers over 16 KiB with 431', async () => {
    const { text } = await raw([`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`])
    expect(statusOf(text)).toBe(431)
  })

  it('refuses a request line of raw non-ASCII bytes without crashing', async () => {
    const { text } = await raw([Buffer.concat([Buffer.from('GET /search?q='), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')])])
    expect(statusOf(text)).toBeGreaterThanOrEqual(400)
    expect(statusOf(text)).toBeLessThan(500)
  })

  it('refuses TRACE and garbage methods', async () => {
    const trace = await raw([`TRACE /search?q=x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`])
    expect(statusOf(trace.text)).toBe(405)
    const garbage = await raw([`FOO\x01 / HTTP/1.1\r\n\r\n`])
    expect(statusOf(garbage.text)).toBe(400)
  })

  it('drops a client that sends its headers too slowly, and keeps answering others meanwhile', async () => {
    const slow = raw(['GET /search?q=trafic HTTP/1.1\r\n', 'Host: x\r\n', 'X-A: 1\r\n', 'X-B: 2\r\n', 'X-C: 3\r\n', 'X-D: 4\r\n', 'X-E: 5\r\n'], 600)
    const meanwhile = await fetch(url('/search?q=trafic&k=1'))
    expect(meanwhile.status).toBe(200)
    const { text, closedAfterMs } = await slow
    // Node answers 408 (or just closes) once headersTimeout passes; the check runs every second.
    expect(text === '' || statusOf(text) === 408).toBe(true)
    expect(closedAfterMs).toBeLessThan(4_500)
  })

  it('drops a connection that opens and sends nothing', async () => {
    const { closedAfterMs } = await raw([])
    expect(closedAfterMs).toBeLessThan(4_500)
  })

  it('answers normally after all of the above', async () => {
    const response = await fetch(url('/search?q=protection%20des%20t%C3%A9moins&k=3'))
    expect(response.status).toBe(200)
    expect(((await response.json()) as any).results).toHaveLength(3)
  })
})

describe('headers and CORS', () => {
  it('sets the security headers on answers and on errors', async () => {
    for (const path of ['/health', '/search', '/nowhere']) {
      const response = await fetch(url(path))
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/)
      expect(response.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('allows one origin when CORS_ORIGIN is set, and no other', async () => {
    const { engine } = await seedEngine()
    const app = createApp(engine, undefined, { guard: { corsOrigin: 'https://example.org' } })
    const allowed = await app.request('/health', { headers: { Origin: 'https://example.org' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://example.org')
    const other = await app.request('/health', { headers: { Origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).not.toBe('https://evil.example')
    expect(() => createApp(engine, undefined, { guard: { corsOrigin: '*' } })).toThrow(/CORS_ORIGIN must be an origin/)
  })
})

// The cap on a real server under a burst of connections: serve-cli.test.ts. Here a fake engine whose searches wait
// at a gate, through app.request (no server), holds requests in flight for as long as the test wants.
describe('the in-flight cap, with a fake slow engine', () => {
  it('answers 503 with Retry-After past the cap, and serves again once requests finish', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const real = (await seedEngine()).engine
    // An engine whose searches wait at the gate: requests pile up as they would behind a slow embedder.
    const slow = Object.create(real) as Engine
    slow.search = async (request) => {
      await gate
      return real.search(request)
    }
    const app = createApp(slow, undefined, { guard: { maxInFlight: 2, retryAfterSeconds: 3 } })
    const pending = [app.request('/search?q=trafic'), app.request('/search?q=migrants')]
    const refused = await app.request('/search?q=trafic')
    expect(refused.status).toBe(503)
    expect(refused.headers.get('retry-after')).toBe('3')
    expect(((await refused.json()) as any).error).toMatchObject({ code: 'OVERLOADED', message: expect.stringMatching(/retry in 3 s/) })
    release()
    expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200])
    expect((await app.request('/search?q=trafic')).status).toBe(200)
  })
})
