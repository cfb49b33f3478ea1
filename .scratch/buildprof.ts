import { loadCorpus } from '../src/ingest/load.js'
import { keywordDocument } from '../src/index/build.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { tokenize, analyze } from '../src/text/analyzer.js'
const corpus = await loadCorpus(process.argv[2]!)
const docs = corpus.passages.map(keywordDocument)
let t = performance.now()
for (const d of docs) tokenize(d.text)
console.log('tokenize', (performance.now() - t).toFixed(0))
t = performance.now()
for (const d of docs) analyze(d.text)
console.log('analyze', (performance.now() - t).toFixed(0))
t = performance.now()
KeywordIndex.build(docs)
console.log('build', (performance.now() - t).toFixed(0))
t = performance.now()
KeywordIndex.build(docs)
console.log('build again', (performance.now() - t).toFixed(0))
