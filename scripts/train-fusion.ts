// `npm run train:fusion [-- <BEIR dir>] [--method linear|trees|linear+trees] [--folds 5] [--l2 X] [--trees N] [--depth D]
//   [--rate R] [--leaf N] [--out FILE] [--dry]`
// Trains the learned fusion (src/search/learned-fusion.ts) on PIAF's questions: for each, the engine's own hybrid
// candidates and feature rows (Engine.fusionCandidates), graded by PIAF's judgements. Cross-validates by folds of
// judged passages (every question on one paragraph in the same fold), printing each held-out fold's nDCG@10 next to
// the channels' weighted fusion on the same candidates; then fits on every question and writes the model with how
// it was made. The seed development queries are never read here: they judge the model (`npm run bench:quality`).

import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { FEATURES } from '../src/search/features.js'
import { explainRow, FUSION_MODEL_FORMAT, RERANK_DEPTH, type FusionModel } from '../src/search/learned-fusion.js'
import { defaultModelFile } from '../src/search/fusion-model.js'
import { beirEngine, readBeir } from './lib/beir.js'
import { defaultLambdaMartOptions, trainLambdaMart, type LambdaMartOptions, type TrainingQuery } from './lib/lambdamart.js'
import { defaultListNetOptions, scoreLinear, trainListNet, type ListNetOptions } from './lib/listnet.js'
import { fixed, mean, ndcgAt } from './lib/metrics.js'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    folds: { type: 'string', default: '5' },
    trees: { type: 'string' },
    depth: { type: 'string' },
    rate: { type: 'string' },
    leaf: { type: 'string' },
    method: { type: 'string' },
    l2: { type: 'string' },
    out: { type: 'string', default: defaultModelFile },
    dry: { type: 'boolean' },
    dump: { type: 'string' },
  },
})
const dir = positionals[0] ?? '../shared/bench/piaf'
const set = readBeir(dir)
if (typeof set === 'string') {
  console.error(set)
  process.exit(2)
}
const method = (values.method ?? 'linear') as 'linear' | 'trees' | 'linear+trees'
if (!['linear', 'trees', 'linear+trees'].includes(method)) {
  console.error(`--method is linear, trees or linear+trees, not ${method}`)
  process.exit(2)
}
const listnet: ListNetOptions = { ...defaultListNetOptions, ...(values.l2 ? { l2: Number(values.l2) } : {}) }
const lambdaMart: LambdaMartOptions = {
  ...defaultLambdaMartOptions,
  ...(values.trees ? { trees: Number(values.trees) } : {}),
  ...(values.depth ? { depth: Number(values.depth) } : {}),
  ...(values.rate ? { learningRate: Number(values.rate) } : {}),
  ...(values.leaf ? { minLeafRows: Number(values.leaf) } : {}),
}
const folds = Number(values.folds)

// The engine ranks with the channels' weighted fusion here: the candidates and their order are the model's input.
const engine = beirEngine(set, { method: 'weighted', weights: { keyword: 1, crosslingual: 1, ngram: 1, dense: 1 } })
const started = performance.now()
interface Sample extends TrainingQuery { id: string; fold: number; ids: string[] }
const samples: Sample[] = []
// Each channel alone, on the same questions (they learn nothing, so every question is held out for them).
const single = { keyword: [] as number[], semantic: [] as number[] }
for (const query of set.queries) {
  const grades = set.relevant.get(query.id)!
  const q = query.text.slice(0, 1000) || '?'
  for (const mode of ['keyword', 'semantic'] as const) {
    const { results } = await engine.search({ q, mode, k: 10 })
    single[mode].push(ndcgAt(10, results.map((r) => grades.get(r.id) ?? 0), [...grades.values()]))
  }
  const { ids, rows } = await engine.fusionCandidates({ q })
  // Questions on the same paragraph share a fold, so no fold is judged on a paragraph it was trained on.
  const fold = hash([...grades.keys()].sort()[0]!) % folds
  samples.push({ id: query.id, fold, rows, ids, labels: ids.map((id) => grades.get(id) ?? 0), judged: [...grades.values()] })
}
console.log(`${dir}: ${set.queries.length} questions, ${samples.reduce((n, s) => n + s.rows.length, 0)} candidates (first ${RERANK_DEPTH} of the hybrid fusion each), ${FEATURES.length} features; read in ${Math.round(performance.now() - started)} ms`)
if (values.dump) writeFileSync(values.dump, JSON.stringify({ features: FEATURES, samples: samples.map((s) => ({ ...s, rows: s.rows.map((r) => Array.from(r)) })) }))
console.log(`${method}: ${JSON.stringify(method === 'linear' ? listnet : method === 'trees' ? lambdaMart : { listnet, lambdaMart })}, ${folds}-fold cross-validation by judged paragraph`)

