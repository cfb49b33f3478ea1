import { analyze } from '../src/text/analyzer.js'
import { KeywordIndex } from '../src/index/keyword.js'
import { countBefore } from '../src/index/keyword-query.js'
import { freeQueries } from '../scripts/lib/queries.js'
import { readFileSync } from 'node:fs'
const kw = KeywordIndex.fromBuffer(readFileSync(process.argv[2]!))
for (const q of freeQueries) {
  const query = kw.query(analyze(q))
  const all = query.top(kw.size).hits
  for (const k of [1, 10, 100, 1000]) {
    const s = performance.now()
    const top = query.top(k).hits
    const t = performance.now() - s
    const same = top.map((h) => h.doc).join() === all.slice(0, k).map((h) => h.doc).join()
    if (!same) console.log('DIFF', q, k)
    if (k === 10) process.stdout.write(`${q.slice(0, 30).padEnd(30)} k10 ${t.toFixed(2)}ms `)
  }
  const pick = all[Math.min(500, all.length - 1)]!
  const s = performance.now()
  const c = countBefore(query.terms, pick.rounded, kw.idOrder[pick.doc]!, null, kw.idOrder)
  console.log(`count ${c} expected ${Math.min(500, all.length - 1)} ${(performance.now() - s).toFixed(2)}ms`)
}
