// Exactness of the n-gram query: whether it sums into an array of the corpus's size or into the index's scratch
// arrays and keeps only the passages it touched, every answer is the one the exhaustive reference gives — the query
// as it was before session 9, kept here — bit for bit: the top k (ties included), the matches with their cosines
// and positions in order, and any passage's cosine and coverage, also after later queries reused the scratch.

import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { decodeSections } from '../../src/binary/sections.js'
import { StringTable } from '../../src/binary/string-table.js'
import { logTf, TF_LOW } from '../../src/semantic/impact-cap.js'
import { NgramIndex, ngramSerializationVersion, wordGrams, type NgramQuery } from '../../src/semantic/ngram.js'
import { isStopWord, tokenize } from '../../src/text/analyzer.js'

type Visit = [id: string, cosine: number, position: number]

/**
 * The reference: the n-gram query of main `0a6f04d`, read from the index file. Every passage's sums in one array of
 * the corpus's size (`2p`: dot product, `2p + 1`: covered weight), every answer a pass over all of it. `leftOut`: the
 * most common grams a deadline left unread.
 */
function referenceQuery(index: NgramIndex, ids: readonly string[], text: string, leftOut = 0) {
  const stored = decodeSections(Buffer.concat(index.toBinary()), 'ngram', ngramSerializationVersion, 'ngram.bin')
  const { options } = stored.meta as { options: { minGram: number; maxGram: number; maxQueryGrams: number } }
  const grams = StringTable.fromArrays({ bytes: stored.section('gramBytes', Uint8Array), ends: stored.section('gramEnds', Uint32Array), slots: stored.section('gramSlots', Int32Array) })
  const starts = stored.section('starts', Uint32Array)
  const postings = stored.section('postings', Uint8Array)
  const frequencies = stored.section('frequencies', Uint32Array)
  const norms = stored.section('norms', Float32Array)
  const n = ids.length
  const idf = new Float32Array(frequencies.length)
  for (let g = 0; g < frequencies.length; g++) idf[g] = Math.log((n + 1) / (frequencies[g]! + 1)) + 1
  let sum = 0
  for (let p = 0; p < n; p++) sum += norms[p]!
  const pivot = n === 0 ? 0 : sum / n
  const divisors = new Float32Array(n)
  for (let p = 0; p < n; p++) divisors[p] = 0.5 * pivot + 0.5 * norms[p]!
  const logTfs = Float32Array.from({ length: TF_LOW + 1 }, (_, tf) => logTf(tf))

  const queryTf = new Map<number, number>()
  for (const { term } of tokenize(text)) {
    if (isStopWord(term)) continue
    for (const gram of wordGrams(term, options.minGram, options.maxGram)) {
      const g = grams.indexOf(gram)
      if (g >= 0) queryTf.set(g, (queryTf.get(g) ?? 0) + 1)
    }
  }
  const scored = [...queryTf]
    .map(([g, tf]) => ({ g, weight: logTf(tf) * idf[g]! }))
    .sort((a, b) => idf[b.g]! - idf[a.g]! || a.g - b.g)
    .slice(0, options.maxQueryGrams)
  scored.length -= leftOut
  const sums = new Float32Array(2 * n)
  let querySquares = 0
  let dotSquares = 0
  for (const { g, weight } of scored) {
    const squared = weight * weight
    querySquares += squared
    const idfWeight = weight * idf[g]!
    dotSquares += idfWeight * idfWeight
    let p = 0
    for (let at = starts[g]!; at < starts[g + 1]!; ) {
      let byte = postings[at++]!
      if (byte === 0) {
        while (postings[at++]! & 0x80);
        p = 0
        continue
      }
      let value = byte & 0x7f
      for (let scale = 0x80; byte & 0x80; scale *= 0x80) {
        byte = postings[at++]!
        value += (byte & 0x7f) * scale
      }
      const tf = value % (TF_LOW + 1)
      p += (value - tf) / (TF_LOW + 1)
      if (tf === TF_LOW) while (postings[at++]! & 0x80);
      sums[2 * p]! += idfWeight * logTfs[tf]!
      sums[2 * p + 1]! += squared
    }
  }
  const queryNorm = Math.sqrt(dotSquares)
  const cosineAt = (p: number) => sums[2 * p]! / (divisors[p]! * queryNorm)
  const position = (id: string) => ids.indexOf(id)
  return {
    top(limit: number, filter?: (id: string) => boolean): Array<[string, number]> {
      if (limit <= 0 || querySquares === 0) return []
      const all: Array<[number, number]> = []
      for (let p = 0; p < n; p++) if (sums[2 * p + 1] !== 0 && (!filter || filter(ids[p]!))) all.push([cosineAt(p), p])
      return all
        .sort((a, b) => b[0] - a[0] || a[1] - b[1])
        .slice(0, limit)
        .map(([score, p]) => [ids[p]!, score])
    },
    visits(floor: number): Visit[] {
      if (querySquares === 0) return []
      const least = Math.max(floor * querySquares, Number.MIN_VALUE)
      const found: Visit[] = []
      for (let p = 0; p < n; p++) if (sums[2 * p + 1]! >= least) found.push([ids[p]!, cosineAt(p), p])
      return found
    },
    cosine(id: string): number {
      const p = position(id)
      return p < 0 || sums[2 * p + 1] === 0 ? 0 : cosineAt(p)
    },
    coverage(id: string): number {
      const p = position(id)
      return p < 0 || querySquares === 0 ? 0 : sums[2 * p + 1]! / querySquares
    },
  }
}

