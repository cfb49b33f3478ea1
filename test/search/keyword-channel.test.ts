// The keyword channel on six hand-written passages whose ids are not in their numbers' order (b e c f a d: a
// permutation that is not its own inverse), so that "by id", "by number" and the two mixed up all differ: its match set within the constraints, its top k, the passages a phrase of
// stop words brings in at score 0, and a passage's rank read without listing the ranking.

import { describe, expect, it } from 'vitest'
import { Bitset } from '../../src/index/bitset.js'
import { keywordDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { KeywordChannel, type PreparedKeyword } from '../../src/search/keyword-channel.js'
import { parseQuery } from '../../src/search/query.js'
import type { Passage } from '../../src/types.js'

const texts = [
  'La protection des témoins est assurée.',
  'Les témoins de la traite sont protégés.',
  'La traite des personnes et la protection des témoins.',
  'Le trafic de migrants par mer.',
  'De la mer et de la terre.',
  'Protection des témoins de la traite.',
]
const IDS = ['b', 'e', 'c', 'f', 'a', 'd']
const SIZE = texts.length

let built: KeywordIndex | undefined
/**
 * The index is built once, inside the tests (not when the file loads: Stryker would count it as static); the channel
 * afresh each time (memoised, Stryker would count its constructor as covered by the first test only).
 */
function channel(): { index: KeywordIndex; channel: KeywordChannel } {
  if (!built) {
    const passages: Passage[] = texts.map((text, order) => ({
      id: IDS[order]!, docId: 'd', file: 'd.pdf', paragraph: String(order + 1), section: [], start: 0, end: text.length, text, kind: 'narrative', order,
    }))
    built = KeywordIndex.build(passages.map(keywordDocument))
  }
  return { index: built, channel: new KeywordChannel(built) }
}

const all = () => Bitset.full(SIZE)
const numbers = (set: Bitset) => [...set.toArray()]
const prepared = (q: string, required: number[] | null = null): PreparedKeyword =>
  channel().channel.prepare(parseQuery(q), required && Bitset.of(SIZE, required))
const docs = (ranked: Array<[number, number]>) => ranked.map(([doc]) => doc)

describe('KeywordChannel.prepare: what matches', () => {
  it('a passage holding a query word, within the required set when there is one', () => {
    expect(numbers(prepared('témoins').matches)).toEqual([0, 1, 2, 5])
    // `témoins -traite`: the constraints keep 0, 3 and 4; of those only 0 holds témoins.
    expect(numbers(prepared('témoins', [0, 3, 4]).matches)).toEqual([0])
  })

  it('with a phrase, every passage holding it: the required set itself, even when no word scores', () => {
    expect(numbers(prepared('"de la"', [1, 4, 5]).matches)).toEqual([1, 4, 5])
    expect(numbers(prepared('"de la" trafic', [1, 4, 5]).matches)).toEqual([1, 4, 5])
  })
})

describe('PreparedKeyword.top', () => {
  it('ranks the matches among the allowed passages, best score first, ties by id; never a passage that scores nothing', () => {
    const channel = prepared('témoins')
    const { ranked, truncated } = channel.top(10, all())
    expect(truncated).toBe(false)
    expect(docs(ranked).sort()).toEqual([0, 1, 2, 5])
    for (let i = 1; i < ranked.length; i++) {
      const [[before, a], [after, b]] = [ranked[i - 1]!, ranked[i]!]
      expect(a > b || (a === b && IDS[before]! < IDS[after]!), `${IDS[before]} before ${IDS[after]}`).toBe(true)
    }
    // Passage 2 holds témoins among four other words, each of 0, 1 and 5 among two: it scores least.
    expect(docs(ranked).at(-1)).toBe(2)
    expect(docs(channel.top(10, Bitset.of(SIZE, [1, 2, 3])).ranked).sort()).toEqual([1, 2])
    expect(channel.top(2, all()).ranked).toEqual(ranked.slice(0, 2))
  })

  it('a score is rounded to four decimals, the same in the ranking and read alone', () => {
    const channel = prepared('témoins')
    for (const [doc, score] of channel.top(10, all()).ranked) {
      expect(score).toBeGreaterThan(0)
      expect(Math.round(score * 10_000)).toBeCloseTo(score * 10_000, 6)
      expect(channel.score(doc)).toBe(score)
    }
    expect(channel.score(3)).toBe(0)
  })

  it('with a phrase of stop words, ranks its passages at 0 by id, as many as asked and allowed', () => {
    // "de la" is in passages 1, 4 and 5, whose ids are e, a, d.
    const channel = prepared('"de la"', [1, 4, 5])
    expect(channel.top(10, Bitset.of(SIZE, [1, 4, 5])).ranked).toEqual([[4, 0], [5, 0], [1, 0]])
    expect(channel.top(2, Bitset.of(SIZE, [1, 4, 5])).ranked).toEqual([[4, 0], [5, 0]])
    expect(channel.top(10, Bitset.of(SIZE, [1, 4])).ranked).toEqual([[4, 0], [1, 0]])
  })

  it('with a phrase, the passages a word scores come first, then the others at 0 by id', () => {
    // "de la" traite: 1 and 5 hold traite, 4 does not.
    const { ranked } = prepared('"de la" traite', [1, 4, 5]).top(10, Bitset.of(SIZE, [1, 4, 5]))
    expect(docs(ranked.slice(0, 2)).sort()).toEqual([1, 5])
    expect(ranked[2]).toEqual([4, 0])
    expect(ranked).toHaveLength(3)
  })
})

describe('PreparedKeyword.ranks', () => {
  it('gives each passage its place in the ranking among the allowed ones', () => {
    const channel = prepared('témoins')
    for (const allowed of [all(), Bitset.of(SIZE, [0, 2, 5])]) {
      const order = docs(channel.top(10, allowed).ranked)
      const ranks = channel.ranks(order, allowed)!
      expect(order.map((doc) => ranks.get(doc))).toEqual(order.map((_, i) => i + 1))
    }
  })

  it('with a phrase, ranks the passages scoring 0 after the scored ones, by id', () => {
    const allowed = Bitset.of(SIZE, [1, 4, 5])
    expect([...prepared('"de la"', [1, 4, 5]).ranks([1, 4, 5], allowed)!]).toEqual([[1, 3], [4, 1], [5, 2]])
    // 1 and 5 hold traite and come first; 4 is third.
    expect(prepared('"de la" traite', [1, 4, 5]).ranks([4], allowed)!.get(4)).toBe(3)
    // Among the allowed only: without 4, passage 5 is first at 0.
    expect(prepared('"de la"', [1, 4, 5]).ranks([5, 1], Bitset.of(SIZE, [1, 5]))!.get(5)).toBe(1)
  })

  it('is null when the deadline has passed', () => {
    expect(prepared('témoins').ranks([0], all(), -1)).toBeNull()
  })
})

describe('PreparedKeyword, the rest', () => {
  it('scoredWhole: every score known for a deep head, not for a shallow one unless already scored', () => {
    expect(prepared('témoins').scoredWhole(1)).toBe(false)
    expect(prepared('témoins').scoredWhole(1_000_000)).toBe(true)
    expect(prepared('témoins').scoredWhole(1_000_000, -1)).toBe(false)
  })

  it('matchedTerms: the index terms a passage matched, a typo\'s correction included', () => {
    expect(prepared('temoims protection').matchedTerms(0)).toEqual(['temoin', 'protect'])
    expect(prepared('témoins').matchedTerms(3)).toEqual([])
  })
})
