import { Session } from 'node:inspector/promises'
import { writeFileSync, mkdirSync } from 'node:fs'
import { openEngine } from '../src/index/open.js'
import { randomEmbedder } from '../scripts/lib/synthetic.js'
import { freeQueries, phraseQueries } from '../scripts/lib/queries.js'
const [seedDir, indexDir, mode, out] = process.argv.slice(2)
const { engine } = await openEngine({ seedDir: seedDir!, indexDir: indexDir!, model: null, embedder: randomEmbedder(), build: 'never' })
const qs = mode === 'phrase' ? phraseQueries : freeQueries
const m = (mode === 'phrase' ? 'keyword' : mode) as any
for (const q of qs) await engine.search({ q, mode: m })
const session = new Session(); session.connect()
await session.post('Profiler.enable'); await session.post('Profiler.start')
const t = performance.now()
for (let r = 0; r < 5; r++) for (const q of qs) await engine.search({ q, mode: m })
console.log(mode, 'avg', ((performance.now() - t) / (5 * qs.length)).toFixed(2), 'ms')
const { profile } = await session.post('Profiler.stop')
mkdirSync(out!, { recursive: true }); writeFileSync(`${out}/q.cpuprofile`, JSON.stringify(profile))
