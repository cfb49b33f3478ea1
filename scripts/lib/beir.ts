// Reads a BEIR-layout set (corpus.jsonl, queries*.jsonl, qrels*.jsonl) and builds an engine over it: each corpus
// entry becomes one passage, its title as section. Shared by `bench:beir` and `train:fusion`.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { keywordDocument, ngramDocument } from '../../src/index/build.js'
import { KeywordIndex } from '../../src/index/keyword.js'
import { defaultFusion, Engine, learnedFusionConfig, type FusionConfig } from '../../src/search/engine.js'
import { NgramIndex } from '../../src/semantic/ngram.js'
import { englishTranslator } from '../../src/semantic/translator.js'
import type { DocumentMeta, Passage } from '../../src/types.js'

export interface BeirSet {
  passages: Passage[]
  queries: Array<{ id: string; text: string }>
  /** Query id → judged passage id → grade (> 0). */
  relevant: Map<string, Map<string, number>>
}

/** Reads `dir`, or returns a message saying why it is not in BEIR layout. */
export function readBeir(dir: string): BeirSet | string {
  const files = readdirSync(dir)
  const pick = (prefix: string) =>
    files.find((f) => f.startsWith(prefix) && f.endsWith('.jsonl') && f.includes('dev')) ?? files.find((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
  const queriesFile = pick('queries')
  const qrelsFile = pick('qrels')
  if (!files.includes('corpus.jsonl') || !queriesFile || !qrelsFile) return `${dir} is not in BEIR layout: it needs corpus.jsonl, queries*.jsonl and qrels*.jsonl.`
  const readJsonl = (file: string) =>
    readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>)
  // BEIR names fields `_id` / `query-id` / `corpus-id` / `score`; some copies use `id` / `qid` / `docid` / `rel`.
  const corpus = readJsonl('corpus.jsonl').map((r) => ({ id: String(r._id ?? r.id), title: String(r.title ?? ''), text: String(r.text ?? '') }))
  const relevant = new Map<string, Map<string, number>>()
  for (const r of readJsonl(qrelsFile)) {
    const qid = String(r['query-id'] ?? r.qid)
    const grade = Number(r.score ?? r.rel ?? 1)
    if (grade <= 0) continue
    if (!relevant.has(qid)) relevant.set(qid, new Map())
    relevant.get(qid)!.set(String(r['corpus-id'] ?? r.docid), grade)
  }
  const queries = readJsonl(queriesFile).map((r) => ({ id: String(r._id ?? r.id), text: String(r.text ?? '') })).filter((q) => relevant.has(q.id))
  const passages: Passage[] = corpus.map((c, order) => ({
    id: c.id, docId: 'bench', file: 'corpus.jsonl', paragraph: '', section: c.title ? [c.title] : [], start: 0, end: c.text.length, text: c.text, kind: 'narrative', order,
  }))
  return { passages, queries, relevant }
}

/** An engine over a set's passages (one document), with the given fusion. */
export function beirEngine(set: BeirSet, fusion: FusionConfig): Engine {
  const document: DocumentMeta = { id: 'bench', file: 'corpus.jsonl', symbol: '', title: 'bench', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' }
  const keyword = KeywordIndex.build(set.passages.map(keywordDocument))
  const ngram = NgramIndex.build(set.passages.map(ngramDocument))
  // No time budget: on a loaded machine a query past it would leave channels out and change the figures.
  return new Engine({ documents: [document], passages: set.passages, keyword, ngram, translator: englishTranslator(keyword), fusion, timeBudgetMs: Infinity })
}

/**
 * The fusion a benchmark's `--fusion learned|weighted|rrf` and `--weights name=w,…` ask for; learned (the engine's
 * default, with the committed model) when absent.
 */
export function fusionFromArgs(method = 'learned', weights = ''): FusionConfig {
  if (!['learned', 'weighted', 'rrf'].includes(method)) throw new Error(`--fusion is learned, weighted or rrf, not ${method}`)
  const base = method === 'learned' ? learnedFusionConfig() : { ...defaultFusion, method: method as FusionConfig['method'] }
  const given = Object.fromEntries(weights.split(',').filter(Boolean).map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])]))
  return { ...base, weights: { ...base.weights, ...given } }
}