function visits(query: NgramQuery, floor: number): Visit[] {
  const found: Visit[] = []
  query.forEachMatch(floor, (id, cosine, position) => found.push([id, cosine, position]))
  return found
}

/** Every answer of `query` against the reference's for the same text. */
function expectSameAnswers(query: NgramQuery, reference: ReturnType<typeof referenceQuery>, ids: readonly string[]): void {
  for (const limit of [1, 3, 10, ids.length + 1]) expect(query.top(limit)).toEqual(reference.top(limit))
  const odd = (id: string) => Number(id.slice(1)) % 2 === 1
  expect(query.top(5, odd)).toEqual(reference.top(5, odd))
  for (const floor of [0, 0.26, 0.5, 1]) {
    expect(visits(query, floor)).toEqual(reference.visits(floor))
    expect(query.matches(floor)).toEqual(reference.visits(floor).map(([id]) => id))
  }
  for (const id of [...ids, 'not-a-passage']) {
    expect(query.cosine(id)).toBe(reference.cosine(id))
    expect(query.coverage(id)).toBe(reference.coverage(id))
  }
}

/** Words sharing grams (`trafic`, `trafics`, `trafiquant`), so that passages tie and grams pass a small cap. */
const words = ['trafic', 'trafics', 'trafiquant', 'migrants', 'migration', 'mer', 'passeurs', 'passeur', 'témoins', 'témoin', 'protection', 'enquêtes', 'enquete', 'blanchiment', 'avoirs', 'saisie', 'quetzal']

const passageText = fc.array(fc.constantFrom(...words, 'de', 'la'), { minLength: 0, maxLength: 8 }).map((w) => w.join(' '))
const queryText = fc.array(fc.constantFrom(...words, 'de', 'trafiq', 'xyzzy'), { minLength: 0, maxLength: 4 }).map((w) => w.join(' '))

