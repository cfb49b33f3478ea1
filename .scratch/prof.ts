import { analyze } from '../src/text/analyzer.js'
import { loadCorpus } from '../src/ingest/load.js'
import { keywordDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { freeQueries } from '../scripts/lib/queries.js'
import { readFileSync, writeFileSync, existsSync } from 'node:fs'

const dir = process.argv[2]!
const cache = `${dir}.kw.bin`
let kw: KeywordIndex
if (existsSync(cache)) kw = KeywordIndex.fromBuffer(readFileSync(cache))
else {
  const corpus = await loadCorpus(dir)
  kw = KeywordIndex.build(corpus.passages.map(keywordDocument))
  writeFileSync(cache, kw.toBuffer())
}
const round = (n: number) => Math.round(n * 10000) / 10000
const parts = { expand: 0, top: 0, matches: 0 }
for (let r = 0; r < 5; r++) for (const q of freeQueries) {
  const terms = analyze(q)
  let s = performance.now()
  const query = kw.query(terms)
  parts.expand += performance.now() - s
  s = performance.now()
  query.top(10)
  parts.top += performance.now() - s
  s = performance.now()
  query.matches().count()
  parts.matches += performance.now() - s
}
console.log(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, (v / 60).toFixed(2)])))
for (const q of freeQueries) {
  const terms = analyze(q)
  const query = kw.query(terms)
  console.log(q.padEnd(30).slice(0, 30), query.terms.map((t) => `${t.expanded.source}:${t.expanded.expansions.length}/${t.tailDocs.length}/${(t.text?.end ?? 0)}`).join(' '))
}
