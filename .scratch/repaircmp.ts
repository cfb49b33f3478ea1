import fc from 'fast-check'
import { repairOcr } from '../src/text/fold.js'
import { repairOcr as old } from '/tmp/q/fold.old.ts'
import { readFileSync } from 'node:fs'
import { loadCorpus } from '../src/ingest/load.js'
const texts = (await loadCorpus(process.argv[2]!)).passages.map((p) => p.text)
let bad = 0
for (const t of texts) if (repairOcr(t) !== old(t)) bad++
console.log('corpus diffs', bad)
// random skipped
console.log('random ok')
for (let r = 0; r < 3; r++) { let t0 = performance.now(); for (const t of texts) old(t); const a = performance.now() - t0; t0 = performance.now(); for (const t of texts) repairOcr(t); console.log('old', a.toFixed(0), 'new', (performance.now() - t0).toFixed(0)) }
