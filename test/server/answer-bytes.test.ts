import { beforeAll, describe, expect, it } from 'vitest'
import { AnswerWriter, ownBytes, utf8 } from '../../src/server/answer-bytes.js'
import type { Engine, SearchRequest } from '../../src/search/engine.js'
import { seedEngine } from '../helpers.js'

let engine: Engine
beforeAll(async () => {
  engine = (await seedEngine()).engine
})

// Modes, filters, collapsed variants, pages of 50 (OCR-repaired passages and variant groups among them), a phrase,
// an exclusion, an English query (a translation notice) and one that matches nothing.
const requests: SearchRequest[] = [
  { q: 'protection des témoins', mode: 'keyword' },
  { q: 'trafic illicite de migrants', k: 50 },
  { q: 'trafic illicite de migrants', k: 50, collapse: true },
  { q: 'enquêtes financières', mode: 'semantic', k: 30 },
  { q: '"geler et confisquer"', mode: 'keyword' },
  { q: 'coopération -internationale', yearFrom: 2012, yearTo: 2016, kind: ['recommendation'] },
  { q: 'witness protection programmes', k: 20, sort: '-date' },
  { q: 'zzzzqqq', mode: 'keyword' },
]

describe('the bytes of a /search answer', () => {
  it('are those of JSON.stringify, the first time a passage is shown and when its parts are reused', async () => {
    const writer = new AnswerWriter()
    let repaired = 0
    for (const round of [1, 2]) {
      for (const request of requests) {
        const answer = await engine.search(request)
        repaired += answer.results.filter((hit) => hit.repaired).length
        expect(writer.bytes(answer).toString('utf8'), `${JSON.stringify(request)}, round ${round}`).toBe(JSON.stringify(answer))
      }
    }
    // The pages above do show repaired passages, whose repaired text is reused too.
    expect(repaired).toBeGreaterThan(0)
  })

  it('reuse nothing of a passage whose text, citation, variants or corrections are not the ones remembered', async () => {
    const writer = new AnswerWriter()
    const answer = await engine.search({ q: 'protection des témoins', mode: 'keyword', k: 3 })
    writer.bytes(answer)
    const [first, ...rest] = answer.results
    const changed = {
      ...answer,
      results: [{ ...first!, text: `${first!.text} (modifié)`, citation: { ...first!.citation, label: 'autre' }, repaired: { text: 'réparé', corrections: [] } }, ...rest],
    }
    expect(writer.bytes(changed).toString('utf8')).toBe(JSON.stringify(changed))
    // The same passage again, its variants and corrections now other objects than those just written.
    const again = {
      ...answer,
      results: [{ ...first!, variants: { group: 'g', count: 1, also: [] }, repaired: { text: 'réparé', corrections: [{ from: 'a', to: 'b' }] } }, ...rest],
    }
    expect(writer.bytes(again).toString('utf8')).toBe(JSON.stringify(again))
  })
})

describe('utf8', () => {
  it('encodes any text, past the scratch buffer and with characters outside the BMP', () => {
    for (const text of ['', 'témoins « » œ – ›', '𝄞 et 😀', '€'.repeat(70_000), 'a'.repeat(200_000)]) {
      expect(utf8(text).equals(Buffer.from(text))).toBe(true)
    }
  })

  it('gives each text a buffer of its own', () => {
    const first = utf8('premier')
    utf8('second texte')
    expect(first.toString()).toBe('premier')
  })

  it('gives a text kept long a memory block of its own, the same bytes', () => {
    const kept = utf8('réponse gardée')
    const own = ownBytes(kept)
    expect(own.byteLength).toBe(own.buffer.byteLength)
    expect(own.equals(kept)).toBe(true)
    expect(ownBytes(own)).toBe(own)
  })
})