describe('NgramIndex.query against the exhaustive reference', () => {
  it('gives the same answers, bit for bit, over generated corpora, caps and queries, ties included', () => {
    const modes = { dense: 0, sparse: 0 }
    fc.assert(
      fc.property(
        // Duplicated texts tie; a small cap keeps few postings of the common grams, so that a query reads fewer
        // postings than there are passages and sums sparsely; a large one reads them all.
        fc.array(passageText, { minLength: 1, maxLength: 120 }).chain((texts) => fc.tuple(fc.constant(texts), fc.array(fc.nat(texts.length - 1), { maxLength: 30 }))),
        fc.integer({ min: 1, max: 40 }),
        fc.array(queryText, { minLength: 1, maxLength: 4 }),
        ([texts, copies], cap, queries) => {
          const all = [...texts, ...copies.map((i) => texts[i]!)]
          const ids = all.map((_, i) => `p${i}`)
          const index = NgramIndex.build(all.map((text, i) => ({ id: ids[i]!, text })), { maxPostingsPerGram: cap })
          const asked = queries.map((text) => ({ text, query: index.query(text), reference: referenceQuery(index, ids, text) }))
          // Each query's answers, read after every query ran: the later ones reused the scratch arrays.
          for (const { query, reference } of asked) {
            expectSameAnswers(query, reference, ids)
            if (query.top(1).length === 0) continue
            modes[isSparse(query) ? 'sparse' : 'dense']++
            // A sparse query holds the passages it touched and no other (a bit left set by an earlier query would
            // add a slot of zeros: invisible in the answers, a cost that grows with the corpus).
            if (isSparse(query)) expect(slots(query)).toBe(ids.filter((id) => reference.coverage(id) > 0).length)
          }
          // The first query again, into scratch arrays the others used.
          expectSameAnswers(index.query(queries[0]!), asked[0]!.reference, ids)
        },
      ),
      { numRuns: 300, seed: 9 },
    )
    // Both ways of summing were exercised.
    expect(modes.dense).toBeGreaterThan(20)
    expect(modes.sparse).toBeGreaterThan(20)
  })

  it('keeps a sparse query’s answers whole however many queries follow it', () => {
    // 400 passages, a cap of 3: `quetzal` reads 3 postings of each common gram, far fewer than the passages.
    const texts = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? 'quetzal trafic' : i % 3 === 0 ? 'trafic migrants' : 'passeurs mer'))
    const ids = texts.map((_, i) => `p${i}`)
    const index = NgramIndex.build(texts.map((text, i) => ({ id: ids[i]!, text })), { maxPostingsPerGram: 3 })
    const first = index.query('quetzal')
    expect(isSparse(first)).toBe(true)
    for (const text of ['trafic', 'migrants mer', 'passeurs', 'quetzal trafic']) index.query(text)
    expectSameAnswers(first, referenceQuery(index, ids, 'quetzal'), ids)
    expectSameAnswers(index.query('quetzal'), referenceQuery(index, ids, 'quetzal'), ids)
  })
})

/** What a query's sums hold (see `QuerySums`): read from inside, to check which way it summed. */
const found = (query: NgramQuery) => (query as unknown as { found: { positions: Uint32Array | null } }).found

/** Whether a query summed sparsely (into the index's scratch arrays, keeping the passages it touched). */
const isSparse = (query: NgramQuery): boolean => found(query).positions !== null

/** How many passages a sparse query holds. */
const slots = (query: NgramQuery): number => found(query).positions!.length

