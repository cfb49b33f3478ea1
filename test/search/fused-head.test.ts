// The cut hybrid head (`cutFusedHead`) against fusing the channels' whole rankings, on generated rankings large
// enough that the head stops growing before the prefixes hold every match: the threshold stop itself is checked, and
// so is the one pass over every match it takes when the keyword channel has every score (`scoredWhole`).
// The keyword channel is a fake (a plain sorted list behind PreparedKeyword's three methods); the n-gram matches are
// the real NgramMatches over a fake query.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { completeSemanticRanks, cutFusedHead } from '../../src/search/fused-head.js'
import { weightedScoreFusion } from '../../src/search/fusion.js'
import type { PreparedKeyword } from '../../src/search/keyword-channel.js'
import { NgramMatches } from '../../src/search/ngram-matches.js'
import type { TextQuery } from '../../src/search/retrieval.js'

const UNKNOWN = 0
const idOf = (n: number) => `p${String(n).padStart(5, '0')}`

interface Case {
  passages: number
  /** Passage → keyword score (0: no keyword match), distinct among matches. */
  keyword: number[]
  /** Passage → n-gram cosine (0: no match), distinct among matches. */
  cosine: number[]
  /** A listed channel (the dense one): its first passages, best first, with their scores. */
  dense: Array<[number, number]>
  depth: number
  weights: { keyword: number; ngram: number; dense: number }
  /** Semantic matches no channel lists (a cross-lingual match past its first ones): they come last, in corpus order. */
  extra?: number[]
}

