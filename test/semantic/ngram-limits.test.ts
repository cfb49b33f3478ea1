// The n-gram index at its edges: its option ranges, the query-gram budget, the matches with their cosines, and
// damaged index files refused with the reason.

import { describe, expect, it } from 'vitest'
import { defaultNgramOptions, NgramIndex, ngramSerializationVersion } from '../../src/semantic/ngram.js'
import { gramPostings } from '../../src/semantic/ngram-postings.js'
import { decodeSections, encodeSections } from '../../src/binary/sections.js'
import { bucketOfLog, keepOrder } from '../../src/semantic/impact-cap.js'

const passages = [
  { id: 'a', text: 'Blanchiment.' },
  { id: 'b', text: 'Le blanchiment du produit du crime et la corruption.' },
  { id: 'c', text: 'Une planche de bois.' },
  { id: 'd', text: 'Les passeurs en mer.' },
]

describe('NgramIndex options', () => {
  it.each([
    [{ minGram: 1 }, /minGram and maxGram must be integers with 2 <= minGram <= maxGram <= 8 \(got 1, 5\)/],
    [{ minGram: 3, maxGram: 9 }, /\(got 3, 9\)/],
    [{ minGram: 2.5 }, /minGram and maxGram/],
    [{ maxPostingsPerGram: 0 }, /maxPostingsPerGram must be an integer in 1–268435456 \(got 0\)/],
    [{ maxPostingsPerGram: 2 ** 28 + 1 }, /maxPostingsPerGram/],
    [{ maxQueryGrams: 0 }, /maxQueryGrams must be an integer in 1–10000 \(got 0\)/],
    [{ maxQueryGrams: 10_001 }, /maxQueryGrams/],
    [{ maxQueryGrams: 1.5 }, /maxQueryGrams/],
  ])('refuses %j with BAD_PARAMETER', (options, message) => {
    expect(() => NgramIndex.build(passages, options)).toThrow(message)
    expect(() => NgramIndex.build(passages, options)).toThrow(expect.objectContaining({ code: 'BAD_PARAMETER' }))
  })

  it('accepts every bound of every range', () => {
    for (const options of [{ minGram: 2, maxGram: 2 }, { minGram: 8, maxGram: 8 }, { maxPostingsPerGram: 1 }, { maxPostingsPerGram: 2 ** 28 }, { maxQueryGrams: 1 }, { maxQueryGrams: 10_000 }]) {
      expect(NgramIndex.build(passages, options).size).toBe(4)
    }
  })

  it('grams of 2 to 2 characters: ` b` and `t ` are grams of a one-letter-padded word', () => {
    // With minGram = maxGram = 2 the query `bt` has the grams ` b`, `bt`, `t `; only `a` and `b` start a word with `b`.
    const bigrams = NgramIndex.build(passages, { minGram: 2, maxGram: 2 })
    expect(bigrams.search('bt', 10).map(([id]) => id).sort()).toEqual(['a', 'b', 'c'])
  })

  it('scores only the rarest query grams when the query has more than maxQueryGrams', () => {
    // `mer` alone is 5 grams (` me`, `mer`, `er `, ` mer`, `mer `); `passeurs` adds more. With a budget of one gram,
    // the rarest decides, and every gram of both words is in one passage only, so `d` is still found, alone.
    const one = NgramIndex.build(passages, { maxQueryGrams: 1 })
    expect(one.search('passeurs mer', 10).map(([id]) => id)).toEqual(['d'])
    // A query gram found in two passages (` bl`: `blanchiment` in a and b) loses to one found in a single passage.
    const found = one.search('blanchiment bois', 10).map(([id]) => id)
    expect(found).toEqual(['c'])
    expect(NgramIndex.build(passages).search('blanchiment bois', 10).map(([id]) => id).sort()).toEqual(['a', 'b', 'c'])
  })
})