describe('NgramIndex.query scored for a floor (MaxScore) against the exhaustive reference', () => {
  it('lists the same matches at and above its floor, bit for bit, and any passage’s scores once asked', () => {
    let prunedQueries = 0
    fc.assert(
      fc.property(
        fc.array(passageText, { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(queryText, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0.05, 0.26, 0.5, 0.9, 1),
        fc.boolean(),
        fc.integer({ min: 0, max: 3 }),
        (texts, cap, queries, floor, batched, stride) => {
          const ids = texts.map((_, i) => `p${i}`)
          const index = NgramIndex.build(texts.map((text, i) => ({ id: ids[i]!, text })), { maxPostingsPerGram: cap })
          // Passages named as likely to be asked about (every `stride`-th, and one the index lacks), scored in the
          // query's own pass: their scores, and everything else, as the reference gives them.
          const likely = stride === 0 ? undefined : () => [...ids.filter((_, i) => i % stride === 0), 'not-a-passage']
          const asked = queries.map((text) => ({ query: index.query(text, Infinity, floor, likely), reference: referenceQuery(index, ids, text) }))
          for (const { query, reference } of asked) {
            if (pruned(query)) prunedQueries++
            for (const f of [floor, floor + 0.1, 1]) {
              expect(visits(query, f)).toEqual(reference.visits(f))
              expect(query.matches(f)).toEqual(reference.visits(f).map(([id]) => id))
            }
            // Its top: the exhaustive ranking restricted to the passages covering the floor.
            const matched = new Set(reference.visits(floor).map(([id]) => id))
            for (const limit of [1, 10, ids.length + 1]) expect(query.top(limit)).toEqual(reference.top(limit, (id) => matched.has(id)))
            // Every passage's scores: summed in one pass for many (`complete`), or one at a time when asked.
            if (batched) query.complete([...ids].reverse())
            for (const id of [...ids, 'not-a-passage']) {
              expect(query.cosine(id)).toBe(reference.cosine(id))
              expect(query.coverage(id)).toBe(reference.coverage(id))
            }
          }
        },
      ),
      { numRuns: 300, seed: 12 },
    )
    // The floor left grams to the passages already touched in many queries: the fast path was exercised.
    expect(prunedQueries).toBeGreaterThan(100)
  })

  it('gives the same answers when its essential grams alone read more postings than there are passages', () => {
    // Every passage holds `trafic` (IDF 1), every other one `passeurs` too: the grams of `passeurs` are the essential
    // ones and read 3/2 postings a passage (its own array of sums), those of `trafic` add to the passages they reached.
    const texts = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 'trafic passeurs' : i % 3 === 0 ? 'trafic trafics' : 'trafic'))
    const ids = texts.map((_, i) => `p${i}`)
    const index = NgramIndex.build(texts.map((text, i) => ({ id: ids[i]!, text })))
    const query = index.query('passeurs trafic', Infinity, 0.26)
    expect(isSparse(query)).toBe(false)
    expect(pruned(query)).toBe(true)
    const reference = referenceQuery(index, ids, 'passeurs trafic')
    expect(visits(query, 0.26)).toEqual(reference.visits(0.26))
    for (const id of ids) {
      expect(query.cosine(id)).toBe(reference.cosine(id))
      expect(query.coverage(id)).toBe(reference.coverage(id))
    }
  })

  it('refuses to list matches below its floor', () => {
    const index = NgramIndex.build([{ id: 'p0', text: 'trafic migrants' }])
    expect(() => index.query('trafic', Infinity, 0.26).matches(0.1)).toThrow(RangeError)
  })
})

/** Whether a query read some grams only for the passages already touched (then it sums others' on demand). */
const pruned = (query: NgramQuery): boolean => (query as unknown as { rest: unknown }).rest !== null

describe('NgramIndex.query touching few passages of many', () => {
  // 3 000 passages of `mer` and a few of rarer words planted anywhere: a sparse query then touches a few of the
  // scratch array's 94 words, takes out only those, and must list them in passage order whatever order its grams
  // (and the likely passages) reached them in.
  const rare = words.filter((w) => !['mer', 'passeurs', 'passeur'].includes(w))
  const size = 3000
  it('takes out the same sums, in passage order, wherever its grams reached them first', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(size - 1), { minLength: 1, maxLength: 6 }).chain((at) => fc.tuple(fc.constant(at), fc.array(fc.array(fc.constantFrom(...rare), { minLength: 1, maxLength: 2 }), { minLength: at.length, maxLength: at.length }))),
        fc.array(fc.constantFrom(...rare), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0, 0.26, 0.5),
        fc.array(fc.nat(size - 1), { maxLength: 4 }),
        fc.boolean(),
        ([at, planted], query, floor, likelyAt, batched) => {
          const texts = Array.from({ length: size }, () => 'mer')
          at.forEach((p, i) => (texts[p] = planted[i]!.join(' ')))
          const ids = texts.map((_, i) => `p${i}`)
          const index = NgramIndex.build(texts.map((text, i) => ({ id: ids[i]!, text })))
          const text = query.join(' ')
          const likely = () => likelyAt.map((p) => ids[p]!)
          const scored = index.query(text, Infinity, floor, floor > 0 ? likely : undefined)
          const reference = referenceQuery(index, ids, text)
          for (const f of [floor, 1]) expect(visits(scored, f)).toEqual(reference.visits(f))
          const matched = new Set(reference.visits(floor).map(([id]) => id))
          for (const limit of [1, 10]) expect(scored.top(limit)).toEqual(reference.top(limit, floor > 0 ? (id) => matched.has(id) : undefined))
          const asked = [...at, ...likelyAt, 0, size - 1].map((p) => ids[p]!)
          if (batched) scored.complete(asked)
          for (const id of asked) {
            expect(scored.cosine(id)).toBe(reference.cosine(id))
            expect(scored.coverage(id)).toBe(reference.coverage(id))
          }
        },
      ),
      { numRuns: 60, seed: 15 },
    )
  })
})

