import { loadCorpus } from '../src/ingest/load.js'
import { analyze } from '../src/text/analyzer.js'
const { passages } = await loadCorpus('seeds')
const a = passages.find((p) => p.id === '000_f4384e2a98d04a30.p59')!
const b = passages.find((p) => p.id === '003_b17467f420381ed3.p3')!
const A = new Set(analyze(a.text)), B = new Set(analyze(b.text))
const inter = [...A].filter((x) => B.has(x))
console.log(A.size, B.size, inter.length, inter.length / (A.size + B.size - inter.length))
console.log([...A].join(' ')); console.log([...B].join(' '))
