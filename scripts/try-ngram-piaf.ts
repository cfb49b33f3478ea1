// Quick measurement on the PIAF French QA set: nDCG@10 of BM25, of the n-gram channel, and of their sum.
// Usage: npx tsx scripts/try-ngram-piaf.ts [benchDir] [ngramWeight]

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import MiniSearch from 'minisearch'
import { analyze } from '../src/text/analyzer.js'
import { NgramIndex } from '../src/semantic/ngram.js'
import type { Ranked } from '../src/types.js'

const benchDir = process.argv[2] ?? '/work/shared/bench/piaf'
const ngramWeight = Number(process.argv[3] ?? 0.5)
const DEPTH = 100

interface CorpusLine { id: string; title: string; text: string }
interface QueryLine { id: string; text: string }
interface QrelLine { qid: string; docid: string; rel: number }

function readJsonl<T>(file: string): T[] {
  return readFileSync(join(benchDir, file), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T)
}

// BEIR files name their fields `_id` / `query-id` / `corpus-id` / `score`; this copy uses `id` / `qid` / `docid` / `rel`.
const corpus = readJsonl<Record<string, string>>('corpus.jsonl').map(
  (r): CorpusLine => ({ id: r.id ?? r._id ?? '', title: r.title ?? '', text: r.text ?? '' }),
)
const queries = readJsonl<Record<string, string>>('queries.dev.jsonl').map((r): QueryLine => ({ id: r.id ?? r._id ?? '', text: r.text ?? '' }))
const qrels = readJsonl<Record<string, string | number>>('qrels.dev.jsonl').map(
  (r): QrelLine => ({ qid: String(r.qid ?? r['query-id']), docid: String(r.docid ?? r['corpus-id']), rel: Number(r.rel ?? r.score) }),
)
const relevant = new Map<string, Map<string, number>>()
for (const { qid, docid, rel } of qrels) {
  if (rel <= 0) continue
  if (!relevant.has(qid)) relevant.set(qid, new Map())
  relevant.get(qid)!.set(docid, rel)
}
const judged = queries.filter((q) => relevant.has(q.id))

function ndcgAt10(ranked: Ranked, rels: Map<string, number>): number {
  let dcg = 0
  ranked.slice(0, 10).forEach(([id], i) => {
    dcg += ((2 ** (rels.get(id) ?? 0)) - 1) / Math.log2(i + 2)
  })
  const ideal = [...rels.values()].sort((a, b) => b - a).slice(0, 10)
  const idcg = ideal.reduce((sum, rel, i) => sum + (2 ** rel - 1) / Math.log2(i + 2), 0)
  return idcg === 0 ? 0 : dcg / idcg
}

/** Scores divided by the channel's best score for this query, so channels add on one scale. */
function maxNormalised(ranked: Ranked): Ranked {
  const top = ranked[0]?.[1] ?? 0
  return top > 0 ? ranked.map(([id, s]) => [id, s / top]) : []
}

/** Reciprocal rank fusion, the engine's default: each channel adds weight / (60 + rank). */
function reciprocalRanks(channels: Array<[Ranked, number]>): Ranked {
  const sums = new Map<string, number>()
  for (const [ranked, weight] of channels) ranked.forEach(([id], i) => sums.set(id, (sums.get(id) ?? 0) + weight / (60 + i + 1)))
  return [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

function weightedSum(channels: Array<[Ranked, number]>): Ranked {
  const sums = new Map<string, number>()
  for (const [ranked, weight] of channels) for (const [id, s] of maxNormalised(ranked)) sums.set(id, (sums.get(id) ?? 0) + weight * s)
  return [...sums].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
}

let started = performance.now()
const mini = new MiniSearch<CorpusLine>({
  fields: ['title', 'text'],
  tokenize: analyze,
  processTerm: (term) => term,
  searchOptions: { tokenize: (text) => text.split(' ').filter(Boolean), processTerm: (term) => term },
})
mini.addAll(corpus)
const bm25Ms = performance.now() - started
started = performance.now()
const ngram = NgramIndex.build(corpus.map((c) => ({ id: c.id, text: `${c.title}\n${c.text}` })))
const ngramMs = performance.now() - started

/** The query with its longest word's two middle letters swapped: a typo BM25 cannot match exactly. */
function withTypo(text: string): string {
  const longest = text.split(/\s+/).reduce((a, b) => (b.length > a.length ? b : a), '')
  if (longest.length < 5) return text
  const i = Math.floor(longest.length / 2) - 1
  return text.replace(longest, longest.slice(0, i) + longest[i + 1] + longest[i] + longest.slice(i + 2))
}

let ngramQueryMs = 0
function evaluate(label: string, rewrite: (text: string) => string): void {
  const totals = { bm25: 0, ngram: 0, fused: 0, rrf: 0, fuzzy: 0, fuzzyFused: 0 }
  for (const query of judged) {
    const rels = relevant.get(query.id)!
    const text = rewrite(query.text)
    const bm25: Ranked = mini
      .search(analyze(text).join(' '))
      .slice(0, DEPTH)
      .map((r) => [String(r.id), r.score])
    // As the engine's keyword index does: one edit per 5 letters for terms of 5+ letters, at most 2.
    const fuzzy: Ranked = mini
      .search(analyze(text).join(' '), { fuzzy: (term) => (term.length >= 5 ? 0.2 : false), maxFuzzy: 2 })
      .slice(0, DEPTH)
      .map((r) => [String(r.id), r.score])
    const t = performance.now()
    const grams = ngram.search(text, DEPTH)
    ngramQueryMs += performance.now() - t
    totals.bm25 += ndcgAt10(bm25, rels)
    totals.ngram += ndcgAt10(grams, rels)
    totals.fused += ndcgAt10(weightedSum([[bm25, 1], [grams, ngramWeight]]), rels)
    totals.rrf += ndcgAt10(reciprocalRanks([[bm25, 1], [grams, ngramWeight]]), rels)
    totals.fuzzy += ndcgAt10(fuzzy, rels)
    totals.fuzzyFused += ndcgAt10(weightedSum([[fuzzy, 1], [grams, ngramWeight]]), rels)
  }
  const n = judged.length
  console.log(`\n${label}`)
  console.log(`  nDCG@10  BM25 (MiniSearch + Snowball, no fuzzy)     ${(totals.bm25 / n).toFixed(3)}`)
  console.log(`  nDCG@10  n-grams alone                               ${(totals.ngram / n).toFixed(3)}`)
  console.log(`  nDCG@10  BM25 + ${ngramWeight} x n-grams, max-normalised sum ${(totals.fused / n).toFixed(3)}`)
  console.log(`  nDCG@10  BM25 + ${ngramWeight} x n-grams, RRF (k=60)         ${(totals.rrf / n).toFixed(3)}`)
  console.log(`  nDCG@10  fuzzy BM25                                  ${(totals.fuzzy / n).toFixed(3)}`)
  console.log(`  nDCG@10  fuzzy BM25 + ${ngramWeight} x n-grams, max-normalised ${(totals.fuzzyFused / n).toFixed(3)}`)
}

console.log(`PIAF: ${corpus.length} passages, ${judged.length} judged queries`)
evaluate('Queries as written', (text) => text)
evaluate('Queries with a typo (middle letters of the longest word swapped)', withTypo)
console.log(`\nbuild: MiniSearch ${bm25Ms.toFixed(0)} ms, n-grams ${ngramMs.toFixed(0)} ms; n-gram query ${(ngramQueryMs / (2 * judged.length)).toFixed(2)} ms mean`)
