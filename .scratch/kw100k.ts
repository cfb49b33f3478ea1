import MiniSearch from 'minisearch'
import { analyze } from '../src/text/analyzer.js'
import { loadCorpus } from '../src/ingest/load.js'
import { keywordDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { freeQueries } from '../scripts/lib/queries.js'

const dir = process.argv[2]!
let t = performance.now()
const corpus = await loadCorpus(dir)
console.log('load corpus', (performance.now() - t).toFixed(0), 'ms', corpus.passages.length)
const docs = corpus.passages.map(keywordDocument)
t = performance.now()
const built = KeywordIndex.build(docs)
console.log('build', (performance.now() - t).toFixed(0), 'ms')
t = performance.now()
const buf = built.toBuffer()
console.log('encode', (performance.now() - t).toFixed(0), 'ms', (buf.length / 1e6).toFixed(1), 'MB')
t = performance.now()
const kw = KeywordIndex.fromBuffer(new Uint8Array(buf))
console.log('decode', (performance.now() - t).toFixed(0), 'ms', 'terms', kw.data.terms.length, 'words', kw.data.words.length)
globalThis.gc?.()
console.log('rss', (process.memoryUsage().rss / 1e6).toFixed(0), 'heap', (process.memoryUsage().heapUsed / 1e6).toFixed(0))
const mini = process.argv[3] === 'ref' ? new MiniSearch<any>({ fields: ['text', 'section'], idField: 'id', tokenize: analyze, processTerm: (t: string) => t, searchOptions: { tokenize: (t: string) => t.split(' ').filter(Boolean), processTerm: (t: string) => t } }) : null
if (mini) { t = performance.now(); mini.addAll(docs); console.log('mini build', (performance.now() - t).toFixed(0)) }
const round = (n: number) => Math.round(n * 10000) / 10000
for (const q of freeQueries) {
  const terms = analyze(q)
  const times: number[] = []
  let top: string[] = []
  let count = 0
  for (let r = 0; r < 5; r++) {
    const s = performance.now()
    const query = kw.query(terms)
    top = query.top(10).hits.map((h) => `${kw.ids[h.doc]}:${round(h.score)}`)
    times.push(performance.now() - s)
  }
  const s2 = performance.now(); const query = kw.query(terms); count = query.matches().count(); const tm = performance.now() - s2
  let line = `${q.padEnd(40)} top ${Math.min(...times).toFixed(2)}ms  matches ${count} (${tm.toFixed(2)}ms)`
  if (mini) {
    const s = performance.now()
    const ref = mini.search(terms.join(' '), { boost: { text: 1, section: 0.5 }, prefix: (term, i, all) => i === all.length - 1 && term.length >= 3 && !/\d/.test(term), fuzzy: (term) => (term.length >= 5 && !/\d/.test(term) ? 0.2 : false), maxFuzzy: 2 })
    const rt = performance.now() - s
    const refTop = ref.map((r) => ({ id: r.id as string, r: round(r.score) })).sort((a, b) => b.r - a.r || (a.id < b.id ? -1 : 1)).slice(0, 10).map((x) => `${x.id}:${x.r}`)
    line += `  mini ${rt.toFixed(1)}ms ${ref.length} ${refTop.join() === top.join() ? 'SAME' : 'DIFF'}`
  }
  console.log(line)
}
