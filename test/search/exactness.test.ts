// Exactness: the keyword ranking the engine serves (top-k by MaxScore, constraints as bitsets, facets counted in one
// pass) is the exhaustive one — MiniSearch scoring every match, filtered by a plain reading of each passage — on
// generated queries with typos, prefixes, phrases, exclusions, filters and pages.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import MiniSearch from 'minisearch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { adoptionYear } from '../../src/ingest/adoption.js'
import { loadCorpus } from '../../src/ingest/load.js'
import { defaultFusion, Engine, type DenseRetriever, type SearchRequest } from '../../src/search/engine.js'
import { weightedScoreFusion } from '../../src/search/fusion.js'
import { NGRAM_MATCH_FLOOR } from '../../src/search/match-floor.js'
import { NgramIndex } from '../../src/semantic/ngram.js'
import { limitQuery } from '../../src/search/limits.js'
import { isEmptyQuery, parseQuery } from '../../src/search/query.js'
import { analyze, phraseForm } from '../../src/text/analyzer.js'
import type { DocumentMeta, Passage, PassageKind } from '../../src/types.js'
import { writeSyntheticSeeds } from '../../scripts/lib/synthetic.js'

interface Corpus {
  engine: Engine
  /** The same engine without a dense channel: the keyword and n-gram heads alone must then hold the fused head. */
  withoutDense: Engine
  ngram: NgramIndex
  dense: DenseRetriever
  documents: DocumentMeta[]
  passages: Passage[]
  mini: MiniSearch<{ id: string; text: string; section: string }>
  /** Each passage's words in phrase form, padded, as the engine read phrases before positional postings. */
  forms: Map<string, string>
  documentOf: Map<string, DocumentMeta>
  /** The year the filters go by (README: a recommendation's adoption year, else its document's). */
  yearOf: Map<string, number | null>
}

/**
 * A fake dense channel (no model can be downloaded here): a fixed pseudo-random cosine per query and passage, in
 * [-1, 0.1], so that most of its hits lower their fused score — the case where the keyword head must grow.
 */
function fakeDense(passages: readonly Passage[]): DenseRetriever {
  const cosine = (query: string, id: string) => {
    let h = 2166136261
    for (const ch of query + '\u0000' + id) h = Math.imul(h ^ ch.charCodeAt(0), 16777619)
    return ((h >>> 0) / 0xffffffff) * 1.1 - 1
  }
  return {
    modelId: 'fake-dense',
    async search(query, limit, filter) {
      return passages
        .filter((p) => !filter || filter(p.id))
        .map((p): [string, number] => [p.id, round(cosine(query, p.id))])
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, limit)
    },
  }
}

async function corpusOf(dir: string): Promise<Corpus> {
  const { documents, passages } = await loadCorpus(dir)
  const keyword = KeywordIndex.build(passages.map(keywordDocument))
  const ngram = NgramIndex.build(passages.map(ngramDocument))
  const dense = fakeDense(passages)
  // No time budget: on a loaded machine a query could be cut, and this test is about exactness, not time. The
  // channels' weighted sum: its exact head is what the learned fusion re-orders (test/search/learned-fusion.test.ts).
  const engine = new Engine({ documents, passages, keyword, ngram, dense, timeBudgetMs: Infinity, fusion: defaultFusion })
  const withoutDense = new Engine({ documents, passages, keyword, ngram, timeBudgetMs: Infinity, fusion: defaultFusion })
  const identity = (t: string) => t
  const mini = new MiniSearch<{ id: string; text: string; section: string }>({
    fields: ['text', 'section'],
    tokenize: analyze,
    processTerm: identity,
    searchOptions: { tokenize: (t) => t.split(' ').filter(Boolean), processTerm: identity },
  })
  mini.addAll(passages.map(keywordDocument))
  return {
    engine,
    withoutDense,
    ngram,
    dense,
    documents,
    passages,
    mini,
    forms: new Map(passages.map((p) => [p.id, ` ${phraseForm(p.text)} `])),
    documentOf: new Map(passages.map((p) => [p.id, documents.find((d) => d.id === p.docId)!])),
    yearOf: new Map(
      passages.map((p) => {
        const document = documents.find((d) => d.id === p.docId)!
        return [p.id, adoptionYear(document, p) ?? document.year]
      }),
    ),
  }
}

const round = (n: number) => Math.round(n * 10_000) / 10_000

/** Every keyword match of a request, best first (rounded score, then id): MiniSearch over all, then each constraint read plainly. */
function exhaustive(corpus: Corpus, request: SearchRequest): Array<[string, number]> {
  return matchesOf(corpus, request).ranked
}

