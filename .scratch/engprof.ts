import { openEngine } from '../src/index/open.js'
import { randomEmbedder } from '../scripts/lib/synthetic.js'
import { freeQueries } from '../scripts/lib/queries.js'
const [seedDir, indexDir, mode] = process.argv.slice(2)
let t = performance.now()
const { engine } = await openEngine({ seedDir: seedDir!, indexDir: indexDir!, model: null, embedder: randomEmbedder(), build: 'never' })
console.log('load', (performance.now() - t).toFixed(0), 'ms', 'rss', (process.memoryUsage().rss / 1e6).toFixed(0))
for (let r = 0; r < 3; r++) {
  const times: number[] = []
  for (const q of freeQueries) {
    t = performance.now()
    await engine.search({ q, mode: mode as any })
    times.push(performance.now() - t)
  }
  console.log(mode, times.map((x) => x.toFixed(1)).join(' '))
}
