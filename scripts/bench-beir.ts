// `npm run bench:beir -- <dir> [--json FILE] [--fusion rrf|weighted] [--weights keyword=1,ngram=0.5] [--limit N]`
// Scores a BEIR-layout set (corpus.jsonl, queries*.jsonl, qrels*.jsonl) through the engine, per mode:
// nDCG@10, recall@10, MRR@10 and p50 latency. Each corpus entry becomes one passage (its title as section).

import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { keywordDocument, ngramDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { Engine, defaultFusion, type FusionConfig } from '../src/search/engine.js'
import { NgramIndex } from '../src/semantic/ngram.js'
import { englishTranslator } from '../src/semantic/translator.js'
import type { DocumentMeta, Passage, SearchMode } from '../src/types.js'
import { fixed, mean, ndcgAt, percentile, reciprocalRankAt } from './lib/metrics.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'string' }, fusion: { type: 'string' }, weights: { type: 'string' }, limit: { type: 'string' }, modes: { type: 'string' } },
})
const dir = positionals[0]
if (!dir) {
  console.error('usage: npm run bench:beir -- <dir> [--json FILE] [--fusion rrf|weighted] [--weights name=w,…] [--limit N] [--modes keyword,semantic,hybrid]')
  process.exit(2)
}

const readJsonl = (file: string) =>
  readFileSync(join(dir, file), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>)
const pick = (files: string[], prefix: string) => files.find((f) => f.startsWith(prefix) && f.endsWith('.jsonl') && f.includes('dev')) ?? files.find((f) => f.startsWith(prefix) && f.endsWith('.jsonl'))
const files = readdirSync(dir)
const queriesFile = pick(files, 'queries')
const qrelsFile = pick(files, 'qrels')
if (!files.includes('corpus.jsonl') || !queriesFile || !qrelsFile) {
  console.error(`${dir} is not in BEIR layout: it needs corpus.jsonl, queries*.jsonl and qrels*.jsonl.`)
  process.exit(2)
}

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
let queries = readJsonl(queriesFile).map((r) => ({ id: String(r._id ?? r.id), text: String(r.text ?? '') })).filter((q) => relevant.has(q.id))
if (values.limit) queries = queries.slice(0, Number(values.limit))

const document: DocumentMeta = { id: 'bench', file: 'corpus.jsonl', symbol: '', title: 'bench', date: '', year: null, meeting: '', kind: 'meeting-report', sha256: '' }
const passages: Passage[] = corpus.map((c, order) => ({
  id: c.id, docId: 'bench', file: 'corpus.jsonl', paragraph: '', section: c.title ? [c.title] : [], start: 0, end: c.text.length, text: c.text, kind: 'narrative', order,
}))

const fusion: FusionConfig = {
  method: (values.fusion as FusionConfig['method']) ?? defaultFusion.method,
  weights: { ...defaultFusion.weights, ...Object.fromEntries((values.weights ?? '').split(',').filter(Boolean).map((kv) => [kv.split('=')[0]!, Number(kv.split('=')[1])])) },
}
const buildStarted = performance.now()
const keyword = KeywordIndex.build(passages.map(keywordDocument))
const ngram = NgramIndex.build(passages.map(ngramDocument))
const engine = new Engine({ documents: [document], passages, keyword, ngram, translator: englishTranslator(keyword), fusion })
console.log(`${dir}: ${passages.length} passages, ${queries.length} judged queries; indexed in ${Math.round(performance.now() - buildStarted)} ms; fusion ${fusion.method} ${JSON.stringify(fusion.weights)}`)

const modes = (values.modes?.split(',') ?? ['keyword', 'semantic', 'hybrid']) as SearchMode[]
const report: { modes: Record<string, { ndcg10: number; recall10: number; mrr10: number; p50Ms: number }>; perQuery: unknown[] } = { modes: {}, perQuery: [] }
for (const mode of modes) {
  const ndcg: number[] = []
  const recall: number[] = []
  const mrr: number[] = []
  const times: number[] = []
  for (const query of queries) {
    const rels = relevant.get(query.id)!
    const started = performance.now()
    const response = await engine.search({ q: query.text.slice(0, 1000) || '?', mode, k: 10 })
    times.push(performance.now() - started)
    const grades = response.results.map((r) => rels.get(r.id) ?? 0)
    const n = ndcgAt(10, grades, [...rels.values()])
    ndcg.push(n)
    recall.push(grades.filter((g) => g > 0).length / rels.size)
    mrr.push(reciprocalRankAt(10, grades))
    report.perQuery.push({ mode, id: query.id, ndcg10: n, top: response.results.slice(0, 3).map((r) => r.id) })
  }
  times.sort((a, b) => a - b)
  report.modes[mode] = { ndcg10: mean(ndcg), recall10: mean(recall), mrr10: mean(mrr), p50Ms: percentile(times, 50) }
  console.log(`${mode.padEnd(9)} nDCG@10=${fixed(mean(ndcg))}  R@10=${fixed(mean(recall))}  MRR@10=${fixed(mean(mrr))}  p50=${fixed(percentile(times, 50), 2)}ms  p95=${fixed(percentile(times, 95), 2)}ms`)
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1))
