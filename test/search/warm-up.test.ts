// The warm-up a server runs on a newly opened engine before it serves: it reaches every part of a search
// (each mode, a phrase, an exclusion, a date order, the cross-lingual channel, a large page), its searches
// find passages, it stops at its time limit, and it changes no answer.

import { beforeAll, describe, expect, it } from 'vitest'
import { Engine, type TextRetriever } from '../../src/search/engine.js'
import { warmUp, warmUpRequests } from '../../src/search/warm-up.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

const answer = async (e: Engine, q: string, mode?: 'keyword' | 'semantic' | 'hybrid') => {
  const { tookMs: _took, ...rest } = await e.search({ q, mode, k: 20 })
  return rest
}

describe('warmUp', () => {
  it('asks for every mode, a phrase with an exclusion sorted by date, an English query, a large page and a long query', () => {
    const requests = warmUpRequests(engine)
    expect(new Set(requests.map((r) => r.mode ?? 'hybrid'))).toEqual(new Set(['hybrid', 'keyword', 'semantic']))
    expect(requests.some((r) => /^"\S+ \S+" -\S+$/.test(r.q) && r.sort === '-date')).toBe(true)
    expect(requests.map((r) => r.q)).toContain('witness protection programmes')
    expect(requests.some((r) => r.k === 100)).toBe(true)
    // A query of as many words as a search takes (32), asked in keyword then hybrid mode.
    const long = requests.filter((r) => r.q.split(' ').length === 32)
    expect(long.map((r) => r.mode)).toEqual(['keyword', 'hybrid'])
    expect(new Set(long[0]!.q.split(' ')).size).toBe(32)
  })

  it('takes its words from passages spread over the corpus, so that its searches find passages', async () => {
    const requests = warmUpRequests(engine)
    // The first sample is the corpus's first passage: its words, every other one of its first eight of 4+ letters.
    const first = engine.passages[0]!.text.match(/\p{L}{4,}/gu)!.slice(0, 8).filter((_, i) => i % 2 === 0).join(' ')
    expect(requests[0]).toEqual({ q: first, mode: 'hybrid' })
    const documents = new Set<string>()
    for (const request of requests.filter((r) => !r.q.startsWith('"'))) {
      const found = await engine.search(request)
      expect(found.total, request.q).toBeGreaterThan(0)
      for (const hit of found.results) documents.add(hit.citation.symbol ?? hit.id)
    }
    expect(documents.size).toBeGreaterThan(1)
  })

  it('runs them all in time and changes no answer', async () => {
    const fresh = new Engine(engine.parts)
    const before = await Promise.all([answer(fresh, 'protection des témoins'), answer(fresh, 'trafic par mer', 'keyword'), answer(fresh, 'witness protection', 'semantic')])
    const warmed = await warmUp(fresh, 60_000)
    expect(warmed.searches).toBe(warmUpRequests(fresh).length)
    const after = await Promise.all([answer(fresh, 'protection des témoins'), answer(fresh, 'trafic par mer', 'keyword'), answer(fresh, 'witness protection', 'semantic')])
    expect(after).toEqual(before)
  })

  it('starts no search past its time limit', async () => {
    expect((await warmUp(engine, -1)).searches).toBe(0)
  })

  it('has the n-gram channel score one passage even when it runs no search (its position look-up is built then)', async () => {
    const ngram = engine.parts.ngram!
    const scored: string[] = []
    // A recording wrapper around the real n-gram channel.
    const recordingNgram: TextRetriever = {
      search: (text, limit, filter) => ngram.search(text, limit, filter),
      query: (text, deadline) => {
        const query = ngram.query(text, deadline)
        return {
          top: (limit, filter) => query.top(limit, filter),
          matches: (floor) => query.matches(floor),
          coverage: (id) => query.coverage(id),
          cosine: (id) => (scored.push(id), query.cosine(id)),
        }
      },
    }
    await warmUp(new Engine({ ...engine.parts, ngram: recordingNgram }), -1)
    expect(scored).toEqual([engine.passages[0]!.id])
  })
})
