// `npm run bench:quality -- [queries.jsonl …] [--json FILE] [--fusion learned|weighted|rrf] [--weights name=w,…] [--show]`
// Scores the judged seed queries (../shared/eval/queries.dev.jsonl by default) in-process, per mode and
// per query type, with the rule of ../shared/eval/evalsearch.py: a hit matches a judged passage when its
// file starts with the judged prefix and its normalised text contains the normalised snippet.

import { readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openEngine } from '../src/search/open.js'
import { Engine, type SearchRequest } from '../src/search/engine.js'
import { defaultModelFile as fusionModelFile } from '../src/search/fusion-model.js'
import { fusionFromArgs } from './lib/beir.js'
import type { SearchHit, SearchMode } from '../src/types.js'
import { fixed, mean, ndcgAt, percentile } from './lib/metrics.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { json: { type: 'string' }, fusion: { type: 'string' }, weights: { type: 'string' }, show: { type: 'boolean' }, modes: { type: 'string' } },
})
const files = positionals.length ? positionals : ['../shared/eval/queries.dev.jsonl']

interface Judged { doc: string; snippet: string; grade: number }
interface EvalQuery { id: string; type: string; query: string; filters: Record<string, string | number>; relevant: Judged[] }
const queries: EvalQuery[] = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as EvalQuery))

/** The scorer's normalisation: lower case, accents and ligatures folded, letters and digits only. */
export function norm(text: string): string {
  return text.replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()
}

function judge(results: SearchHit[], relevant: Judged[], k: number) {
  const gold = relevant.map((r) => ({ ...r, n: norm(r.snippet), hit: false }))
  const gains: number[] = []
  let first = 0
  results.slice(0, k).forEach((result, i) => {
    const text = norm(result.text)
    const candidates = gold.filter((g) => !g.hit && text.includes(g.n) && result.citation.file.startsWith(g.doc))
    if (candidates.length) {
      const best = candidates.reduce((a, b) => (b.grade > a.grade ? b : a))
      best.hit = true
      gains.push(best.grade)
      first ||= i + 1
    } else gains.push(0)
  })
  return {
    ndcg: ndcgAt(k, gains, gold.map((g) => g.grade)),
    recall: gold.filter((g) => g.hit).length / gold.length,
    mrr: first ? 1 / first : 0,
    missed: gold.filter((g) => !g.hit).map((g) => g.snippet),
  }
}

const fusion = fusionFromArgs(values.fusion, values.weights)
// The seeds' index is built for this run in a folder of its own, removed once the engine holds it (the files are read).
const indexDir = await mkdtemp(join(tmpdir(), 'ctoc-quality-'))
const opened = await openEngine({ seedDir: 'seeds', indexDir, model: null })
await rm(indexDir, { recursive: true, force: true })
// No time budget: on a loaded machine a query past it would leave channels out and change the figures.
const engine = new Engine({ ...opened.engine.parts, fusion, timeBudgetMs: Infinity })
console.log(`${queries.length} judged queries over ${engine.passages.length} passages; fusion ${fusion.method} ${JSON.stringify(fusion.weights)}${fusion.model ? ` (${fusionModelFile})` : ''}; dense: ${engine.semanticStatus.dense}`)

const modes = (values.modes?.split(',') ?? ['keyword', 'semantic', 'hybrid']) as SearchMode[]
const report: Record<string, unknown> = {}
for (const mode of modes) {
  const rows: Array<{ id: string; type: string; ndcg: number; recall: number; mrr: number; ms: number }> = []
  for (const q of queries) {
    const request: SearchRequest = { q: q.query, mode, k: 10 }
    if (q.filters.yearFrom !== undefined) request.yearFrom = Number(q.filters.yearFrom)
    if (q.filters.yearTo !== undefined) request.yearTo = Number(q.filters.yearTo)
    if (q.filters.doc !== undefined) request.doc = String(q.filters.doc).split(',')
    const started = performance.now()
    const response = await engine.search(request)
    const ms = performance.now() - started
    const m = judge(response.results, q.relevant, 10)
    rows.push({ id: q.id, type: q.type, ndcg: m.ndcg, recall: m.recall, mrr: m.mrr, ms })
    if (values.show) {
      console.log(`  ${q.id.padEnd(4)} ndcg=${fixed(m.ndcg, 2)} rec=${fixed(m.recall, 2)} mrr=${fixed(m.mrr, 2)}  ${q.query.slice(0, 60)}`)
      for (const s of m.missed) console.log(`       missed: ${s.slice(0, 80)}`)
    }
  }
  const types = [...new Set(rows.map((r) => r.type))].sort()
  const byType = Object.fromEntries(types.map((t) => {
    const of = rows.filter((r) => r.type === t)
    return [t, { n: of.length, ndcg10: mean(of.map((r) => r.ndcg)), recall10: mean(of.map((r) => r.recall)), mrr10: mean(of.map((r) => r.mrr)) }]
  }))
  const times = rows.map((r) => r.ms).sort((a, b) => a - b)
  const all = { ndcg10: mean(rows.map((r) => r.ndcg)), recall10: mean(rows.map((r) => r.recall)), mrr10: mean(rows.map((r) => r.mrr)), p50Ms: percentile(times, 50) }
  report[mode] = { all, byType, perQuery: rows }
  console.log(`\n${mode}: nDCG@10=${fixed(all.ndcg10)} R@10=${fixed(all.recall10)} MRR=${fixed(all.mrr10)} p50=${fixed(all.p50Ms, 2)}ms`)
  for (const [t, v] of Object.entries(byType)) console.log(`  ${t.padEnd(13)} n=${String(v.n).padStart(2)}  nDCG@10=${fixed(v.ndcg10)}  R@10=${fixed(v.recall10)}  MRR=${fixed(v.mrr10)}`)
}
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1))