/** The exhaustive keyword ranking and the predicate of the request's constraints. */
function matchesOf(corpus: Corpus, request: SearchRequest): { ranked: Array<[string, number]>; passes: (p: Passage) => boolean; text: string } {
  const { query } = limitQuery(parseQuery(request.q))
  if (isEmptyQuery(query)) return { ranked: [], passes: () => false, text: '' }
  const terms = [...query.terms, ...query.phraseTerms]
  const scores = new Map<string, number>()
  if (terms.length) {
    const results = corpus.mini.search(terms.join(' '), {
      boost: { text: 1, section: 0.5 },
      prefix: (term, i, all) => i === all.length - 1 && term.length >= 3 && !/\d/.test(term),
      fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false),
      maxFuzzy: 2,
    })
    for (const r of results) scores.set(r.id as string, r.score)
  }
  const docs = request.doc?.length ? corpus.documents.filter((d) => request.doc!.some((ref) => ref === d.id || ref === d.symbol || d.id.startsWith(`${ref}_`))) : null
  const passes = (p: Passage) => {
    const document = corpus.documentOf.get(p.id)!
    const year = corpus.yearOf.get(p.id)!
    if (request.yearFrom !== undefined && (year === null || year < request.yearFrom)) return false
    if (request.yearTo !== undefined && (year === null || year > request.yearTo)) return false
    if (docs && !docs.includes(document)) return false
    if (request.kind?.length && !request.kind.includes(p.kind)) return false
    const form = corpus.forms.get(p.id)!
    return query.phrases.every((phrase) => form.includes(` ${phrase} `)) && !query.excludedPhrases.some((phrase) => form.includes(` ${phrase} `))
  }
  const ranked = corpus.passages
    .filter((p) => passes(p) && (scores.has(p.id) || query.phrases.length > 0))
    .map((p): [string, number] => [p.id, round(scores.get(p.id) ?? 0)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  return { ranked, passes, text: query.text }
}

/**
 * The hybrid ranking, exhaustively: every keyword match, every n-gram match (above the calibrated floor) and the
 * dense channel's 100 best, fused by weighted sum (docs/ranking.md, "What a match is").
 */
async function exhaustiveHybrid(corpus: Corpus, request: SearchRequest, withDense: boolean): Promise<{ ids: string[]; total: number; scores: Map<string, Record<string, unknown>> }> {
  const { ranked, passes, text } = matchesOf(corpus, request)
  if (!text && ranked.length === 0) return { ids: [], total: 0, scores: new Map() }
  const allowed = new Set(corpus.passages.filter(passes).map((p) => p.id))
  const filter = (id: string) => allowed.has(id)
  const semantic = [
    { name: 'ngram', ranked: text ? ngramMatches(corpus.ngram, text, filter) : [] },
    ...(withDense ? [{ name: 'dense', ranked: text ? await corpus.dense.search(text, 100, filter) : [] }] : []),
  ]
  const fused = weightedScoreFusion([{ name: 'keyword', ranked }, ...semantic])
  // Each hit's score in every channel, and the semantic side's rank and score: its channels fused alone.
  const semanticSide = new Map(weightedScoreFusion(semantic).map((hit, i) => [hit.id, { rank: i + 1, score: round(hit.score) }]))
  const scores = new Map(
    fused.map((hit) => {
      const channels = Object.fromEntries(Object.entries(hit.channels).map(([name, { rank, score }]) => [name, { rank, score: round(score) }]))
      return [hit.id, { keyword: null, semantic: semanticSide.get(hit.id) ?? null, ...channels }]
    }),
  )
  return { ids: fused.map((hit) => hit.id), total: fused.length, scores }
}

/** Queries made of the corpus's own words: some exact, some with a typo, the last often cut short, phrases taken from passages. */
function requests(corpus: Corpus): fc.Arbitrary<SearchRequest> {
  const texts = corpus.passages.map((p) => p.text.split(/[^\p{L}\p{N}’']+/u).filter(Boolean))
  const words = [...new Set(texts.flat())].filter((w) => w.length > 1)
  const word = fc.constantFrom(...words)
  const typo = fc.tuple(word, fc.nat(), fc.constantFrom('a', 'e', 'i', 'o', 'r', 's', 't', '')).map(([w, at, c]) => {
    const i = at % w.length
    return w.slice(0, i) + c + w.slice(i + 1)
  })
  const cut = fc.tuple(word, fc.nat()).map(([w, at]) => w.slice(0, 3 + (at % Math.max(1, w.length - 2))))
  const window = fc.tuple(fc.nat(texts.length - 1), fc.nat(), fc.integer({ min: 1, max: 4 })).map(([p, at, size]) => {
    const t = texts[p]!
    const start = t.length ? at % t.length : 0
    return t.slice(start, start + size).join(' ')
  })
  const free = fc.oneof({ weight: 5, arbitrary: word }, { weight: 2, arbitrary: typo }, { weight: 1, arbitrary: cut })
  const phrase = window.map((w) => `"${w}"`)
  const exclusion = fc.oneof(word.map((w) => `-${w}`), window.map((w) => `-"${w}"`))
  const query = fc
    .tuple(fc.array(free, { minLength: 0, maxLength: 6 }), fc.array(phrase, { maxLength: 2 }), fc.array(exclusion, { maxLength: 2 }), fc.option(cut, { nil: undefined }))
    .map(([f, p, e, last]) => [...p, ...f, ...e, ...(last ? [last] : [])].join(' '))
    .filter((q) => q.trim().length > 0 && q.length <= 1000)
  const years = corpus.documents.map((d) => d.year).filter((y): y is number => y !== null)
  const docRef = fc.constantFrom(...corpus.documents.flatMap((d) => [d.id, ...(d.symbol ? [d.symbol] : [])]))
  const kinds: PassageKind[] = ['recommendation', 'deliberation', 'narrative']
  return fc.record(
    {
      q: query,
      k: fc.integer({ min: 1, max: 30 }),
      offset: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
      yearFrom: fc.option(fc.integer({ min: Math.min(...years) - 1, max: Math.max(...years) + 1 }), { nil: undefined }),
      yearTo: fc.option(fc.integer({ min: Math.min(...years) - 1, max: Math.max(...years) + 1 }), { nil: undefined }),
      doc: fc.option(fc.array(docRef, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      kind: fc.option(fc.subarray(kinds, { minLength: 1 }), { nil: undefined }),
    },
    { requiredKeys: ['q', 'k', 'offset'] },
  )
}

// A 2012 recommendation restated in the 2015 compendium (001 ¶7, « campagnes ») counts in 2012: outside yearFrom=2013.
const restated: SearchRequest[] = [{ q: 'cam', k: 1, offset: 0, yearFrom: 2013 }, { q: 'campagnes', k: 5, offset: 0, yearTo: 2012 }]

async function checkAgainstExhaustive(corpus: Corpus, runs: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requests(corpus), async (request) => {
      const expected = exhaustive(corpus, request)
      const response = await corpus.engine.search({ ...request, mode: 'keyword' })
      const page = expected.slice(request.offset!, request.offset! + request.k!)
      expect(response.total).toBe(expected.length)
      expect(response.results.map((hit) => [hit.id, hit.scores.keyword?.score, hit.scores.keyword?.rank])).toEqual(page.map(([id, score], i) => [id, score, request.offset! + i + 1]))
      // Facets count every match: a facet with no filter adds up to the total.
      if (!request.kind) expect(response.facets.kind.reduce((sum, f) => sum + f.count, 0)).toBe(expected.length)
    }),
    { numRuns: runs, seed: 20261130, examples: restated.map((request) => [request]) },
  )
}

function ngramMatches(ngram: NgramIndex, text: string, filter: (id: string) => boolean): Array<[string, number]> {
  const query = ngram.query(text)
  const matched = new Set(query.matches(NGRAM_MATCH_FLOOR).filter(filter))
  return query.top(Math.max(100, matched.size), (id) => matched.has(id))
}

async function checkHybridAgainstExhaustive(corpus: Corpus, runs: number, withDense = true): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requests(corpus), async (request) => {
      const expected = await exhaustiveHybrid(corpus, request, withDense)
      const response = await (withDense ? corpus.engine : corpus.withoutDense).search({ ...request, mode: 'hybrid' })
      expect(response.total).toBe(expected.total)
      expect(response.results.map((hit) => hit.id)).toEqual(expected.ids.slice(request.offset!, request.offset! + request.k!))
      // Every channel's rank and score as the whole rankings give them, though the engine lists only their heads.
      for (const hit of response.results) expect([hit.id, hit.scores]).toEqual([hit.id, expected.scores.get(hit.id)])
    }),
    { numRuns: runs, seed: 20261201, examples: restated.map((request) => [request]) },
  )
}

describe('the keyword ranking is the exhaustive one', () => {
  let seeds: Corpus
  let synthetic: Corpus
  let dir: string
  beforeAll(async () => {
    seeds = await corpusOf('seeds')
    dir = await mkdtemp(join(tmpdir(), 'ctoc-exactness-'))
    await writeSyntheticSeeds(dir, 3000)
    synthetic = await corpusOf(dir)
  }, 120_000)
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('on the seeds: 1,000 generated queries', async () => {
    await checkAgainstExhaustive(seeds, 1000)
  }, 300_000)

  // 3,000 passages of the seeds' sentences, so that common words match most of the corpus and top-k must skip.
  it('on a synthetic corpus of 3,000 passages: 500 generated queries', async () => {
    await checkAgainstExhaustive(synthetic, 500)
  }, 300_000)

  // Hybrid: the fused head is taken from the keyword channel's head and the semantic channels' hits.
  it('in hybrid mode, with the n-gram channel and a fake dense channel whose scores can be negative: 300 queries on the seeds, 200 on the synthetic corpus', async () => {
    await checkHybridAgainstExhaustive(seeds, 300)
    await checkHybridAgainstExhaustive(synthetic, 200)
  }, 300_000)

  // Without a dense channel, the fused head must come from the keyword and n-gram heads, grown until nothing outside
  // them can score more (the n-gram channel matches thousands of the synthetic passages: it is listed in part).
  it('in hybrid mode without a dense channel: 200 queries on the synthetic corpus', async () => {
    await checkHybridAgainstExhaustive(synthetic, 200, false)
  }, 300_000)
})