describe('NgramQuery matches', () => {
  const index = () => NgramIndex.build(passages)

  it('visits each passage covering the floor, with the cosine top() gives it and its position in the index', () => {
    const q = index().query('blanchiment')
    const visited: Array<[string, number, number]> = []
    q.forEachMatch(0.5, (id, cosine, position) => visited.push([id, cosine, position]))
    expect(visited.map(([id, , position]) => [id, position]).sort()).toEqual([['a', 0], ['b', 1]])
    const top = new Map(q.top(10))
    for (const [id, cosine] of visited) expect(cosine).toBeCloseTo(top.get(id)!, 6)
    // `a` is the word alone: it scores above `b`, which holds it among other words.
    expect(visited.find(([id]) => id === 'a')![1]).toBeGreaterThan(visited.find(([id]) => id === 'b')![1])
    const all: string[] = []
    q.forEachMatch(0.01, (id) => all.push(id))
    expect(all.sort()).toEqual(['a', 'b', 'c'])
  })

  it('has no match, no visit and no cosine for a query of stop words', () => {
    const q = index().query('de la les')
    expect(q.matches(0)).toEqual([])
    const visited: string[] = []
    q.forEachMatch(0, (id) => visited.push(id))
    expect(visited).toEqual([])
    expect(q.top(10)).toEqual([])
    expect(q.coverage('a')).toBe(0)
  })
})

describe('NgramIndex.fromBinary refusals', () => {
  const ids = passages.map((p) => p.id)
  /** The index file with its JSON header edited by `edit`, padded with spaces to its length (sections stay in place). */
  function withHeader(edit: (header: string) => string): Buffer {
    const file = Buffer.concat(NgramIndex.build(passages).toBinary())
    const length = file.readUInt32LE(8)
    const header = edit(file.toString('latin1', 12, 12 + length))
    expect(header.length).toBeLessThanOrEqual(length)
    file.write(header.padEnd(length, ' '), 12, 'latin1')
    return file
  }

  it('refuses a file with no options, saying so and what to run', () => {
    const file = withHeader((h) => h.replace(/"options":\{[^}]*\},/, ''))
    expect(() => NgramIndex.fromBinary(file, ids)).toThrow('The n-gram index is unreadable (missing options): run `npm run index` to rebuild it.')
  })

  it('refuses options stored as null rather than reading the defaults in their place', () => {
    const file = withHeader((h) => h.replace(/"options":\{[^}]*\}/, '"options":null'))
    expect(() => NgramIndex.fromBinary(file, ids)).toThrow('The n-gram index is unreadable (missing options): run `npm run index` to rebuild it.')
  })

  it('refuses stored options out of range as damaged data (INDEX_CORRUPT, not a bad parameter of the caller)', () => {
    const file = withHeader((h) => h.replace(/"minGram":3/, '"minGram":9'))
    expect(() => NgramIndex.fromBinary(file, ids)).toThrow('The n-gram index is unreadable (damaged data): run `npm run index` to rebuild it.')
    expect(() => NgramIndex.fromBinary(file, ids)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }))
  })
})

describe('the n-gram cap (impact-cap.ts)', () => {
  it('buckets log impacts by 1/64 from e^-16, clamping below and above', () => {
    expect(bucketOfLog(-16)).toBe(0)
    expect(bucketOfLog(-20)).toBe(0)
    expect(bucketOfLog(-16 + 1 / 64)).toBe(1)
    expect(bucketOfLog(0)).toBe(16 * 64)
    expect(bucketOfLog(4 - 1 / 128)).toBe(20 * 64 - 1)
    expect(bucketOfLog(4)).toBe(20 * 64 - 1)
    expect(bucketOfLog(50)).toBe(20 * 64 - 1)
  })

  /** The first `cap` of keepOrder over `buckets` (all of them, or the first `length`): 1 for each posting kept. */
  const kept = (buckets: number[], cap: number, length = buckets.length) => {
    const keep = Array<number>(buckets.length).fill(0)
    for (const i of keepOrder(Uint16Array.from(buckets), length).subarray(0, cap)) keep[i] = 1
    return keep
  }

  it('orders postings by decreasing bucket, each bucket in passage order', () => {
    expect([...keepOrder(Uint16Array.of(10, 50, 30, 50, 20, 50), 6)]).toEqual([1, 3, 5, 2, 4, 0])
    expect([...keepOrder(Uint16Array.of(0, 1279, 0, 7), 4)]).toEqual([1, 3, 0, 2])
  })

  it('keeps the cap highest impacts; ties at the boundary first come, first served', () => {
    expect(kept([10, 50, 30, 50, 20, 50], 3)).toEqual([0, 1, 0, 1, 0, 1])
    expect(kept([5, 5, 5, 5], 3)).toEqual([1, 1, 1, 0])
  })

  it('keeps everything above the boundary bucket and fills the rest from it', () => {
    expect(kept([900, 7, 7, 800, 7, 3], 3)).toEqual([1, 1, 0, 1, 0, 0])
  })

  it('keeps bucket 0 impacts only up to the cap, and reads only the first `length` postings', () => {
    expect(kept([0, 0, 0, 0], 2)).toEqual([1, 1, 0, 0])
    expect(kept([50, 60, 70, 80], 1, 2)).toEqual([0, 1, 0, 0])
    expect(kept([1279, 1279, 3], 2)).toEqual([1, 1, 0])
  })
})