describe('NgramIndex.query searching its common grams for the passages it touched', () => {
  // 1500 passages of common words, so that their grams hold 500–1000 postings (kept whole, or capped in impact
  // groups), and a few of rarer words sharing grams with them planted anywhere: a query's grams past the essential
  // ones are then searched for the few passages it touched instead of walked (see `GramLookups`), or walked when
  // their lists are short or it touched many — the same sums, bit for bit, either way.
  const size = 1500
  const background = ['trafic migrants', 'trafic protection', 'migrants passeurs']
  const rare = ['trafiquant', 'trafics', 'migration', 'quetzal', 'blanchiment', 'témoins', 'enquêtes', 'passeur']
  afterEach(() => vi.restoreAllMocks())
  it('gives the same answers as the walk, over floors, caps, likely passages and deadlines', () => {
    let searched = 0
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(size - 1), fc.array(fc.constantFrom(...rare), { minLength: 1, maxLength: 2 })), { minLength: 1, maxLength: 40 }),
        fc.constantFrom(600, 900, 5000),
        fc.array(fc.array(fc.constantFrom(...rare, 'trafic', 'migrants', 'protection'), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(0.05, 0.26, 0.5, 0.9),
        fc.array(fc.nat(size - 1), { maxLength: 30 }),
        fc.option(fc.integer({ min: 1, max: 12 })),
        fc.boolean(),
        (planted, cap, queries, floor, likelyAt, gramsInTime, batched) => {
          const texts = Array.from({ length: size }, (_, i) => background[i % background.length]!)
          for (const [at, words] of planted) texts[at] = words.join(' ')
          const ids = texts.map((_, i) => `p${i}`)
          const index = NgramIndex.build(texts.map((text, i) => ({ id: ids[i]!, text })), { maxPostingsPerGram: cap })
          const likely = () => likelyAt.map((p) => ids[p]!)
          // Each query twice: a gram's list is decoded once a second query asks for it (see `GramLookups.of`).
          for (const words of [...queries, ...queries]) {
            const text = words.join(' ')
            // A deadline that passes after `gramsInTime` grams: the clock ticks once a gram.
            let tick = 0
            if (gramsInTime !== null) vi.spyOn(performance, 'now').mockImplementation(() => ++tick)
            const scored = index.query(text, gramsInTime ?? Infinity, floor, likely)
            vi.restoreAllMocks()
            const reference = referenceQuery(index, ids, text, scored.gramsLeftOut)
            for (const f of [floor, 1]) expect(visits(scored, f)).toEqual(reference.visits(f))
            const matched = new Set(reference.visits(floor).map(([id]) => id))
            for (const limit of [1, 10]) expect(scored.top(limit)).toEqual(reference.top(limit, (id) => matched.has(id)))
            const asked = [...planted.map(([p]) => p), ...likelyAt, 0, 1, 2, size - 1].map((p) => ids[p]!)
            if (batched) scored.complete(asked)
            for (const id of asked) {
              expect(scored.cosine(id)).toBe(reference.cosine(id))
              expect(scored.coverage(id)).toBe(reference.coverage(id))
            }
          }
          if (lookups(index) > 0) searched++
        },
      ),
      { numRuns: 80, seed: 17 },
    )
    // The searches were exercised (in the others, every gram was walked).
    expect(searched).toBeGreaterThan(15)
  })
})

/** How many postings an index holds decoded for searching its long grams (see `GramLookups`). */
const lookups = (index: NgramIndex): number => (index as unknown as { lookups: { size: number } }).lookups.size
