import { describe, expect, it } from 'vitest'
import { reciprocalRankFusion, RRF_K, weightedScoreFusion } from '../../src/search/fusion.js'

describe('reciprocalRankFusion', () => {
  it('rewards agreement: a passage second in both channels beats one first in a single channel', () => {
    const fused = reciprocalRankFusion([
      { name: 'keyword', ranked: [['a', 9], ['b', 5], ['c', 1]] },
      { name: 'semantic', ranked: [['d', 0.9], ['b', 0.8]] },
    ])
    expect(fused.map((h) => h.id)).toEqual(['b', 'a', 'd', 'c'])
    expect(fused[0]!.score).toBeCloseTo(2 / (RRF_K + 2))
    expect(fused[0]!.channels).toEqual({ keyword: { rank: 2, score: 5 }, semantic: { rank: 2, score: 0.8 } })
  })
  it('applies channel weights', () => {
    const fused = reciprocalRankFusion([
      { name: 'keyword', ranked: [['a', 1]], weight: 1 },
      { name: 'ngram', ranked: [['b', 1]], weight: 0.5 },
    ])
    expect(fused.map((h) => h.id)).toEqual(['a', 'b'])
    expect(fused[1]!.score).toBeCloseTo(0.5 / (RRF_K + 1))
  })
  it('breaks ties by id, never by input order', () => {
    const one = reciprocalRankFusion([{ name: 'x', ranked: [['b', 1]] }, { name: 'y', ranked: [['a', 1]] }])
    expect(one.map((h) => h.id)).toEqual(['a', 'b'])
  })
})

describe('weightedScoreFusion', () => {
  it('normalises each channel by its best score', () => {
    const fused = weightedScoreFusion([
      { name: 'keyword', ranked: [['a', 10], ['b', 5]] },
      { name: 'ngram', ranked: [['b', 0.4], ['a', 0.1]], weight: 0.5 },
    ])
    expect(fused.map((h) => h.id)).toEqual(['a', 'b'])
    expect(fused[0]!.score).toBeCloseTo(1 + 0.5 * 0.25)
    expect(fused[1]!.score).toBeCloseTo(0.5 + 0.5)
  })
  it('explains each hit with its rank in each channel: its place in the list, or the rank the channel gives', () => {
    const fused = weightedScoreFusion([
      { name: 'keyword', ranked: [['a', 10], ['b', 5]] },
      { name: 'ngram', ranked: [['b', 0.4], ['a', 0.1]], ranks: [3, 7] },
    ])
    expect(fused.find((h) => h.id === 'b')!.channels).toEqual({ keyword: { rank: 2, score: 5 }, ngram: { rank: 3, score: 0.4 } })
    expect(fused.find((h) => h.id === 'a')!.channels).toEqual({ keyword: { rank: 1, score: 10 }, ngram: { rank: 7, score: 0.1 } })
  })
  it('breaks ties by id, never by input order', () => {
    const fused = weightedScoreFusion([{ name: 'keyword', ranked: [['d', 1], ['b', 1], ['c', 1], ['a', 1], ['e', 2]] }])
    expect(fused.map((h) => h.id)).toEqual(['e', 'a', 'b', 'c', 'd'])
  })
  it('never divides by zero when a channel has no positive score', () => {
    const fused = weightedScoreFusion([{ name: 'keyword', ranked: [['a', 0], ['b', 0]] }])
    expect(fused.every((h) => Number.isFinite(h.score))).toBe(true)
  })
})