describe('NgramIndex term frequencies of 15 and more', () => {
  it('reads past a long frequency to the next passages, and scores it as 15 against its true length', () => {
    // `trafic` has 15 grams, each in all three passages (idf 1, so the query weighs each 1 and its length is √15);
    // `migrants` 21 grams in one passage. Lengths, without IDF: √15 · (1 + ln 200), √(15 + 21) = 6, √15.
    const index = NgramIndex.build([
      { id: 'repeated', text: 'trafic '.repeat(200) },
      { id: 'two-words', text: 'trafic migrants' },
      { id: 'alone', text: 'trafic' },
    ])
    const lengths = { repeated: Math.sqrt(15) * (1 + Math.log(200)), 'two-words': 6, alone: Math.sqrt(15) }
    const pivot = (lengths.repeated + lengths['two-words'] + lengths.alone) / 3
    // The dot product counts tf 200 as 15 (1 + ln 15); the length counts it whole, pulled halfway to the mean.
    const score = (dot: number, length: number) => dot / (Math.sqrt(15) * (pivot / 2 + length / 2))
    const ranked = new Map(index.search('trafic', 10))
    expect(ranked.get('repeated')).toBeCloseTo(score(15 * (1 + Math.log(15)), lengths.repeated), 5)
    expect(ranked.get('two-words')).toBeCloseTo(score(15, lengths['two-words']), 5)
    expect(ranked.get('alone')).toBeCloseTo(score(15, lengths.alone), 5)
  })
})

describe('NgramIndex inputs that do not agree', () => {
  const ids = passages.map((p) => p.id)

  it('refuses word sequences for another number of passages, and postings over another number of passages', () => {
    expect(() => NgramIndex.fromWords(ids, ['trafic'], Uint32Array.from([0, 1, 1]), Uint32Array.from([0]))).toThrow('ngram: 2 word sequences for 4 passages.')
    const postings = gramPostings({ words: ['trafic'], starts: Uint32Array.from([0, 1, 1]), tokens: Uint32Array.from([0]) }, defaultNgramOptions)
    expect(() => NgramIndex.fromPostings(ids, postings)).toThrow('ngram: postings over 2 passages for 4 ids.')
  })

  it('refuses an index file whose sections do not agree, saying which', () => {
    const file = Buffer.concat(NgramIndex.build(passages).toBinary())
    const stored = decodeSections(file, 'ngram', ngramSerializationVersion, 'ngram.bin')
    const names = ['gramBytes', 'gramEnds', 'gramSlots', 'starts', 'postings', 'frequencies', 'norms'] as const
    const types = { gramBytes: Uint8Array, gramEnds: Uint32Array, gramSlots: Int32Array, starts: Uint32Array, postings: Uint8Array, frequencies: Uint32Array, norms: Float32Array }
    /** The file with section `name` cut short by one element. */
    const shortened = (name: (typeof names)[number]) => {
      const sections = Object.fromEntries(names.map((n) => [n, stored.section(n, types[n] as never) as Uint8Array]))
      sections[name] = sections[name]!.subarray(0, sections[name]!.length - 1)
      return Buffer.concat(encodeSections('ngram', ngramSerializationVersion, stored.meta, sections))
    }
    const message = (why: string) => `The n-gram index is unreadable (${why}): run \`npm run index\` to rebuild it.`
    expect(() => NgramIndex.fromBinary(shortened('starts'), ids)).toThrow(message('posting offsets do not match the grams'))
    expect(() => NgramIndex.fromBinary(shortened('frequencies'), ids)).toThrow(message('posting offsets do not match the grams'))
    expect(() => NgramIndex.fromBinary(shortened('postings'), ids)).toThrow(message('posting offsets do not match the postings'))
    expect(() => NgramIndex.fromBinary(shortened('norms'), ids)).toThrow(message('passage lengths do not match the passages'))
  })
})
