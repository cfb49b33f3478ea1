// `npm run bench:beir -- <dir> [--json FILE] [--fusion learned|weighted|rrf] [--weights keyword=1,ngram=0.5] [--limit N]`
// Scores a BEIR-layout set (corpus.jsonl, queries*.jsonl, qrels*.jsonl) through the engine, per mode:
// nDCG@10, recall@10, MRR@10 and p50 latency. Each corpus entry becomes one passage (its title as section).

import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { defaultModelFile as fusionModelFile } from '../src/search/fusion-model.js'
import type { SearchMode } from '../src/types.js'
import { beirEngine, fusionFromArgs, readBeir } from './lib/beir.js'
import { fixed, mean, ndcgAt, percentile, reciprocalRankAt } from './lib/metrics.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'string' }, fusion: { type: 'string' }, weights: { type: 'string' }, limit: { type: 'string' }, modes: { type: 'string' } },
})
const dir = positionals[0]
if (!dir) {
  console.error('usage: npm run bench:beir -- <dir> [--json FILE] [--fusion learned|weighted|rrf] [--weights name=w,…] [--limit N] [--modes keyword,semantic,hybrid]')
  process.exit(2)
}
const set = readBeir(dir)
if (typeof set === 'string') {
  console.error(set)
  process.exit(2)
}
const { passages, relevant } = set
const queries = values.limit ? set.queries.slice(0, Number(values.limit)) : set.queries

const fusion = fusionFromArgs(values.fusion, values.weights)
const buildStarted = performance.now()
const engine = beirEngine(set, fusion)
console.log(`${dir}: ${passages.length} passages, ${queries.length} judged queries; indexed in ${Math.round(performance.now() - buildStarted)} ms; fusion ${fusion.method} ${JSON.stringify(fusion.weights)}${fusion.model ? ` (${fusionModelFile})` : ''}`)

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
