import MiniSearch from 'minisearch'
import { analyze } from '../src/text/analyzer.js'
import { loadCorpus } from '../src/ingest/load.js'
import { keywordDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'

const corpus = await loadCorpus('seeds')
const docs = corpus.passages.map(keywordDocument)
const mini = new MiniSearch<any>({ fields: ['text', 'section'], idField: 'id', tokenize: analyze, processTerm: (t: string) => t, searchOptions: { tokenize: (t: string) => t.split(' ').filter(Boolean), processTerm: (t: string) => t } })
mini.addAll(docs)
let t = performance.now()
const kw = KeywordIndex.build(docs)
console.log('build', performance.now() - t)
const buf = kw.toBuffer()
const kw2 = KeywordIndex.fromBuffer(new Uint8Array(buf))
const round = (n: number) => Math.round(n * 10000) / 10000
const queries = ['protection des témoins', 'trafic illicite de migrants par mer', 'coopération internationale', 'Etats parties', 'protectoin des victimes', 'mig', 'trafic trafic migr', 'blanchiment du produit du crime', 'formation des agents des services de détection et de répression', 'sensibilisation du public', 'confiscation des avoirs', 'enquêtes financières parallèles']
let bad = 0
for (const q of queries) {
  const terms = analyze(q)
  const ref = mini.search(terms.join(' '), { boost: { text: 1, section: 0.5 }, combineWith: 'OR', prefix: (term, i, all) => i === all.length - 1 && term.length >= 3 && !/\d/.test(term), fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false), maxFuzzy: 2 })
  const refSorted = ref.map((r) => ({ id: r.id as string, s: r.score, r: round(r.score) })).sort((a, b) => b.r - a.r || (a.id < b.id ? -1 : 1))
  const mine = kw2.search(terms)
  const a = refSorted.map((x) => `${x.id}:${x.s}`).join(',')
  const b = mine.map((x) => `${x.id}:${x.score}`).join(',')
  if (a !== b) { bad++; console.log('DIFF', q, refSorted.length, mine.length); for (let i = 0; i < Math.min(5, refSorted.length); i++) console.log(refSorted[i], mine[i]) }
  const top = kw2.query(terms).top(10).hits.map((h) => `${kw2.ids[h.doc]}:${h.score}`).join(',')
  if (top !== b.split(',').slice(0, 10).join(',')) { bad++; console.log('TOPK DIFF', q) }
}
console.log('bad', bad)