/** Both channels driven by one hidden relevance, so the heads agree often enough for the head to stop early. */
const cases: fc.Arbitrary<Case> = fc
  .record({
    passages: fc.integer({ min: 50, max: 1500 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    keywordShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
    ngramShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
    noise: fc.double({ min: 0, max: 1, noNaN: true }),
    depth: fc.integer({ min: 1, max: 30 }),
    weights: fc.record({ keyword: fc.double({ min: 0.3, max: 2, noNaN: true }), ngram: fc.double({ min: 0.3, max: 2, noNaN: true }), dense: fc.double({ min: 0, max: 2, noNaN: true }) }),
  })
  .map(({ passages, seed, keywordShare, ngramShare, noise, depth, weights }) => {
    let state = seed
    const random = () => ((state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32
    const keyword: number[] = []
    const cosine: number[] = []
    for (let n = 0; n < passages; n++) {
      const relevance = random()
      // Distinct by construction: the passage number in the last digits.
      keyword.push(random() < keywordShare ? Math.round((relevance + noise * random()) * 1000) * 10_000 + n + 1 : 0)
      cosine.push(random() < ngramShare ? (relevance + noise * random()) / 2 + n * 1e-9 + 1e-6 : 0)
    }
    // Its first 40 (some matched by no other channel), as a flat vector search lists them.
    const dense = Array.from({ length: passages }, (_, n): [number, number] => [n, random() + n * 1e-9])
      .sort((a, b) => b[1] - a[1])
      .slice(0, 40)
    return { passages, keyword: keyword.map((s) => s / 10_000), cosine, dense, depth, weights }
  })

/**
 * Scores from a few values, so that many passages tie (each order breaks ties by id), a dense channel that may list
 * nothing, and semantic matches no channel lists; the head as deep as the matches and deeper.
 */
const tiedCases: fc.Arbitrary<Case> = fc
  .record({
    passages: fc.integer({ min: 20, max: 300 }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    levels: fc.integer({ min: 1, max: 4 }),
    keywordShare: fc.double({ min: 0, max: 1, noNaN: true }),
    ngramShare: fc.double({ min: 0, max: 1, noNaN: true }),
    denseLength: fc.integer({ min: 0, max: 20 }),
    extraShare: fc.double({ min: 0, max: 0.3, noNaN: true }),
    depth: fc.integer({ min: 1, max: 320 }),
    weights: fc.record({ keyword: fc.constantFrom(0.5, 1), ngram: fc.constantFrom(0.5, 1), dense: fc.constantFrom(0, 1) }),
  })
  .map(({ passages, seed, levels, keywordShare, ngramShare, denseLength, extraShare, depth, weights }) => {
    let state = seed
    const random = () => ((state = Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32
    const level = () => (1 + Math.floor(random() * levels)) / levels
    const keyword = Array.from({ length: passages }, () => (random() < keywordShare ? level() : 0))
    const cosine = Array.from({ length: passages }, () => (random() < ngramShare ? level() / 2 : 0))
    const dense = Array.from({ length: passages }, (_, n): [number, number] => [n, level()])
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, denseLength)
    const listed = new Set(dense.map(([n]) => n))
    const extra = Array.from({ length: passages }, (_, n) => n).filter((n) => !listed.has(n) && cosine[n] === 0 && random() < extraShare)
    return { passages, keyword, cosine, dense, depth, weights, extra }
  })

function run(c: Case, scoredWhole: boolean) {
  const ids = Array.from({ length: c.passages }, (_, n) => idOf(n))
  const numberOf = (id: string) => Number(id.slice(1))
  const keywordMatches = Bitset.of(c.passages, [...ids.keys()].filter((n) => c.keyword[n]! > 0))
  // Best first, ties by id (the passage number here), as the keyword channel ranks.
  const keywordOrder = [...keywordMatches.toArray()].sort((a, b) => c.keyword[b]! - c.keyword[a]! || a - b)
  const reaches: number[] = []
  const keyword = {
    top(depth: number, allowed: Bitset) {
      reaches.push(depth)
      return { ranked: keywordOrder.filter((n) => allowed.has(n)).slice(0, depth).map((n) => [n, c.keyword[n]!]), truncated: false }
    },
    score: (n: number) => c.keyword[n]!,
    scoredWhole: () => scoredWhole,
  } as unknown as PreparedKeyword
  const query = {
    forEachMatch(_floor: number, visit: (id: string, cosine: number, position: number) => void) {
      c.cosine.forEach((cosine, n) => cosine > 0 && visit(ids[n]!, cosine, n))
    },
  } as unknown as TextQuery
  const ngram = new NgramMatches([{}, {}], query, query.forEachMatch!, 0, c.passages, numberOf, null)
  const ngramPrefixes: number[] = []
  const top = ngram.top.bind(ngram)
  ngram.top = (limit: number) => (ngramPrefixes.push(limit), top(limit))
  const dense = { name: 'dense', ranked: c.dense.map(([n, score]): [string, number] => [ids[n]!, score]) }
  const semanticDocs = [...new Set([...ngram.numbers, ...c.dense.map(([n]) => n), ...(c.extra ?? [])])]
  const idOrder = new Uint32Array(ids.length)
  ;[...ids.keys()].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1)).forEach((n, rank) => (idOrder[n] = rank))
  const input = { ids, idOrder, numberOf, weights: c.weights, keyword, keywordMatches, semantic: [{ name: 'ngram', ranked: [] }, dense], semanticDocs, ngram, unknownRank: UNKNOWN }
  const { hits } = cutFusedHead(input, c.depth, Infinity)
  completeSemanticRanks(hits, input)

  const ngramWhole = { name: 'ngram', weight: c.weights.ngram, ranked: [...ngram.numbers].sort((a, b) => c.cosine[b]! - c.cosine[a]! || a - b).map((n): [string, number] => [ids[n]!, c.cosine[n]!]) }
  const denseWhole = { ...dense, weight: c.weights.dense }
  const fusedWhole = weightedScoreFusion([{ name: 'keyword', weight: c.weights.keyword, ranked: keywordOrder.map((n) => [ids[n]!, c.keyword[n]!]) }, ngramWhole, denseWhole])
  // The semantic matches no list ranks, and no keyword match, come last in corpus order, scored 0.
  const inFusion = new Set(fusedWhole.map((hit) => hit.id))
  for (const n of [...(c.extra ?? [])].sort((a, b) => a - b)) if (!inFusion.has(ids[n]!) && !keywordMatches.has(n)) fusedWhole.push({ id: ids[n]!, score: 0, channels: {} })
  const whole = fusedWhole.slice(0, c.depth)
  // The semantic side: the semantic channels' whole rankings fused alone.
  const semantic = new Map(weightedScoreFusion([ngramWhole, denseWhole]).map((hit, i) => [hit.id, { rank: i + 1, score: Math.round(hit.score * 10_000) / 10_000 }]))
  const stoppedEarly = Math.max(...reaches) < keywordOrder.length && Math.max(...ngramPrefixes) < ngram.count
  return { hits, whole, semantic, stoppedEarly, grew: reaches.length > 1 }
}

describe('the cut hybrid head', () => {
  it('is the head of the whole fusion — ids, scores and every rank — also when it stops before listing every match', () => {
    let early = 0
    let grew = 0
    fc.assert(
      fc.property(cases, (c) => {
        const { hits, whole, semantic, stoppedEarly, grew: grown } = run(c, false)
        if (stoppedEarly) early++
        if (grown && stoppedEarly) grew++
        expect(hits.map((h) => h.id)).toEqual(whole.map((h) => h.id))
        hits.forEach((hit, i) => {
          expect(hit.score).toBeCloseTo(whole[i]!.score, 12)
          expect(hit.channels.ngram).toEqual(whole[i]!.channels.ngram)
          expect(hit.channels.dense).toEqual(whole[i]!.channels.dense)
          expect(hit.channels.semantic).toEqual(semantic.get(hit.id))
          // Keyword ranks past the keyword prefix are filled later, for the hits shown (fillKeywordRanks).
          if (hit.channels.keyword?.rank !== UNKNOWN) expect(hit.channels.keyword).toEqual(whole[i]!.channels.keyword)
        })
      }),
      { numRuns: 300, seed: 20261130 },
    )
    // The property above is only about the stop when the stop happens: most cases stop early, some after growing.
    expect(early).toBeGreaterThan(100)
    expect(grew).toBeGreaterThan(10)
  })

  it('with every keyword score known, is the head of the whole fusion in one pass, each score to the last bit', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { hits, whole, semantic, grew } = run(c, true)
        expect(grew).toBe(false)
        expect(hits.map((h) => h.id)).toEqual(whole.map((h) => h.id))
        hits.forEach((hit, i) => {
          expect(hit.score).toBe(whole[i]!.score)
          expect(hit.channels.ngram).toEqual(whole[i]!.channels.ngram)
          expect(hit.channels.dense).toEqual(whole[i]!.channels.dense)
          expect(hit.channels.semantic).toEqual(semantic.get(hit.id))
          // Every keyword rank is filled later, for the hits shown (fillKeywordRanks); the score is known now.
          expect(hit.channels.keyword?.score).toBe(whole[i]!.channels.keyword?.score)
          expect(Object.keys(hit.channels)).toEqual(Object.keys(whole[i]!.channels).concat(semantic.has(hit.id) ? ['semantic'] : []))
        })
      }),
      { numRuns: 300, seed: 20261201 },
    )
  })

  it('is the head of the whole fusion with many ties, a dense channel listing nothing, and matches no list ranks, cut or in one pass', () => {
    for (const scoredWhole of [false, true]) {
      fc.assert(
        fc.property(tiedCases, (c) => {
          const { hits, whole, semantic } = run(c, scoredWhole)
          expect(hits.map((h) => h.id)).toEqual(whole.map((h) => h.id))
          hits.forEach((hit, i) => {
            expect(hit.score).toBeCloseTo(whole[i]!.score, 12)
            expect(hit.channels.ngram).toEqual(whole[i]!.channels.ngram)
            expect(hit.channels.dense).toEqual(whole[i]!.channels.dense)
            expect(hit.channels.semantic).toEqual(semantic.get(hit.id))
            if (hit.channels.keyword?.rank !== UNKNOWN) expect(hit.channels.keyword).toEqual(whole[i]!.channels.keyword)
            expect(hit.channels.keyword?.score).toBe(whole[i]!.channels.keyword?.score)
          })
        }),
        { numRuns: 200, seed: 20261201 },
      )
    }
  })

  it('is empty for a head of no depth', () => {
    const c: Case = { passages: 3, keyword: [1, 0.5, 0], cosine: [0, 0.5, 1], dense: [], depth: 0, weights: { keyword: 1, ngram: 1, dense: 1 } }
    expect(run(c, false).hits).toEqual([])
    expect(run(c, true).hits).toEqual([])
  })
})