// nDCG@10 of a query's candidates ordered by `score` (the channels' order on ties, as the engine breaks them by id).
const ndcg = (s: Sample, score: (i: number) => number) => {
  const order = s.labels.map((_, i) => i).sort((a, b) => score(b) - score(a) || a - b)
  return ndcgAt(10, order.map((i) => s.labels[i]!), s.judged)
}
const channelOrder = (s: Sample) => ndcg(s, (i) => -i)

const fit = (train: Sample[]): FusionModel => {
  const linear = method === 'trees' ? undefined : trainListNet(train, listnet)
  const start = linear && train.map((s) => s.rows.map((row) => scoreLinear(linear, row)))
  const { trees, bias } = method === 'linear' ? { trees: [], bias: 0 } : trainLambdaMart(train, { ...lambdaMart, ...(start ? { start } : {}) })
  return { format: FUSION_MODEL_FORMAT, features: [...FEATURES], bias, ...(linear ? { linear } : {}), trees, training: {} }
}
const learnedOrder = (model: FusionModel) => (s: Sample) => ndcg(s, (i) => explainRow(model, s.rows[i]!).score)

const heldOut: number[] = []
const before: number[] = []
const perFold: Array<{ questions: number; channels: number; learned: number }> = []
for (let fold = 0; fold < folds; fold++) {
  const train = samples.filter((s) => s.fold !== fold)
  const test = samples.filter((s) => s.fold === fold)
  const learned = test.map(learnedOrder(fit(train)))
  const channels = test.map(channelOrder)
  heldOut.push(...learned)
  before.push(...channels)
  perFold.push({ questions: test.length, channels: round(mean(channels)), learned: round(mean(learned)) })
  console.log(`fold ${fold}: ${test.length} questions held out; channels' fusion ${fixed(mean(channels))} → learned ${fixed(mean(learned))}`)
}
console.log(`nDCG@10 over ${samples.length} questions: keyword ${fixed(mean(single.keyword))}, semantic ${fixed(mean(single.semantic))}, hybrid by the channels' weighted sum ${fixed(mean(before))}, hybrid learned ${fixed(mean(heldOut))} (held out)`)

const model = fit(samples)
console.log(`fitted on every question: ${fixed(mean(samples.map(learnedOrder(model))))} on its own training data (not a measure of quality)`)
if (model.linear) console.log(`linear weights: ${FEATURES.map((name, f) => `${name} ${model.linear!.weights[f]!.toFixed(3)}`).join(', ')}`)
model.training = {
  data: `PIAF (${dir}): ${set.queries.length} questions over ${set.passages.length} paragraphs; for each, the first ${RERANK_DEPTH} candidates of the channels' weighted fusion, graded by the judged paragraph`,
  method: { linear: 'ListNet top-one, linear (scripts/lib/listnet.ts)', trees: 'LambdaMART (scripts/lib/lambdamart.ts)', 'linear+trees': 'ListNet linear, then LambdaMART trees boosted on its scores' }[method],
  settings: method === 'linear' ? listnet : method === 'trees' ? lambdaMart : { listnet, lambdaMart },
  crossValidation: {
    folds,
    by: 'judged paragraph',
    nDCG10: { keyword: round(mean(single.keyword)), semantic: round(mean(single.semantic)), channelsFusion: round(mean(before)), learned: round(mean(heldOut)) },
    perFold,
  },
  command: `npm run train:fusion -- ${process.argv.slice(2).join(' ')}`.trim(),
}
if (!values.dry) {
  writeFileSync(values.out!, JSON.stringify(model) + '\n')
  console.log(`wrote ${values.out}`)
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000
}
